"""The activity timer: set from the keyboard in View > Timer… (Ctrl+T), shown in the status bar
and large on the projector, paused, a minute added, and a gentle signal at the end. The clock is
the test's own: no sleeping."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication
from ui_helpers import activate, type_text

from workshop_app.ui.main_window import MainWindow
from workshop_app.ui.timer_control import TIMER_SHORTCUT, install_timer

CTRL = Qt.KeyboardModifier.ControlModifier


class FakeClock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def timed_window(qtbot, board_window, clock) -> MainWindow:
    install_timer(board_window, clock)
    return board_window


def _later(w: MainWindow, clock: FakeClock, seconds: float) -> None:
    clock.now += seconds
    w.activity_timer.tick()


def _open_dialog(qtbot, w: MainWindow):
    activate(qtbot, w)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, CTRL)
    dialog = w.timer_dialog()
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    # The keyboard is in the minutes, ready to type over them.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.minutes)
    return dialog


def test_set_from_the_keyboard_and_shown_in_the_status_bar(qtbot, timed_window, clock):
    w = timed_window
    assert w.act_timer in w.view_menu.actions()
    status = w.timer_status
    assert not status.isVisible()  # nothing set: nothing shown
    dialog = _open_dialog(qtbot, w)
    # Type the minutes over what is there, Enter starts.
    type_text(qtbot, dialog.minutes, "5")
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)
    assert w.activity_timer.state == "running"
    assert status.isVisible() and status.text() == "Timer 5:00"
    assert dialog.display.text() == "5:00"
    _later(w, clock, 61)
    assert status.text() == "Timer 3:59"
    # Space pauses (the Start/Pause button has the focus after starting), time stands still.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert w.activity_timer.state == "paused"
    _later(w, clock, 300)
    assert status.text() == "Timer 3:59 (paused)"
    assert dialog.start_button.text().replace("&", "") == "Go on"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert w.activity_timer.state == "running"
    # + adds a minute; Reset goes back to the minutes typed, stopped.
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Plus)
    assert status.text() == "Timer 4:59"
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert w.activity_timer.state == "ready"
    assert status.text() == "Timer 5:00 (not started)"  # not dressed as a running timer
    dialog.grab().save("/tmp/projector/timer_dialog.png")


def test_a_gentle_signal_when_time_is_up(qtbot, timed_window, clock, monkeypatch):
    w = timed_window
    beeps: list[int] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(1)))
    w.activity_timer.set_minutes(1)
    w.activity_timer.start()
    _later(w, clock, 59)
    assert beeps == []
    _later(w, clock, 2)
    assert beeps == [1]  # one beep, not an alarm
    assert w.timer_status.text() == "Time is up"
    assert "#D7F2E3" in w.timer_status.styleSheet()  # a calm green, not red
    _later(w, clock, 30)
    assert beeps == [1]
    # "One more minute, please."
    w.activity_timer.add_minute()
    assert w.timer_status.text() == "Timer 1:00"


def test_the_timer_is_large_on_the_projector(qtbot, timed_window, clock):
    w = timed_window
    w.activity_timer.set_minutes(8)
    w.activity_timer.start()
    # A projector opened while the timer runs shows it at once.
    w.act_projector.trigger()
    qtbot.waitUntil(lambda: w.projector is not None and w.projector.isVisible())
    badge = w.projector.timer_label
    assert badge.isVisible() and badge.text() == "8:00"
    _later(w, clock, 125)
    assert badge.text() == "5:55"
    assert badge.font().pixelSize() >= w.projector.title.font().pixelSize()
    _later(w, clock, 600)
    assert badge.text() == "Time is up"
    w.activity_timer.clear()
    assert not badge.isVisible()
    assert not w.timer_status.isVisible()


def test_the_shortcut_is_used_by_nothing_else(timed_window):
    w = timed_window
    assert w.act_timer.shortcut() == QKeySequence(TIMER_SHORTCUT)
    others = [
        a.text()
        for a in w.findChildren(QAction)
        if a is not w.act_timer and QKeySequence(TIMER_SHORTCUT) in a.shortcuts()
    ]
    assert others == []


def test_minutes_out_of_range_say_why(qtbot, timed_window):
    w = timed_window
    dialog = _open_dialog(qtbot, w)
    dialog.minutes.lineEdit().selectAll()
    type_text(qtbot, dialog.minutes, "0")
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)
    # 0 minutes is refused with the reason; nothing starts, nothing is made up.
    assert w.activity_timer.state == "idle"
    assert dialog.hint.text() == "A timer runs from 1 to 240 minutes."
    assert dialog.hint.isVisible()
    type_text(qtbot, dialog.minutes, "3")  # "03"
    assert "Enter" in dialog.hint.text()
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)
    assert w.activity_timer.state == "running"
    assert w.timer_status.text() == "Timer 3:00"


def test_reopened_while_it_runs_space_pauses_and_plus_adds_a_minute(qtbot, timed_window, clock):
    """Closed and opened again with Ctrl+T while the timer runs: the keys the window names
    (Space pauses, + adds a minute) do that, instead of typing over the minutes."""
    w = timed_window
    dialog = _open_dialog(qtbot, w)
    type_text(qtbot, dialog.minutes, "5")
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)
    dialog.close_button.click()
    activate(qtbot, w)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_T, CTRL)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    _later(w, clock, 30)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Plus)
    assert w.timer_status.text() == "Timer 5:30"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert w.activity_timer.state == "paused"
    assert dialog.minutes.text() == "5 min"
    # Typing digits still sets new minutes, and Enter starts them.
    dialog.minutes.setFocus()
    dialog.minutes.selectAll()
    type_text(qtbot, dialog.minutes, "3")
    qtbot.keyClick(dialog.minutes, Qt.Key.Key_Return)
    assert w.activity_timer.state == "running" and w.timer_status.text() == "Timer 3:00"
