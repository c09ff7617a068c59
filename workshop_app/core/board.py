"""The board as a read model: themes, cards (with stacked duplicates) and clusters, plus the
rows each column shows under a search filter. Views ask for this; they never query."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.outcomes import outcome_labels
from workshop_app.core.themes import ThemeInfo, list_themes
from workshop_app.core.workshops import WorkshopInfo, get_workshop
from workshop_app.store.models import Cluster, Note


# Card and Row are NamedTuples rather than frozen dataclasses: a 5,000-note board builds
# 10,000 of them after every action, and a tuple is built in half the time.
class Card(NamedTuple):
    id: str
    theme_id: str
    cluster_id: str | None
    text: str
    table_label: str
    seq: int
    duplicate_ids: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return 1 + len(self.duplicate_ids)


@dataclass(frozen=True)
class ClusterView:
    id: str
    theme_id: str
    name: str
    card_ids: tuple[str, ...]
    note_count: int


class Row(NamedTuple):
    kind: Literal["cluster", "card"]
    id: str
    card: Card | None = None
    cluster: ClusterView | None = None
    in_cluster: bool = False


@dataclass
class Board:
    workshop: WorkshopInfo
    themes: list[ThemeInfo]
    cards: dict[str, Card] = field(default_factory=dict)
    clusters: dict[str, ClusterView] = field(default_factory=dict)
    # Each tagged priority's (cluster's or card's) outcome labels by its id, in set order.
    tags: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def theme(self, theme_id: str) -> ThemeInfo | None:
        return next((t for t in self.themes if t.id == theme_id), None)

    def note_count(self, theme_id: str) -> int:
        return sum(c.count for c in self.cards.values() if c.theme_id == theme_id)

    @property
    def total_notes(self) -> int:
        return sum(c.count for c in self.cards.values())


def load_board(session: Session, workshop_id: str) -> Board:
    board = Board(get_workshop(session, workshop_id), list_themes(session, workshop_id))
    live_themes = {t.id for t in board.themes}
    # Core execution, not the ORM's: plain column tuples load a 5,000-note board several times
    # faster, and the board is reloaded after every action.
    rows = (
        session.connection()
        .execute(
            select(
                Note.id,
                Note.theme_id,
                Note.cluster_id,
                Note.duplicate_of,
                Note.text,
                Note.table_label,
                Note.seq,
            )
            .where(Note.workshop_id == workshop_id, Note.deleted_at.is_(None))
            .order_by(Note.seq, Note.id)
        )
        .all()
    )  # fetched at once: row-by-row iteration costs a call per note
    tops: dict[str, list] = {}
    dups: dict[str, list[str]] = {}
    for nid, theme_id, cluster_id, dup_of, text, label, seq in rows:
        if theme_id not in live_themes:
            continue
        if dup_of is not None:
            dups.setdefault(dup_of, []).append(nid)
        else:
            tops[nid] = [nid, theme_id, cluster_id, text, label, seq]
    # A duplicate whose top note is gone shows as a card of its own rather than vanishing.
    orphaned = False
    for top_id in list(dups):
        if top_id not in tops:
            for orphan in dups.pop(top_id):
                note = session.get(Note, orphan)
                if note is not None:
                    orphaned = True
                    tops[orphan] = [
                        note.id,
                        note.theme_id,
                        note.cluster_id,
                        note.text,
                        note.table_label,
                        note.seq,
                    ]
    clusters = session.execute(
        select(Cluster.id, Cluster.theme_id, Cluster.name)
        .where(Cluster.workshop_id == workshop_id, Cluster.deleted_at.is_(None))
        .order_by(Cluster.seq, Cluster.id)
    )
    cluster_names = {cid: (theme_id, name) for cid, theme_id, name in clusters}
    members: dict[str, list[str]] = {cid: [] for cid in cluster_names}
    # Rows came in capture order; only an orphan taken in above can be out of place.
    ordered = sorted(tops.values(), key=lambda r: r[5]) if orphaned else tops.values()
    for nid, theme_id, cluster_id, text, label, seq in ordered:
        if cluster_id not in cluster_names:
            cluster_id = None
        card = Card(nid, theme_id, cluster_id, text, label, seq, tuple(dups.get(nid, ())))
        board.cards[nid] = card
        if cluster_id is not None:
            members[cluster_id].append(nid)
    for cid, (theme_id, name) in cluster_names.items():
        ids = tuple(members[cid])
        if ids:
            count = sum(board.cards[i].count for i in ids)
            board.clusters[cid] = ClusterView(cid, theme_id, name, ids, count)
    board.tags = outcome_labels(session, workshop_id)
    return board


# Marks that join the parts of one word ("Co-op", "don't", "St. Mary's") are left out of the
# search form, so "coop" finds "Co-op" and "dont" finds "don't".
_JOINERS = dict.fromkeys(map(ord, "-\u2010\u2011'\u2019."))


def fold(text: str) -> str:
    """Case-, accent- and hyphen-insensitive form for searching (kept text is never altered)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_JOINERS)


