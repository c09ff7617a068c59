"""A note typed that says what one on the board already says ("Repair cafe" and "Repair café")
is saved as typed, and the facilitator is offered to stack the two with one key, so the vote
later counts one option, not two."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from workshop_app.core.board import Card, fold
from workshop_app.core.operations import board as ops
from workshop_app.errors import AppError

if TYPE_CHECKING:
    from workshop_app.ui.board_screen import BoardScreen

_EDGE_PUNCTUATION = " .!?,;:\"'()"


def twin_key(text: str) -> str:
    """Case, accents, hyphens, spacing and end punctuation do not make a different note."""
    return " ".join(fold(text).split()).strip(_EDGE_PUNCTUATION)


class TwinOffer(QObject):
    def __init__(self, screen: BoardScreen) -> None:
        super().__init__(screen)
        self.screen = screen
        self.pending: tuple[str, str] | None = None  # (new note, the one already there)
        self._keys: dict[str, str] = {}  # card text -> twin key, so each text is folded once
        screen.capture.note_edit.textEdited.connect(self.withdraw)

    def _key(self, card: Card) -> str:
        key = self._keys.get(card.text)
        if key is None:
            key = self._keys[card.text] = twin_key(card.text)
        return key

    def after_capture(self, note_id: str, text: str) -> None:
        wanted = twin_key(text)
        self.pending = None
        if not wanted:
            return
        cards = self.screen.board_model.board.cards
        twin = next((c for c in cards.values() if c.id != note_id and self._key(c) == wanted), None)
        if twin is None:
            return
        self.pending = (note_id, twin.id)
        self.screen.capture.show_message(
            self.tr(
                "Saved. It looks the same as “%1” already on the board: press Ctrl+D now to "
                "stack them as one note, so the vote counts them together."
            ).replace("%1", twin.text),
            self._still_offered,
        )

    def _still_offered(self) -> bool:
        """The offer stands while both notes are on the board (an undo of the new one ends
        it, and Ctrl+D then does nothing by surprise)."""
        if self.pending is None:
            return False
        cards = self.screen.board_model.board.cards
        if not all(note_id in cards for note_id in self.pending):
            self.pending = None
        return self.pending is not None

    def withdraw(self, *_args: object) -> None:
        self.pending = None

    def accept(self) -> bool:
        """Ctrl+D while the offer stands: stack the new note on the one already there."""
        if self.pending is None:
            return False
        new_id, twin_id = self.pending
        self.pending = None
        cards = self.screen.board_model.board.cards
        if new_id not in cards or twin_id not in cards:
            self.screen.capture.clear_message()
            return False
        try:
            self.screen.run(ops.stack_duplicates(twin_id, [new_id]))
        except AppError as exc:
            self.screen.capture.show_message(exc.message)
            return True
        self.screen.capture.show_message(
            self.tr(
                "Stacked as one note: the vote will count them together. Ctrl+Z separates "
                "them again."
            )
        )
        return True
