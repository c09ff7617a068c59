"""The sign-up list preview whose Import saves on a worker thread, with a progress dialog and
Cancel, while the window keeps answering (the preview itself is ui/participants_import.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from workshop_app.core.operations import people as ops
from workshop_app.ui.participants_import import ImportPreviewDialog

if TYPE_CHECKING:
    from workshop_app.ui.background import BackgroundJob


class BackgroundImportPreview(ImportPreviewDialog):
    """Import saves everyone in one transaction on a worker thread; a Cancel rolls it back."""

    job: BackgroundJob | None = None

    def do_import(self) -> None:
        from workshop_app.ui.background import BackgroundJob, run_operation_in_background

        if self.job is not None:
            return
        session = self.session
        operation = ops.import_participants(session.workshop_id, self.rows, self.recorded_by)
        job = BackgroundJob(
            self,
            self.tr("Import sign-up list"),
            self.tr("Adding %n participant(s) to the register…", "", len(self.rows)),
            lambda _progress, cancelled: run_operation_in_background(session, operation, cancelled),
        )
        job.setObjectName("participantsImport")
        self.job = job
        self.import_button.setEnabled(False)
        job.done.connect(self._saved)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        job.start()

    def _saved(self, record: Callable[[], list[object]]) -> None:
        self.job = None
        done = record()  # the undo step and the screens' refresh, on the main thread
        self.accept()
        self.imported.emit(len(done))

    def _failed(self, message: str) -> None:
        self.job = None
        self._say(message)

    def _cancelled(self) -> None:
        self.job = None
        self._say(self.tr("Import cancelled: nobody was added."))

    def _say(self, text: str) -> None:
        self.import_button.setEnabled(True)
        self.message.setText(text)
        self.message.show()
