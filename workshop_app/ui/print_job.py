"""Building a PDF off the main thread: a progress dialog with Cancel while the window stays live.

Only the rendering and the write run on the worker thread, from data already read on the main
thread (plain frozen dataclasses), so the worker never touches the database or a widget. The
file is written whole or not at all (printing.output.write_pdf); a Cancel that arrives before
the write leaves no file. The thread, the dialog and their timing are background.BackgroundJob's.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from workshop_app.ui.background import BackgroundJob, Cancelled, Progress, WorkCancelled

# render(progress, cancelled) -> the PDF's bytes; progress(done, total) may be called often.
Render = Callable[[Callable[[int, int], None], Callable[[], bool]], bytes]


class PrintJob(QObject):
    """One document being built and saved. Emits exactly one of `saved` (the path), `failed`
    (one line) or `cancelled`, on the main thread."""

    saved = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget, what: str, render: Render, path: Path) -> None:
        super().__init__(parent)
        self.path = path

        def work(progress: Progress, cancelled: Cancelled) -> Path:
            from workshop_app.printing.output import PrintCancelled, write_pdf

            try:
                data = render(progress, cancelled)
                if cancelled():
                    raise PrintCancelled()
                write_pdf(path, data)
            except PrintCancelled:
                raise WorkCancelled() from None
            return path

        self._job = BackgroundJob(
            parent, self.tr("Printing"), self.tr("Preparing %1…").replace("%1", what), work
        )
        self._job.dialog.setAccessibleName(self.tr("Printing progress"))
        if self._job.cancel_button is not None:
            self._job.cancel_button.setAccessibleName(self.tr("Cancel printing"))
        self._job.done.connect(self.saved.emit)
        self._job.failed.connect(self.failed.emit)
        self._job.cancelled.connect(self.cancelled.emit)

    @property
    def dialog(self):  # type: ignore[no-untyped-def]
        return self._job.dialog

    @property
    def cancel_button(self):  # type: ignore[no-untyped-def]
        return self._job.cancel_button

    @property
    def thread(self):  # type: ignore[no-untyped-def]
        return self._job.thread

    def start(self) -> None:
        self._job.start()

    def cancel(self) -> None:
        self._job.cancel()

    def wait(self) -> None:
        """Block until the worker is done (the window is closing)."""
        self._job.wait()
