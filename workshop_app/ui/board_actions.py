"""The board's keyboard actions: one table of what each key does, and the theme actions."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from workshop_app.ui.board_screen import BoardScreen


def _act(screen: BoardScreen, text: str, shortcut: Any, slot: Any, name: str) -> QAction:
    action = QAction(text, screen)
    action.setObjectName(name)
    if shortcut:
        keys = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(k) for k in keys])
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    screen.addAction(action)
    return action


def _card_actions(s: BoardScreen) -> list[QAction]:
    tr = s.tr
    # Backspace never deletes a note (it is what a typist presses to fix a word): a Mac has no
    # Delete key, so there Cmd+Backspace does it, as in Finder.
    delete_keys: list[object] = [QKeySequence.StandardKey.Delete]
    if sys.platform == "darwin":
        delete_keys.append("Ctrl+Backspace")
    table = [
        (tr("New note"), "Ctrl+L", s.focus_capture, "focusCapture"),
        (tr("Find"), QKeySequence.StandardKey.Find, s.focus_search, "find"),
        (tr("Edit / rename"), "F2", s.edit_current, "edit"),
        (tr("Group into cluster"), "Ctrl+G", s.cards.group_selected, "group"),
        (tr("Take out of cluster"), "Ctrl+Shift+G", s.cards.ungroup_selected, "ungroup"),
        (tr("Stack as duplicates"), "Ctrl+D", s.cards.stack_selected, "stack"),
        (tr("Unstack duplicates"), "Ctrl+Shift+D", s.cards.unstack_selected, "unstack"),
        (tr("Show whole note"), "Ctrl+I", s.show_whole_note, "showNote"),
        (tr("&Narrative…"), "Ctrl+Shift+N", s.open_narrative, "narrative"),
        (tr("&Outcomes…"), "Ctrl+Shift+O", s.open_outcomes, "outcomes"),
        (tr("Delete"), delete_keys, s.cards.delete_selected, "delete"),
        (tr("Move to previous theme"), "Alt+Left", lambda: s.cards.move_selected(-1), "moveLeft"),
        (tr("Move to next theme"), "Alt+Right", lambda: s.cards.move_selected(1), "moveRight"),
        (tr("Projector window"), "Ctrl+P", s.projector_requested.emit, "projector"),
    ]
    return [_act(s, *row) for row in table]


def _numbered_actions(s: BoardScreen) -> None:
    for i in range(9):
        _act(
            s,
            s.tr("Capture into theme %d") % (i + 1),
            f"Ctrl+{i + 1}",
            lambda _=False, i=i: s.pick_theme(i),
            f"pickTheme{i + 1}",
        )
        _act(
            s,
            s.tr("Move selected to theme %d") % (i + 1),
            f"Alt+{i + 1}",
            lambda _=False, i=i: s.cards.move_selected_to(i),
            f"moveToTheme{i + 1}",
        )


def _theme_actions(s: BoardScreen) -> list[QAction]:
    tr, themes = s.tr, s.themes
    table = [
        (tr("Add theme…"), "Ctrl+Shift+T", themes.add, "addTheme"),
        (tr("Rename theme…"), None, themes.rename, "renameTheme"),
        (tr("Theme colour…"), None, themes.recolour, "recolourTheme"),
        (tr("Move theme left"), "Ctrl+Shift+Left", lambda: themes.move(-1), "moveThemeLeft"),
        (tr("Move theme right"), "Ctrl+Shift+Right", lambda: themes.move(1), "moveThemeRight"),
        (tr("Remove theme…"), None, themes.remove, "removeTheme"),
    ]
    return [_act(s, *row) for row in table]


def make_board_actions(screen: BoardScreen) -> tuple[list[QAction], list[QAction]]:
    """The board's actions (named, found with screen.action(name)) and its theme actions."""
    actions = _card_actions(screen)
    _numbered_actions(screen)
    return actions, _theme_actions(screen)
