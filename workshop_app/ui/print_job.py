"""Building a PDF off the main thread: a progress dialog with Cancel while the window stays live.

Only the rendering and the write run on the worker thread, from data already read on the main
thread (plain frozen dataclasses), so the worker never touches the database or a widget. The
file is written whole or not at all (printing.output.write_pdf); a Cancel that arrives before
the write leaves no file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QPushButton, QWidget

from workshop_app.errors import AppError

# render(progress, cancelled) -> the PDF's bytes; progress(done, total) may be called often.
Render = Callable[[Callable[[int, int], None], Callable[[], bool]], bytes]
# Show the dialog only for work that takes longer than this: most sheets are done sooner.
SHOW_AFTER_MS = 300


def one_line(exc: BaseException) -> str:
    if isinstance(exc, AppError):
        return exc.message
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class RenderThread(QThread):
    progressed = Signal(int, int)

    def __init__(self, render: Render, path: Path) -> None:
        super().__init__()
        self._render = render
        self.path = path
        self._cancel = threading.Event()
        self.written = False
        self.error: str | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def was_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        from workshop_app.printing.output import PrintCancelled, write_pdf

        try:
            data = self._render(self.progressed.emit, self._cancel.is_set)
            if self._cancel.is_set():
                raise PrintCancelled()
            write_pdf(self.path, data)
            self.written = True
        except PrintCancelled:
            self._cancel.set()
        except AppError as exc:
            self.error = exc.message
        except Exception as exc:  # a worker must never die silently: the window says why
            from workshop_app.app_log import log

            log.exception("Printing %s failed", self.path)
            self.error = one_line(exc)


class PrintJob(QObject):
    """One document being built and saved. Emits exactly one of `saved` (the path), `failed`
    (one line) or `cancelled`, on the main thread."""

    saved = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget, what: str, render: Render, path: Path) -> None:
        super().__init__(parent)
        self.dialog = QProgressDialog(parent)
        self.dialog.setWindowTitle(self.tr("Printing"))
        self.dialog.setAccessibleName(self.tr("Printing progress"))
        self.dialog.setLabelText(self.tr("Preparing %1…").replace("%1", what))
        bar = QProgressBar()
        bar.setAccessibleName(self.tr("Progress"))
        self.dialog.setBar(bar)
        self.cancel_button = QPushButton(self.tr("&Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel printing"))
        self.dialog.setCancelButton(self.cancel_button)
        self.dialog.setMinimumWidth(420)
        self.dialog.setRange(0, 0)  # busy until the renderer says how far it is
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.canceled.connect(self.cancel)
        self.thread = RenderThread(render, path)
        self.thread.progressed.connect(self._progressed)
        self.thread.finished.connect(self._finished)

    def start(self) -> None:
        self.thread.start()

    @Slot()
    def cancel(self) -> None:
        self.thread.cancel()
        self.dialog.setLabelText(self.tr("Cancelling…"))

    def wait(self) -> None:
        """Block until the worker is done (the window is closing)."""
        self.thread.wait()

    @Slot(int, int)
    def _progressed(self, done: int, total: int) -> None:
        if self.thread.was_cancelled():
            return
        if self.dialog.maximum() != total:
            self.dialog.setRange(0, total)
        self.dialog.setValue(done)

    @Slot()
    def _finished(self) -> None:
        self.dialog.reset()  # stops the timer that would show it after the work is done
        self.dialog.hide()
        self.dialog.deleteLater()
        thread = self.thread
        # A Cancel pressed after the file was written came too late: the file is whole.
        if thread.written:
            self.saved.emit(thread.path)
        elif thread.error is not None:
            self.failed.emit(thread.error)
        else:
            self.cancelled.emit()
        thread.deleteLater()
