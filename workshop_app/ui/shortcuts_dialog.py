"""Help > Keyboard shortcuts: read from the window's own actions, so the list is always the
keys the app really answers to (the board's table, the menus, the themes)."""

from __future__ import annotations

import re

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop_app.ui.descriptions import describe_buttons
from workshop_app.ui.screen_fit import fit_to_screen


def typing_keys(widget: QWidget) -> list[tuple[str, str]]:
    """Keys that belong to a text box or a list rather than to an action: no action lists them."""
    tr = widget.tr
    return [
        ("Enter", tr("Save the note typed in the capture bar")),
        ("Esc", tr("Back to the capture bar")),
        (tr("Arrow keys"), tr("Move between notes and columns on the board")),
        ("Shift+Enter", tr("A new line while editing a note")),
    ]


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every action in the window with a shortcut, then typing keys."""
    rows: dict[tuple[str, str], None] = {}
    for action in window.findChildren(QAction):
        keys = ", ".join(
            k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
        )
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
        if keys and text:
            rows[(keys, text.rstrip("…").rstrip("."))] = None
    ordered = sorted(_numbered_together(list(rows)), key=lambda row: row[1].casefold())
    return ordered + typing_keys(window)


def _numbered_together(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """'Ctrl+1' … 'Ctrl+9' for 'Capture into theme 1' … '9' become one row, not nine."""
    numbered = re.compile(r"^(.*?)(\d)$")
    groups: dict[tuple[str, str], list[str]] = {}
    rest = []
    for keys, what in rows:
        key_match, what_match = numbered.match(keys), numbered.match(what)
        if key_match and what_match and key_match.group(2) == what_match.group(2):
            groups.setdefault((key_match.group(1), what_match.group(1)), []).append(keys[-1])
        else:
            rest.append((keys, what))
    for (key_stem, what_stem), digits in groups.items():
        low, high = min(digits), max(digits)
        if low == high:
            rest.append((key_stem + low, what_stem + low))
        else:
            rest.append((f"{key_stem}{low} … {key_stem}{high}", f"{what_stem}{low}…{high}"))
    return rest


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2)
        self.table.setAccessibleDescription(self.tr("Each key and what it does"))
        self.table.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([self.tr("Keys"), self.tr("What they do")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, (keys, what) in enumerate(rows):
            self.table.setItem(i, 0, QTableWidgetItem(keys))
            self.table.setItem(i, 1, QTableWidgetItem(what))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        describe_buttons(buttons)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        fit_to_screen(self, 560, 600)
