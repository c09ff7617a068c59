"""One QUndoCommand for every action: core journals what changed, undo puts it back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from workshop_app.core.operations.history import restore
from workshop_app.core.records import Change, RecordKey, State
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
        # Pushing calls redo() once, but the action has already been performed.
        self._skip = True
        self.failed = False

    def skip_next(self) -> None:
        """The stack index must be stepped back over a failed apply without applying again."""
        self._skip = True

    def _apply(self, states: dict[RecordKey, State], undoing: bool) -> None:
        if self._skip:
            self._skip = False
            return
        self.failed = False
        revs = self._change.revs
        try:
            # Refused (UndoRefusedError) when a record moved on since: nothing is saved, and
            # step() keeps the stack where it was.
            left = self._db.run(restore(states, revs, undoing))
        except Exception as exc:  # shown to the user; the stack stays usable
            self.failed = True
            self._on_error(exc)
        else:
            self._change.revs = left
        self._on_applied()

    def redo(self) -> None:
        self._apply(self._change.after, undoing=False)

    def undo(self) -> None:
        self._apply(self._change.before, undoing=True)


def step(stack: QUndoStack, backwards: bool) -> None:
    """Undo or redo one action; if saving it fails, stay where we were so a retry repeats it
    (QUndoStack alone would move on and the next Ctrl+Z would undo an older action)."""
    index = stack.index()
    command = stack.command(index - 1 if backwards else index)
    if command is None:
        return
    stack.undo() if backwards else stack.redo()
    if isinstance(command, JournalCommand) and command.failed:
        command.skip_next()
        stack.redo() if backwards else stack.undo()


class HistoryAction(QAction):
    """Undo or redo, named for the action it will reverse like QUndoStack's own actions, but
    stepping with step() so a failed save is retried rather than skipped."""

    def __init__(self, parent: QObject, stack: QUndoStack, backwards: bool) -> None:
        super().__init__(parent)
        self._stack = stack
        self._backwards = backwards
        # Bound methods, not lambdas: Qt drops the connections when either side is deleted.
        if backwards:
            self._name(stack.undoText())
            self.setEnabled(stack.canUndo())
            stack.undoTextChanged.connect(self._name)
            stack.canUndoChanged.connect(self.setEnabled)
        else:
            self._name(stack.redoText())
            self.setEnabled(stack.canRedo())
            stack.redoTextChanged.connect(self._name)
            stack.canRedoChanged.connect(self.setEnabled)
        self.triggered.connect(self._step)

    def _name(self, action: str) -> None:
        if self._backwards:
            self.setText(self.tr("&Undo %s") % action if action else self.tr("&Undo"))
        else:
            self.setText(self.tr("&Redo %s") % action if action else self.tr("&Redo"))

    def _step(self) -> None:
        step(self._stack, self._backwards)
