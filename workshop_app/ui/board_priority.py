"""A priority's own windows from the board: its narrative (Ctrl+Shift+N) and its wellbeing
outcomes (Ctrl+Shift+O), for the selected cluster or card."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

if TYPE_CHECKING:
    from workshop_app.ui.board_screen import BoardScreen


def selected_priority(s: BoardScreen, shortcut: str) -> tuple[Any, str, str, str] | None:
    """(view, "cluster" or "note", id, title) of the selected priority, or a hint."""
    view, rows = s.selected()
    if not rows:
        s.hint(
            s.tr("Select a cluster or a note on the board first, then %1.").replace("%1", shortcut)
        )
        return None
    row = rows[0]
    if row.kind == "cluster" and row.cluster is not None:
        return view, "cluster", row.id, row.cluster.name or s.tr("(unnamed cluster)")
    return view, "note", row.id, row.card.text if row.card else ""


def open_for_priority(s: BoardScreen, dialog: QDialog, view: Any, row_id: str, attr: str) -> None:
    """Open a priority's dialog, remembered in `attr` while it is open."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _r: setattr(s, attr, None))
    dialog.finished.connect(lambda _r: s.after_action(view, row_id))
    setattr(s, attr, dialog)
    dialog.open()


def open_narrative(s: BoardScreen) -> None:
    """The narrative editor for the selected priority (a cluster or a card)."""
    chosen = selected_priority(s, "Ctrl+Shift+N")
    if chosen is None:
        return
    from workshop_app.ui.narrative_editor import NarrativeEditor

    view, kind, row_id, title = chosen
    editor = NarrativeEditor(s.session, kind, row_id, title, lambda: projector_for_narrative(s), s)
    open_for_priority(s, editor, view, row_id, "narrative_editor")


def open_outcomes(s: BoardScreen) -> None:
    """Tag the selected cluster or card with the wellbeing outcomes it would improve."""
    chosen = selected_priority(s, "Ctrl+Shift+O")
    if chosen is None:
        return
    from workshop_app.ui.outcome_tags import OutcomeTagsDialog

    view, kind, row_id, title = chosen
    dialog = OutcomeTagsDialog(s.session, kind, row_id, title, s)
    open_for_priority(s, dialog, view, row_id, "outcomes_dialog")


def projector_for_narrative(s: BoardScreen) -> Any:
    """Open (or reuse) the projector window, the way Ctrl+P does, and hand it over."""
    from PySide6.QtWidgets import QApplication

    from workshop_app.ui.projector import ProjectorWindow

    s.projector_requested.emit()
    for widget in QApplication.topLevelWidgets():
        mine = isinstance(widget, ProjectorWindow) and widget.session is s.session
        if mine and widget.isVisible():
            return widget
    return None
