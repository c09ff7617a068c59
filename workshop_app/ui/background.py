"""Long work off the main thread: a progress dialog (with Cancel when the work can stop) while
the window keeps answering.

`BackgroundJob` runs `work(progress, cancelled)` on a worker thread and emits exactly one of
`done` (the result), `failed` (one line) or `cancelled`, on the main thread. The worker never
touches a widget. `run_operation_in_background` is `WorkshopSession.run` with its transaction
on the worker: the operation's records are saved in one transaction there, and the undo step
and the `changed` announcement are made back on the main thread, as `run` makes them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressBar, QProgressDialog, QPushButton, QWidget

from workshop_app.errors import AppError

if TYPE_CHECKING:
    from workshop_app.core.operations import Operation
    from workshop_app.ui.workshop_session import WorkshopSession

T = TypeVar("T")
Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Work = Callable[[Progress, Cancelled], Any]
# Work done sooner than this shows no dialog at all.
SHOW_AFTER_MS = 300
# An operation touching more records than this is announced as "everything changed".
BIG_CHANGE = 500


class WorkCancelled(Exception):
    """Raised by work that stopped because Cancel was pressed; nothing it did is kept."""


def one_line(exc: BaseException) -> str:
    if isinstance(exc, AppError):
        return exc.message
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


class WorkerThread(QThread):
    progressed = Signal(int, int)

    def __init__(self, work: Work) -> None:
        super().__init__()
        self._work = work
        self._cancel = threading.Event()
        self.result: Any = None
        self.completed = False
        self.error: str | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def was_cancelled(self) -> bool:
        return self._cancel.is_set()

    def run(self) -> None:
        try:
            self.result = self._work(self.progressed.emit, self._cancel.is_set)
            self.completed = True
        except WorkCancelled:
            self._cancel.set()
        except AppError as exc:
            self.error = exc.message
        except Exception as exc:  # a worker must never die silently: the window says why
            from workshop_app.app_log import log

            log.exception("Background work failed")
            self.error = one_line(exc)


class BackgroundJob(QObject):
    """One piece of long work with its progress dialog (window-modal: the window repaints and
    answers, but takes no other action until the work is done)."""

    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self, parent: QWidget, title: str, label: str, work: Work, *, cancellable: bool = True
    ) -> None:
        super().__init__(parent)
        self.dialog = QProgressDialog(parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setAccessibleName(title)
        self.dialog.setLabelText(label)
        self.bar = QProgressBar()
        self.bar.setAccessibleName(self.tr("Progress"))
        self.dialog.setBar(self.bar)
        if cancellable:
            self.cancel_button: QPushButton | None = QPushButton(self.tr("&Cancel"))
            self.dialog.setCancelButton(self.cancel_button)
        else:
            self.cancel_button = None
            self.dialog.setCancelButton(None)  # type: ignore[arg-type]
        self.dialog.setMinimumWidth(440)
        self.dialog.setRange(0, 0)  # busy until the work says how far it is
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        # Shown by our own timer: QProgressDialog's minimum duration is not restarted once
        # the bar is busy (range 0..0), and it would wait its default four seconds.
        self.dialog.setMinimumDuration(24 * 3600 * 1000)
        self.dialog.canceled.connect(self.cancel)
        self.thread = WorkerThread(work)
        self.thread.progressed.connect(self._progressed)
        self.thread.finished.connect(self._finished)
        self.finished = False
        # Closing the window (or a window it sits in) waits for the work: no worker outlives it.
        self._windows: list[QWidget] = []
        widget: QWidget | None = parent
        while widget is not None:
            top = widget.window()
            self._windows.append(top)
            top.installEventFilter(self)
            widget = top.parentWidget()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close and watched in self._windows and not self.finished:
            self.cancel()
            self.wait()
        return False

    def start(self) -> None:
        self.thread.start()
        QTimer.singleShot(SHOW_AFTER_MS, self, self._show)

    @Slot()
    def _show(self) -> None:
        if not self.finished:
            self.dialog.show()

    @Slot()
    def cancel(self) -> None:
        if self.finished:
            return
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
        self.finished = True
        self.dialog.reset()  # stops the timer that would show it after the work is done
        self.dialog.hide()
        self.dialog.deleteLater()
        thread = self.thread
        # Work that completed is kept, even if Cancel came too late to stop it.
        if thread.completed:
            self.done.emit(thread.result)
        elif thread.error is not None:
            self.failed.emit(thread.error)
        else:
            self.cancelled.emit()
        thread.deleteLater()
        self.deleteLater()


def run_operation_in_background(
    session: WorkshopSession,
    operation: Operation[T],
    cancelled: Cancelled,
) -> Callable[[], T]:
    """On the worker thread: perform `operation` in one transaction, rolled back when
    `cancelled()` is true at its end. Returns `record`, to call on the main thread: it puts the
    step on the undo stack and announces what changed (WorkshopSession.run's second half)."""
    from workshop_app.core.operations import everything_changed
    from workshop_app.core.records import take_change
    from workshop_app.ui.undo import JournalCommand

    def transaction(db_session: Any) -> tuple[T, Any]:
        result = operation(db_session)
        db_session.flush()
        if cancelled():
            raise WorkCancelled()
        return result, take_change(db_session)

    result, change = session._db.run(transaction)

    def record() -> T:
        if not change.empty:
            text = QCoreApplication.translate("Operations", operation.label)
            command = JournalCommand(
                session._db, text, change, lambda: session._applied(change), session._failed
            )
            session.undo_stack.push(command)
            session._journal.append((command, change))
        if len(change.after) <= BIG_CHANGE:
            session._applied(change)
            return result
        # Thousands of records: the screens reload once instead of inserting row by row
        # (a view that takes 20,000 single inserts freezes the window for most of a minute).
        session._pass_on_revs(change)
        session.changed.emit(everything_changed())
        stamp = datetime.now().strftime("%H:%M:%S")
        session.saved.emit(session.tr("Saved at %s") % stamp)
        return result

    return record
