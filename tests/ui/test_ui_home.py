"""The first screen: with no workshops it offers the demo, and the keyboard is ready for it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import live_count, load, sql

from workshop_app.core.demo import DEMO_TITLE


def _open_demo_with(qtbot, window, key: Qt.Key) -> None:
    w = window()
    home = w.home
    assert w.pages.currentWidget() is home
    assert home.demo_button.isVisible()
    assert home.demo_button.hasFocus(), "keyboard focus should start on the demo button"
    assert live_count(w.db) == 0
    qtbot.keyClick(QApplication.focusWidget(), key)
    qtbot.waitUntil(lambda: w.board is not None and w.board.isVisible())
    return w


def _check_demo_open(qtbot, w) -> None:
    board = w.board
    assert board.title.text() == DEMO_TITLE
    assert board.title.isVisible()
    assert DEMO_TITLE in w.windowTitle()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is board.capture.note_edit)
    # The database holds the demo: one workshop, 40 live notes (37 cards + 3 stacked duplicates).
    workshops = sql(w.db, "SELECT id, title FROM workshops")
    assert [r["title"] for r in workshops] == [DEMO_TITLE]
    assert live_count(w.db) == 40
    demo = load(w.db, workshops[0]["id"])
    assert demo.total_notes == 40
    # The board shows what the database holds: every card is in some column.
    shown = sum(c.model.rowCount() for c in board.columns)
    assert shown == len(demo.cards) + len(demo.clusters)
    assert "40 notes" in board.total.text()


def test_space_on_demo_button_opens_demo(qtbot, window):
    w = _open_demo_with(qtbot, window, Qt.Key.Key_Space)
    _check_demo_open(qtbot, w)


def test_enter_on_demo_button_opens_demo(qtbot, window):
    w = _open_demo_with(qtbot, window, Qt.Key.Key_Return)
    _check_demo_open(qtbot, w)


def test_click_on_demo_button_opens_demo(qtbot, window):
    w = window()
    qtbot.mouseClick(w.home.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.board is not None and w.board.isVisible())
    _check_demo_open(qtbot, w)
