"""The board's theme actions: add, rename, recolour, move and remove a theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QColorDialog, QInputDialog, QMessageBox

from workshop_app.core.operations import Operation
from workshop_app.core.operations import board as ops
from workshop_app.core.themes import ThemeInfo
from workshop_app.errors import AppError

if TYPE_CHECKING:
    from workshop_app.ui.board_screen import BoardScreen


class ThemeActions(QObject):
    """Acts on the theme in focus (the column with the keyboard focus, else the capture bar's
    theme); errors and hints show under the board's capture bar."""

    def __init__(self, screen: BoardScreen) -> None:
        super().__init__(screen)
        self.screen = screen

    def _theme(self) -> ThemeInfo | None:
        return self.screen.board_model.board.theme(self.screen.theme_in_focus() or "")

    def _run(self, operation: Operation[object]) -> None:
        try:
            self.screen.session.run(operation)
        except AppError as exc:
            self.screen.capture.show_message(exc.message)

    def add(self) -> None:
        name, ok = QInputDialog.getText(
            self.screen, self.tr("Add theme"), self.tr("Name of the theme:")
        )
        if ok and name.strip():
            self._run(ops.add_theme(self.screen.session.workshop_id, name.strip()))

    def rename(self) -> None:
        theme = self._theme()
        if theme is None:
            return
        name, ok = QInputDialog.getText(
            self.screen, self.tr("Rename theme"), self.tr("New name:"), text=theme.name
        )
        if ok and name.strip():
            self._run(ops.rename_theme(theme.id, name.strip()))

    def recolour(self) -> None:
        theme = self._theme()
        if theme is None:
            return
        colour = QColorDialog.getColor(QColor(theme.colour), self.screen, self.tr("Theme colour"))
        if colour.isValid():
            self._run(ops.recolour_theme(theme.id, colour.name().upper()))

    def move(self, step: int) -> None:
        theme = self._theme()
        if theme is not None and not theme.is_parking_lot:
            self._run(ops.move_theme(theme.id, step))

    def remove(self) -> None:
        theme = self._theme()
        if theme is None:
            return
        if theme.is_parking_lot:
            self.screen.capture.show_message(self.tr("The parking lot cannot be removed."))
            return
        count = self.screen.board_model.board.note_count(theme.id)
        question = (
            self.tr(
                "Remove the theme “%1”? %n note(s) in it will move to the parking lot. "
                "Ctrl+Z undoes.",
                "",
                count,
            )
            if count
            else self.tr("Remove the theme “%1”? It has no notes. Ctrl+Z undoes.")
        )
        answer = QMessageBox.question(
            self.screen, self.tr("Remove theme"), question.replace("%1", theme.name)
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(ops.remove_theme(theme.id))
