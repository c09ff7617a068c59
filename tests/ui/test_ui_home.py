"""The first screen: with no workshops it offers the demo, and the keyboard is ready for it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import live_count, load, sql

from workshop_app.core.demo import DEMO_TITLE
from workshop_app.ui.main_window import MainWindow


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


def test_window_paints_first_then_opens_the_data_folder(qtbot, tmp_path):
    """At launch the window appears before the store is opened, then lists the workshops and
    the keyboard shortcuts work."""
    w = MainWindow()
    qtbot.addWidget(w)
    assert w.pages.currentWidget() is w.opening
    menus = {a.text().replace("&", ""): a.isEnabled() for a in w.menuBar().actions()}
    assert not menus["File"] and not menus["Board"]
    assert menus["Help"] and menus["Settings"]  # help is there while the folder opens
    with qtbot.waitSignal(w.ready, timeout=10_000):
        w.show()
        w.open_after_first_paint(tmp_path / "data")
    assert w.pages.currentWidget() is w.home
    assert all(a.isEnabled() for a in w.menuBar().actions() if a.text() == "&File")
    assert w.home.demo_button.isVisible()
    assert w.act_import.shortcut().toString() == "Ctrl+Shift+I"
    assert (tmp_path / "data" / "workshop.db").exists()
    w.db.close()


def test_a_data_folder_that_cannot_open_is_reported_in_one_line(qtbot, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    w = MainWindow()
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.failed, timeout=10_000) as blocker_signal:
        w.show()
        w.open_after_first_paint(blocker)
    message = blocker_signal.args[0]
    assert str(blocker) in message and "\n" not in message
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_the_window_module_does_not_load_the_store_before_the_first_paint():
    """Start-up paints the window before SQLAlchemy loads; an import added at the top of
    main_window.py would quietly make every launch a third of a second slower."""
    import subprocess
    import sys

    code = (
        "import sys; import workshop_app.ui.app, workshop_app.ui.main_window; "
        "print(sorted(m for m in ('sqlalchemy', 'alembic') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"
