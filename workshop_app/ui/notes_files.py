"""Notes in and out of the open board: import a text or CSV file, export the notes as CSV."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from workshop_app.errors import AppError

if TYPE_CHECKING:
    from workshop_app.ui.main_window import MainWindow


class NotesFiles(QObject):
    """Importing (one undoable step for the whole file) and exporting the board's notes; errors
    are shown by the main window, results in its status bar."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window

    def choose_and_import(self) -> None:
        if self._window.board is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self._window,
            self.tr("Import notes"),
            str(Path.home()),
            self.tr("Notes (*.txt *.csv);;All files (*)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path, confirm: bool = True) -> bool:
        from workshop_app.core import notes_io
        from workshop_app.core.operations import board as board_ops

        assert self._window.board is not None
        try:
            rows = notes_io.read_notes_file(path)
        except AppError as exc:
            self._window.show_error(exc.message)
            return False
        if confirm:
            answer = QMessageBox.question(
                self._window,
                self.tr("Import notes"),
                self.tr("Add %n note(s) from %1 to this board?", "", len(rows)).replace(
                    "%1", path.name
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            result = self._window.session.run(
                board_ops.import_notes(self._window.session.workshop_id, rows)
            )
        except AppError as exc:
            self._window.show_error(exc.message)
            return False
        self._window.statusBar().showMessage(
            self.tr("Imported %n note(s). Ctrl+Z undoes the whole import.", "", result.notes_added),
            10000,
        )
        return True

    def choose_and_export(self) -> None:
        if self._window.board is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self._window, self.tr("Export notes"), str(Path.home() / "notes.csv"), "CSV (*.csv)"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> bool:
        from workshop_app.core import notes_io
        from workshop_app.core.operations import board as board_ops

        assert self._window.board is not None
        try:
            rows = self._window.session.read(
                board_ops.export_rows(self._window.session.workshop_id)
            )
            notes_io.write_csv(path, rows)
        except AppError as exc:
            self._window.show_error(exc.message)
            return False
        self._window.statusBar().showMessage(
            self.tr("Exported %n note(s) to %1", "", len(rows)).replace("%1", str(path)), 10000
        )
        return True
