"""The Edit, Board and Themes menus of an open board: undo and redo through the session, and
the board's own actions, so the menus and the keys are one table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

if TYPE_CHECKING:
    from workshop_app.ui.main_window import MainWindow


def install_board_menus(w: MainWindow) -> None:
    from workshop_app.ui.history_action import SessionHistoryAction

    assert w.board is not None
    w.edit_menu.clear()
    for old in (w.undo_action, w.redo_action):
        if old is not None:
            old.deleteLater()
    show = w.board.capture.show_message
    w.undo_action = SessionHistoryAction(w, w.session, show, backwards=True)
    w.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    w.redo_action = SessionHistoryAction(w, w.session, show, backwards=False)
    w.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    w.edit_menu.addAction(w.undo_action)
    w.edit_menu.addAction(w.redo_action)
    w.edit_menu.addSeparator()
    w.edit_menu.addAction(w.board.action("find"))
    w.board_menu.clear()
    for name in (
        "focusCapture",
        "edit",
        "showNote",
        "narrative",
        "outcomes",
        "group",
        "ungroup",
        "stack",
        "unstack",
        "delete",
        "moveLeft",
        "moveRight",
    ):
        w.board_menu.addAction(w.board.action(name))
    w.themes_menu.clear()
    for action in w.board.theme_actions:
        w.themes_menu.addAction(action)
    w.act_projector.setShortcut(QKeySequence("Ctrl+P"))
    w.board.action("projector").setShortcut(QKeySequence())
