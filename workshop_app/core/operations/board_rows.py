"""Keeping the board's read model current without reloading it, and filtering it in one pass.

After an action the board is patched with just the records it touched: a loose note added,
edited, moved or deleted costs the same on a 50,000-note board as on an empty one. Anything
involving clusters, stacks or themes is answered with `None`, and the caller reloads the board.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.board import Board, Card, Row, fold
from workshop_app.store.models import Note

# Which tables a board patch can follow record by record; the others mean a reload.
PATCHABLE = frozenset({"notes"})


@dataclass
class BoardPatch:
    """Cards to take off the board (by id) and cards to put on it."""

    removed: list[Card] = field(default_factory=list)
    added: list[Card] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.removed and not self.added


def _loose(card: Card | None) -> bool:
    return card is None or (card.cluster_id is None and not card.duplicate_ids)


def stacked_ids(board: Board) -> set[str]:
    """The notes stacked under another card (they show as its count, not as cards)."""
    return {d for card in board.cards.values() for d in card.duplicate_ids}


def read_patch(
    session: Session, board: Board, stacked: set[str], note_ids: Iterable[str]
) -> BoardPatch | None:
    """What the touched notes change on `board`, or None when only a reload can tell (a note
    in a cluster or a stack, or stacked onto another). `stacked` is stacked_ids(board)."""
    ids = list(note_ids)
    rows = session.execute(
        select(
            Note.id,
            Note.workshop_id,
            Note.theme_id,
            Note.cluster_id,
            Note.duplicate_of,
            Note.text,
            Note.table_label,
            Note.seq,
            Note.deleted_at,
        ).where(Note.id.in_(ids))
    ).all()
    live_themes = {t.id for t in board.themes}
    patch = BoardPatch()
    for nid, wid, theme_id, cluster_id, dup_of, text, label, seq, deleted_at in rows:
        old = board.cards.get(nid)
        if nid in stacked or not _loose(old) or cluster_id is not None or dup_of is not None:
            return None
        if old is not None:
            patch.removed.append(old)
        shown = deleted_at is None and wid == board.workshop.id and theme_id in live_themes
        if shown:
            patch.added.append(Card(nid, theme_id, None, text, label, seq))
    return patch


def apply_patch(board: Board, patch: BoardPatch) -> None:
    """Put the patch into the board's cards, keeping them in capture order."""
    for card in patch.removed:
        board.cards.pop(card.id, None)
    last = next(reversed(board.cards.values()), None) if board.cards else None
    in_order = True
    for card in sorted(patch.added, key=lambda c: (c.seq, c.id)):
        if last is not None and (card.seq, card.id) < (last.seq, last.id):
            in_order = False
        board.cards[card.id] = card
        last = card
    if not in_order:  # an undone delete puts an old card back in its place
        board.cards = dict(sorted(board.cards.items(), key=lambda kv: (kv[1].seq, kv[0])))


Folder = Callable[[Card], str]


def folded_card(card: Card) -> str:
    """A card's text and table label folded for search, apart so no match spans both."""
    return fold(card.text) + "\x00" + fold(card.table_label)


def filtered_rows(
    board: Board, folded_of: Folder, query: str, table: str | None
) -> tuple[dict[str, list[Row]], int]:
    """Every column's rows under a search and a table filter, and how many cards match, in one
    pass over the board. `folded_of` returns a card's folded text (cached by the caller)."""
    folded = fold(query.strip())
    filtering = bool(folded) or table is not None

    def keep(card: Card) -> bool:
        if table is not None and card.table_label != table:
            return False
        return not folded or folded in folded_of(card)

    kept = {cid: keep(c) for cid, c in board.cards.items()} if filtering else {}
    rows: dict[str, list[Row]] = {t.id: [] for t in board.themes}
    for cluster in board.clusters.values():
        column = rows.get(cluster.theme_id)
        if column is None:
            continue
        cards = [board.cards[i] for i in cluster.card_ids]
        if filtering:
            name_hit = bool(folded) and folded in fold(cluster.name)
            cards = [
                c
                for c in cards
                if (name_hit and (table is None or c.table_label == table)) or kept[c.id]
            ]
            if not cards:
                continue
        column.append(Row("cluster", cluster.id, cluster=cluster))
        column.extend(Row("card", c.id, card=c, in_cluster=True) for c in cards)
    for card in board.cards.values():
        column = rows.get(card.theme_id)
        if column is None or card.cluster_id is not None:
            continue
        if filtering and not kept[card.id]:
            continue
        column.append(Row("card", card.id, card=card))
    count = sum(kept.values()) if filtering else len(board.cards)
    return rows, count
