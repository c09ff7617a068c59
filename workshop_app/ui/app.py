"""Starting the GUI: one QApplication, the style sheet, translations, the local store."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from workshop_app.errors import AppError
from workshop_app.resources import resources_dir
from workshop_app.store.database import Database
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
    try:
        db = Database.open(data_dir)
    except AppError as exc:
        print(f"workshop-app: {exc.message}", file=sys.stderr)
        QMessageBox.critical(None, "Workshop App", exc.message)
        return 1
    window = MainWindow(db)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()
