"""Undo and redo for a window's menu, through the session, with failures said where asked."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from workshop_app.errors import AppError
from workshop_app.ui.undo import HistoryAction
from workshop_app.ui.workshop_session import WorkshopSession


class SessionHistoryAction(HistoryAction):
    """HistoryAction (named for the action it reverses) stepping through the session's one
    undo path; why a step could not be made goes to `report`, the asking window's message."""

    def __init__(
        self,
        parent: QObject,
        session: WorkshopSession,
        report: Callable[..., None],
        backwards: bool,
    ) -> None:
        super().__init__(parent, session.undo_stack, backwards)
        self._session = session
        self._report = report
        # Always enabled: Ctrl+Z with nothing to undo says so instead of doing nothing silently.
        stack = session.undo_stack
        (stack.canUndoChanged if backwards else stack.canRedoChanged).disconnect(self.setEnabled)
        self.setEnabled(True)

    def _step(self) -> None:
        stack = self._session.undo_stack
        if not (stack.canUndo() if self._backwards else stack.canRedo()):
            self._report(
                self.tr("Nothing to undo.") if self._backwards else self.tr("Nothing to redo.")
            )
            return
        try:
            if self._backwards:
                done = self.tr("Undone: %1").replace("%1", self._session.undo())
            else:
                done = self.tr("Redone: %1").replace("%1", self._session.redo())
        except AppError as exc:
            self._report(exc.message)
            return
        # Said, because what it changed may be out of sight; until something else is done.
        index = stack.index()
        self._report(done, lambda: stack.index() == index)
