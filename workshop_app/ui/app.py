"""Starting the GUI: one QApplication, the style sheet, translations, the local store."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from workshop_app.resources import resources_dir
from workshop_app.ui.main_window import MainWindow
from workshop_app.ui.translation import install_translations


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("Workshop App")
    app.setOrganizationName("Workshop App")
    style = resources_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    install_translations(app)
    return app


def run_gui(data_dir: Path) -> int:
    app = make_app()
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
        if window.db is not None:
            window.db.close()