def table_labels(board: Board) -> list[str]:
    """The distinct table labels on the board, in a natural order (Table 2 before Table 10)."""
    labels = {c.table_label for c in board.cards.values() if c.table_label.strip()}
    return sorted(labels, key=natural_key)


def natural_key(text: str) -> tuple:
    parts = re.split(r"(\d+)", fold(text))
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


Folder = Callable[[Card], str]


def folded_card(card: Card) -> str:
    """A card's text and table label folded for search, apart so no match spans both."""
    return fold(card.text) + "\x00" + fold(card.table_label)


def matching_ids(
    cards: Iterable[Card], folded_of: Folder, query: str, table: str | None
) -> set[str] | None:
    """The ids of the cards a search and a table filter keep; None when nothing filters.
    `folded_of` returns a card's folded text (cached by the caller)."""
    folded = fold(query.strip())
    if not folded and table is None:
        return None
    return {
        c.id
        for c in cards
        if (table is None or c.table_label == table) and (not folded or folded in folded_of(c))
    }


@dataclass
class ColumnRows:
    """One column's rows with nothing filtered: each cluster's header followed by its cards,
    then the loose cards, in capture order."""

    clustered: list[Row] = field(default_factory=list)
    loose: list[Row] = field(default_factory=list)


def board_rows(board: Board, only: str | None = None) -> dict[str, ColumnRows]:
    """Every column's rows (or `only` that theme's), unfiltered: the board screen builds them
    once per board and narrows them at each search."""
    columns = {t.id: ColumnRows() for t in board.themes if only in (None, t.id)}
    for cluster in board.clusters.values():
        column = columns.get(cluster.theme_id)
        if column is None:
            continue
        column.clustered.append(Row("cluster", cluster.id, cluster=cluster))
        column.clustered.extend(
            Row("card", i, card=board.cards[i], in_cluster=True) for i in cluster.card_ids
        )
    for card in board.cards.values():
        column = columns.get(card.theme_id)
        if column is not None and card.cluster_id is None:
            column.loose.append(Row("card", card.id, card=card))
    return columns


def narrowed_rows(
    columns: dict[str, ColumnRows], kept: set[str] | None, query: str, table: str | None
) -> dict[str, list[Row]]:
    """The columns' rows under a search and a table filter. `kept` holds the matching cards'
    ids (matching_ids()), None when nothing filters; a cluster whose name matches the search
    shows all its cards (of the table filtered on)."""
    if kept is None:
        return {tid: c.clustered + c.loose for tid, c in columns.items()}
    folded = fold(query.strip())
    out: dict[str, list[Row]] = {}
    for theme_id, column in columns.items():
        rows: list[Row] = []
        group: list[Row] = []
        name_hit = False
        for row in column.clustered:
            if row.kind == "cluster":
                if len(group) > 1:
                    rows.extend(group)
                group = [row]
                name = row.cluster.name if row.cluster is not None else ""
                name_hit = bool(folded) and folded in fold(name)
            elif row.id in kept or (
                name_hit and row.card is not None and table in (None, row.card.table_label)
            ):
                group.append(row)
        if len(group) > 1:
            rows.extend(group)
        rows.extend([row for row in column.loose if row.id in kept])
        out[theme_id] = rows
    return out


def column_rows(
    board: Board, theme_id: str, query: str = "", table: str | None = None
) -> list[Row]:
    """What one column shows: each cluster's header then its cards, then loose cards.

    `query` keeps cards whose text or table matches; `table` keeps only that table's cards.
    """
    kept = matching_ids(board.cards.values(), folded_card, query, table)
    column = board_rows(board, only=theme_id)
    return narrowed_rows(column, kept, query, table).get(theme_id, [])


def matching_count(board: Board, query: str, table: str | None = None) -> int:
    kept = matching_ids(board.cards.values(), folded_card, query, table)
    return len(board.cards) if kept is None else len(kept)
