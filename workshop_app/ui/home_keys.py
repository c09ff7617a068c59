"""On the home screen the board's commands are disabled; their keys still answer, saying what
is needed, instead of doing nothing a facilitator can see."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMainWindow


class BoardOnlyKeys(QObject):
    def __init__(self, window: QMainWindow, actions: list[QAction]) -> None:
        super().__init__(window)
        self._window = window
        self._keys: list[QShortcut] = []
        for action in actions:
            sequence = action.shortcut()
            if action.objectName() == "projectorWindow":
                sequence = QKeySequence("Ctrl+P")  # given to the action only while a board is open
            if sequence.isEmpty():
                continue
            key = QShortcut(sequence, window)
            key.setContext(Qt.ShortcutContext.WindowShortcut)
            name = action.text().replace("&", "").rstrip("…")
            key.activated.connect(lambda name=name: self._tell(name))
            self._keys.append(key)

    def _tell(self, name: str) -> None:
        self._window.statusBar().showMessage(
            self.tr("“%s” needs a workshop open: pick one in the list and press Enter.") % name,
            8000,
        )

    def set_board_open(self, on: bool) -> None:
        # Disabled while the board is open, so each key has exactly one owner at a time.
        for key in self._keys:
            key.setEnabled(not on)
