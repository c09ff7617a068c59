"""Notes in and out of the open board: import a text or CSV file, export the notes as CSV."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from workshop_app.errors import AppError

if TYPE_CHECKING:
    from workshop_app.core.notes_io import ImportResult, ImportRow
    from workshop_app.ui.background import BackgroundJob, Work
    from workshop_app.ui.main_window import MainWindow


class NotesFiles(QObject):
    """Importing (one undoable step for the whole file) and exporting the board's notes; errors
    are shown by the main window, results in its status bar.

    An import reads the file and saves the notes on a worker thread, with a progress dialog
    and Cancel (a cancelled import saves nothing); the window keeps answering meanwhile."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.job: BackgroundJob | None = None

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
            self.start_import(Path(path))

    def import_from(self, path: Path, confirm: bool = True) -> bool:
        """Import and wait for the outcome (the window keeps answering); True when saved."""
        outcome: list[bool] = []
        loop = QEventLoop()

        def finished(ok: bool) -> None:
            outcome.append(ok)
            loop.quit()

        self.start_import(path, confirm, finished)
        if not outcome:
            loop.exec()
        return outcome[0]

    def start_import(
        self,
        path: Path,
        confirm: bool = True,
        finished: Callable[[bool], None] | None = None,
    ) -> BackgroundJob | None:
        """Read the file on a worker thread, ask (if `confirm`), then save on a worker thread;
        `finished(saved)` is called once at the end, whatever happened."""
        from workshop_app.core import notes_io
        from workshop_app.ui.background import WorkCancelled

        def end(ok: bool) -> None:
            if finished is not None:
                finished(ok)

        if self._window.board is None or self.job is not None:
            if self.job is not None:
                self._window.show_error(
                    self.tr("Notes are still being imported: wait for that to finish.")
                )
            end(False)
            return None

        def read(cancelled: Callable[[], bool]) -> list[ImportRow]:
            rows = notes_io.read_notes_file(path)
            if cancelled():
                raise WorkCancelled()
            return rows

        return self._start(
            self.tr("Reading %1…").replace("%1", path.name),
            lambda _progress, cancelled: read(cancelled),
            lambda rows: self._ask_then_save(path, rows, confirm, end),
            end,
        )

    def _start(
        self,
        label: str,
        work: Work,
        done: Callable[[Any], None],
        end: Callable[[bool], None],
    ) -> BackgroundJob:
        from workshop_app.ui.background import BackgroundJob

        job = BackgroundJob(self._window, self.tr("Import notes"), label, work)
        job.setObjectName("notesImport")
        self.job = job

        def failed(message: str) -> None:
            self.job = None
            self._window.show_error(message)
            end(False)

        def cancelled() -> None:
            self.job = None
            self._window.statusBar().showMessage(
                self.tr("Import cancelled: no notes were added."), 10000
            )
            end(False)

        job.done.connect(self._clear_job)
        job.done.connect(done)
        job.failed.connect(failed)
        job.cancelled.connect(cancelled)
        job.start()
        return job

    def _clear_job(self) -> None:
        self.job = None

    def _ask_then_save(
        self, path: Path, rows: list[ImportRow], confirm: bool, end: Callable[[bool], None]
    ) -> None:
        from workshop_app.core.operations import board as board_ops
        from workshop_app.ui.background import run_operation_in_background

        if self._window.board is None:
            end(False)
            return
        if confirm:
            answer = QMessageBox.question(
                self._window,
                self.tr("Import notes"),
                self.tr("Add %n note(s) from %1 to this board?", "", len(rows)).replace(
                    "%1", path.name
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                end(False)
                return
        session = self._window.session
        operation = board_ops.import_notes(session.workshop_id, rows)
        self._start(
            self.tr("Adding %n note(s) to the board…", "", len(rows)),
            lambda _progress, cancelled: run_operation_in_background(session, operation, cancelled),
            lambda record: self._saved(record, end),
            end,
        )

    def _saved(self, record: Callable[[], ImportResult], end: Callable[[bool], None]) -> None:
        result = record()  # the undo step and the board's refresh, on the main thread
        self._window.statusBar().showMessage(
            self.tr("Imported %n note(s). Ctrl+Z undoes the whole import.", "", result.notes_added),
            10000,
        )
        end(True)

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
