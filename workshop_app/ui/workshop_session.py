"""The one way the screens change data: run a named operation, journal it, say what changed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

from workshop_app.core.operations import Operation, Query, everything_changed
from workshop_app.core.records import Change, take_change
from workshop_app.errors import AppError
from workshop_app.store.database import Database
from workshop_app.ui.undo import JournalCommand, step

T = TypeVar("T")
# Each step holds whole records (a 10,000-note import stays in memory): keep the last 200.
UNDO_LIMIT = 200


def open_data_folder(data_dir: Path) -> Database:
    """Open (creating or migrating) the data folder: the one place a window touches the store."""
    return Database.open(data_dir)


class WorkshopSession(QObject):
    """The data folder as the screens use it: every screen of the open workshop shares one.

    `run(operation)` performs a named operation (core/operations) in one committed
    transaction, puts it on the undo stack, emits `changed` with what it touched and `saved`,
    and returns the operation's typed result. A failure raises the operation's AppError to the
    caller, so its message lands in the window that asked and nowhere else. `read(query)`
    reads; `undo()` and `redo()` are the one path for stepping through the history."""

    # The Change of every action, undo and redo: which records of which tables it touched.
    changed = Signal(object)
    saved = Signal(str)

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.workshop_id = ""
        # Set by the last erasure when the file could not be cleaned yet (None when it was).
        self.scrub_notice: str | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self._step_error: Exception | None = None
        # The Change of each command on the stack (undo and redo write the revs they leave
        # into it), so every step can be told what the records it holds look like now.
        self._journal: list[tuple[JournalCommand, Change]] = []

    def open_workshop(self, workshop_id: str) -> None:
        """Screens now show this workshop; another workshop's steps are no longer undoable."""
        if workshop_id != self.workshop_id:
            self.undo_stack.clear()
        self.workshop_id = workshop_id

    # --- reading and acting -------------------------------------------------------------------
    def read(self, query: Query[T]) -> T:
        return self._db.read(query)

    def run(self, operation: Operation[T]) -> T:
        """Perform one operation as one transaction; raises its AppError, saving nothing."""
        change = Change()

        def transaction(session) -> T:  # type: ignore[no-untyped-def]
            nonlocal change
            result = operation(session)
            change = take_change(session)
            return result

        result = self._db.run(transaction)
        if not operation.undoable:
            # Erasure: scrub the old bytes, and older steps may still hold the erased words.
            # Another reader can keep the old bytes on disk a while: the caller says so.
            self.scrub_notice = self._db.scrub()
            self.undo_stack.clear()
            change = everything_changed()
        elif not change.empty:
            text = QCoreApplication.translate("Operations", operation.label)
            command = JournalCommand(
                self._db, text, change, lambda: self._applied(change), self._failed
            )
            self.undo_stack.push(command)
            self._journal.append((command, change))
        self._applied(change)
        return result

    # --- history ------------------------------------------------------------------------------
    def undo(self) -> str:
        """Undo the last action; returns its name, raises why when it could not be undone."""
        return self._step(backwards=True)

    def redo(self) -> str:
        return self._step(backwards=False)

    def _step(self, backwards: bool) -> str:
        stack = self.undo_stack
        text = stack.undoText() if backwards else stack.redoText()
        self._step_error = None
        step(stack, backwards)
        if self._step_error is not None:
            error, self._step_error = self._step_error, None
            raise error
        return text

    def _applied(self, change: Change) -> None:
        if self._step_error is not None:
            return  # nothing was saved
        self._pass_on_revs(change)
        self.changed.emit(change)
        stamp = datetime.now().strftime("%H:%M:%S")
        self.saved.emit(self.tr("Saved at %s") % stamp)

    def _pass_on_revs(self, change: Change) -> None:
        """Our own later write of a record is not "changed since" for the other steps that
        hold it: a step refuses only when something outside this history moved the record."""
        stack = self.undo_stack
        live = {id(stack.command(i)) for i in range(stack.count())}
        self._journal = [(cmd, ch) for cmd, ch in self._journal if id(cmd) in live]
        for _, other in self._journal:
            if other is change:
                continue
            for key in other.revs.keys() & change.revs.keys():
                other.revs[key] = change.revs[key]

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, AppError):
            exc = AppError(self.tr("That could not be saved: %s") % exc)
        self._step_error = exc
