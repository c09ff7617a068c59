"""Keeping the board's read model current without reloading it.

After an action the board is patched with just the records it touched: a loose note added,
edited, moved or deleted costs the same on a 50,000-note board as on an empty one. Anything
involving clusters, stacks or themes is answered with `None`, and the caller reloads the board.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.board import Board, Card
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
