"""The activity timer in the app: one per main window, shown in its status bar and large on the
projector, with View > Timer… (Ctrl+T) to set it. A gentle signal when time is up: one beep and
a calm green "Time is up", never a flashing alarm."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from workshop_app.core.timer import ActivityTimer, clock_text

TIMER_SHORTCUT = "Ctrl+T"
TICK_MS = 200

# Status bar looks: running, paused, and the calm green of "Time is up".
STATUS_LOOKS = {
    "running": "color: #0B3D91; background: #E8F0FE;",
    "ready": "color: #4A4A4A; background: #F1F3F4;",  # set, not started: not dressed as running
    "paused": "color: #4A4A4A; background: #F1F3F4;",
    "finished": "color: #0B6E3A; background: #D7F2E3;",
}


class TimerControl(QObject):
    """Runs an ActivityTimer on a clock: ticks while it is set, says what to show, and gives
    the gentle signal once, as time runs out."""

    # (time left as text, state: idle/ready/running/paused/finished)
    changed = Signal(str, str)
    # Every tick, changed or not: keeps a window opened late (the projector) in step.
    beat = Signal(str, str)
    time_up = Signal()

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.timer = ActivityTimer(clock)
        self.shown: tuple[str, str] = ("", "idle")
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.tick)

    @property
    def state(self) -> str:
        return self.timer.state

    def text(self) -> str:
        return clock_text(self.timer.remaining())

    def tick(self) -> None:
        """Check the clock: say what changed; beep once when time has just run out."""
        shown = (self.text(), self.timer.state)
        if shown[1] == "finished" and self.shown[1] != "finished":
            QApplication.beep()
            self.time_up.emit()
        if shown != self.shown:
            self.shown = shown
            self.changed.emit(*shown)
        self.beat.emit(*shown)
        # Ticks only while the time moves; otherwise a slow beat keeps late viewers in step.
        want = TICK_MS if shown[1] == "running" else 1000
        if shown[1] == "idle":
            self._ticker.stop()
        elif not self._ticker.isActive() or self._ticker.interval() != want:
            self._ticker.start(want)

    # --- what the facilitator does ----------------------------------------------------------
    def set_minutes(self, minutes: int) -> None:
        self.timer.set_minutes(minutes)
        self.tick()

    def start(self) -> None:
        self.timer.start()
        self.tick()

    def pause(self) -> None:
        self.timer.pause()
        self.tick()

    def toggle(self) -> None:
        self.timer.toggle()
        self.tick()

    def add_minute(self) -> None:
        self.timer.add_minute()
        self.tick()

    def reset(self) -> None:
        self.timer.reset()
        self.tick()

    def clear(self) -> None:
        self.timer.clear()
        self.tick()


class TimerStatus(QLabel):
    """The time left in the main window's status bar; hidden while no timer is set."""

    def __init__(self, control: TimerControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timerStatus")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.hide()
        control.changed.connect(self.show_time)

    def show_time(self, text: str, state: str) -> None:
        if state == "idle":
            self.hide()
            return
        words = {
            "finished": self.tr("Time is up"),
            "paused": self.tr("Timer %1 (paused)").replace("%1", text),
            "ready": self.tr("Timer %1 (not started)").replace("%1", text),
        }
        self.setText(words.get(state, self.tr("Timer %1").replace("%1", text)))
        self.setAccessibleName(self.text())
        look = STATUS_LOOKS.get(state, "")
        self.setStyleSheet(
            f"QLabel#timerStatus {{ {look} font-weight: bold; padding: 1px 10px; "
            "border-radius: 6px; }"
        )
        self.show()


def install_timer(window: Any, clock: Callable[[], float] = time.monotonic) -> TimerControl:
    """View > Timer… (Ctrl+T), the time left in the status bar and on the projector."""
    from workshop_app.ui.timer_dialog import TimerDialog

    old = getattr(window, "act_timer", None)
    if old is not None:  # installed again (a test's own clock): the new one replaces it
        window.view_menu.removeAction(old)
        window.removeAction(old)
        old.setShortcut(QKeySequence())
        old.setParent(None)
        window.statusBar().removeWidget(window.timer_status)
        window.timer_status.deleteLater()
    control = TimerControl(clock, window)
    window.activity_timer = control
    window.timer_status = TimerStatus(control)
    window.statusBar().addPermanentWidget(window.timer_status)
    dialog: list[TimerDialog] = []

    def open_dialog() -> None:
        if not dialog:
            dialog.append(TimerDialog(control, window))
        dialog[0].open_for_keyboard()

    action = QAction(window.tr("&Timer…"), window)
    action.setObjectName("timer")
    action.setStatusTip(window.tr("Time an activity: shown here and on the projector."))
    action.triggered.connect(open_dialog)
    window.view_menu.addAction(action)
    window.addAction(action)  # the shortcut works wherever the main window has the focus
    window.act_timer = action
    window.timer_dialog = lambda: dialog[0] if dialog else None

    def give_shortcut() -> None:
        action.setShortcut(QKeySequence(TIMER_SHORTCUT))

    # Like the other menu shortcuts: given once the data folder is open (faster first paint).
    if getattr(window, "session", None) is not None:
        give_shortcut()
    else:
        window.ready.connect(give_shortcut)

    def to_projector(text: str, state: str) -> None:
        projector = getattr(window, "projector", None)
        if projector is not None:
            projector.show_timer(text, state)

    control.beat.connect(to_projector)
    # A projector opened while the timer is set shows it at once.
    opener = getattr(window, "act_projector", None)
    if opener is not None:
        opener.triggered.connect(lambda: to_projector(*control.shown))
    return control
