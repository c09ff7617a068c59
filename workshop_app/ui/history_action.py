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
        report: Callable[[str], None],
        backwards: bool,
    ) -> None:
        super().__init__(parent, session.undo_stack, backwards)
        self._session = session
        self._report = report

    def _step(self) -> None:
        try:
            self._session.undo() if self._backwards else self._session.redo()
        except AppError as exc:
            self._report(exc.message)
