"""Fixtures for the pytest-qt GUI tests: one styled QApplication, a fresh data folder per test,
and main windows that are shown, active and closed again (with their projector) at teardown."""

from __future__ import annotations

import os
from pathlib import Path

# Offscreen, on a screen the size of a facilitator's laptop (Qt's offscreen default is 800x800).
if os.environ.get("QT_QPA_PLATFORM", "offscreen") == "offscreen":
    os.environ["QT_QPA_PLATFORM"] = (
        f"offscreen:configfile={Path(__file__).with_name('laptop_screen.json')}"
    )

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import activate

from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.store.database import Database
from workshop_app.ui.app import make_app
from workshop_app.ui.main_window import MainWindow

WORKSHOP_TITLE = "Llanidloes town hall"


@pytest.fixture(scope="session", autouse=True)
def app(qapp: QApplication, tmp_path_factory) -> QApplication:
    """The app's own setup (style sheet, translations) on pytest-qt's QApplication, with its
    settings (language, projector contrast) in a folder of the run's own, never the user's."""
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat,
        QSettings.Scope.UserScope,
        str(tmp_path_factory.mktemp("settings")),
    )
    made = make_app()
    assert made is qapp, "make_app must reuse the QApplication pytest-qt created"
    assert qapp.property("workshop_translations_installed")
    assert "captureEdit" in qapp.styleSheet()
    return qapp


@pytest.fixture
def db(tmp_path) -> Iterator[Database]:
    database = Database.open(tmp_path / "data")
    yield database
    database.close()


@pytest.fixture
def window(qtbot, db: Database) -> Iterator[Callable[[], MainWindow]]:
    """Build, show and activate a MainWindow on `db`; closed (projector too) at teardown."""
    made: list[MainWindow] = []

    def make() -> MainWindow:
        w = MainWindow(db)
        qtbot.addWidget(w)
        made.append(w)
        w.show()
        qtbot.waitExposed(w)
        activate(qtbot, w)
        return w

    yield make
    for w in made:
        if w.projector is not None:
            w.projector.close()
        w.close()
    QApplication.processEvents()


@pytest.fixture
def workshop_id(db: Database) -> str:
    """A workshop on the four building-block themes plus the parking lot."""
    info = db.run(
        lambda s: create_workshop(
            s, WorkshopFields(title=WORKSHOP_TITLE, place="Llanidloes"), "building-blocks"
        )
    )
    return info.id


@pytest.fixture
def board_window(qtbot, window, workshop_id) -> MainWindow:
    """The main window with the workshop open, opened the way a user does: Enter on the list."""
    w = window()
    assert w.home.list.count() == 1
    assert QApplication.focusWidget() is w.home.list
    qtbot.keyClick(w.home.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.board is not None and w.board.isVisible())
    assert w.board is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.board.capture.note_edit)
    return w
