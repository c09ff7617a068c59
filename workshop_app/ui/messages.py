"""The one-line message under a dialog's controls: an error in red, or a quiet confirmation."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from workshop_app.errors import AppError

if TYPE_CHECKING:
    from workshop_app.ui.workshop_session import WorkshopSession


def show_message(label: QLabel, text: str, error: bool) -> None:
    # The style sheet keys on the object name, so the style must be re-applied after renaming.
    label.setObjectName("captureMessage" if error else "registerMessage")
    label.style().unpolish(label)
    label.style().polish(label)
    label.setText(text)
    label.setVisible(bool(text))


@contextmanager
def reporting(label: QLabel) -> Iterator[None]:
    """Run a window's action; if it fails, stop there and say why in that window's label."""
    try:
        yield
    except AppError as exc:
        show_message(label, exc.message, True)


def step_history(session: WorkshopSession, label: QLabel, backwards: bool) -> None:
    """Undo or redo through the session's one path, saying truthfully what happened."""
    stack = session.undo_stack
    if not (stack.canUndo() if backwards else stack.canRedo()):
        text = label.tr("Nothing to undo.") if backwards else label.tr("Nothing to redo.")
        show_message(label, text, False)
        return
    with reporting(label):
        if backwards:
            done = label.tr("Undone: %1").replace("%1", session.undo())
        else:
            done = label.tr("Redone: %1").replace("%1", session.redo())
        show_message(label, done, False)
