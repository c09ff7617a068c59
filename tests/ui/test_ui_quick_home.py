"""The first screen a person can use: the list of workshops is painted from a read-only look at
the file before SQLAlchemy is imported and the store opened; what is pressed meanwhile runs as
soon as the store is open (issue "One way in", point 7)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workshop_app.core.demo import create_demo_workshop
from workshop_app.store.database import Database
from workshop_app.ui.main_window import MainWindow


def test_the_list_is_painted_before_sqlalchemy_is_imported(tmp_path):
    data = tmp_path / "data"
    db = Database.open(data)
    db.run(create_demo_workshop)
    db.close()
    probe = textwrap.dedent(
        f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from pathlib import Path
        from workshop_app.ui.app import make_app
        from workshop_app.ui.main_window import MainWindow
        app = make_app([])
        w = MainWindow()
        seen = {{}}
        def shown():
            seen["sqlalchemy"] = "sqlalchemy" in sys.modules
            seen["rows"] = w.home.list.count()
        w.home_shown.connect(shown)
        w.ready.connect(lambda: app.exit(0))
        w.failed.connect(lambda m: app.exit(1))
        w.show()
        w.open_after_first_paint(Path({str(data)!r}))
        code = app.exec()
        print(seen)
        sys.exit(code)
        """
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "{'sqlalchemy': False, 'rows': 1}" in done.stdout


def test_enter_pressed_while_the_store_opens_opens_the_workshop(qtbot, tmp_path):
    data = tmp_path / "data"
    db = Database.open(data)
    info = db.run(create_demo_workshop)
    db.close()
    w = MainWindow()
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.home_shown, timeout=10_000):
        w.show()
        w.open_after_first_paint(data)
    if w.session is None:  # the store is still opening: the press waits for it
        w.home.list.setFocus()
        qtbot.keyClick(w.home.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.board is not None, timeout=10_000)
    assert w.session.workshop_id == info.id
    w.close()
    w.db.close()
    QApplication.processEvents()
