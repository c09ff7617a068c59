"""Starting the GUI: one QApplication, the style sheet, translations, the local store."""

from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from workshop_app.app_log import log_path, log_unexpected, start_log
from workshop_app.ui.main_window import MainWindow
from workshop_app.ui.style import style_sheet
from workshop_app.ui.translation import install_translations


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Workshop App")
    app.setOrganizationName("Workshop App")
    app.setStyleSheet(style_sheet(app.font().pointSizeF()))
    install_translations(app)
    return app


class CrashHandler:
    """sys.excepthook for the app: an error no screen handled (a bug in a slot) is written to
    the log and told in one dialog, instead of a traceback in a terminal nobody sees. Every
    action commits before the screen shows it done, so what was saved is safe."""

    def __init__(self, data_dir: Path) -> None:
        self.log = start_log(data_dir) or log_path(data_dir)
        self._box: QMessageBox | None = None
        self._previous = (sys.excepthook, threading.excepthook)

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        log_unexpected(exc_type, exc, tb)
        traceback.print_exception(exc_type, exc, tb)
        if issubclass(exc_type, KeyboardInterrupt):
            return
        app = QApplication.instance()
        if app is None or (self._box is not None and self._box.isVisible()):
            return  # one dialog at a time: the log holds every error
        box = QMessageBox(
            QMessageBox.Icon.Critical,
            QCoreApplication.translate("CrashHandler", "Something went wrong"),
            QCoreApplication.translate(
                "CrashHandler",
                "Something unexpected went wrong. Nothing you saved was lost: every change is "
                "saved the moment the screen shows it.\n\nThe details are in {0}.\n\nYou can "
                "carry on. If it happens again, close the app and open it again, and send the "
                "log to whoever supports your programme.",
            ).format(self.log),
        )
        # Imported here: the Qt namespace builds all its enums on first import (about 11 ms),
        # which the window's first paint does not need.
        from PySide6.QtCore import Qt

        box.setWindowModality(Qt.WindowModality.ApplicationModal)
        self._box = box
        box.open()

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        # A worker thread: log it; the dialog must be raised on the main thread.
        log_unexpected(args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def install(self) -> None:
        sys.excepthook = self
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous
        if self._box is not None:
            self._box.close()


def install_crash_handler(data_dir: Path) -> CrashHandler:
    """Catch and tell unexpected errors from now on; `uninstall()` puts the old hooks back."""
    handler = CrashHandler(data_dir)
    handler.install()
    return handler


def run_gui(data_dir: Path) -> int:
    app = make_app()
    crash = install_crash_handler(data_dir)
    window = MainWindow()

    def failed(message: str) -> None:
        print(f"workshop-app: {message}", file=sys.stderr)
        QMessageBox.critical(window, "Workshop App", message)
        app.exit(1)

    window.failed.connect(failed)
    window.show()
    window.open_after_first_paint(data_dir)
    try:
        return app.exec()
    finally:
        crash.uninstall()
        if window.db is not None:
            window.db.close()
