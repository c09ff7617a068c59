"""One QUndoCommand for every action: core journals what changed, undo puts it back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from workshop_app.core.records import Change, apply_states
from workshop_app.store.database import Database


class JournalCommand(QUndoCommand):
    """Already performed when pushed; undo/redo re-apply the journaled states as new changes."""

    def __init__(
        self,
        db: Database,
        text: str,
        change: Change,
        on_applied: Callable[[], None],
        on_error: Callable[[Exception], None],
    ) -> None:
        super().__init__(text)
        self._db = db
        self._change = change
        self._on_applied = on_applied
        self._on_error = on_error
        self._first = True

    def _apply(self, states: dict) -> None:
        try:
            self._db.run(lambda s: apply_states(s, states))
        except Exception as exc:  # shown to the user; the stack stays usable
            self._on_error(exc)
        self._on_applied()

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._apply(self._change.after)

    def undo(self) -> None:
        self._apply(self._change.before)
