"""View > Timer…: a small window to time an activity from the keyboard. Type the minutes,
Enter starts; Space pauses and goes on; + adds a minute."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.timer import MAX_MINUTES, MIN_MINUTES
from workshop_app.errors import AppError
from workshop_app.ui.timer_control import STATUS_LOOKS, TimerControl


class TimerDialog(QDialog):
    """Minutes, Start/Pause, +1 minute, Reset and the time left, large; not modal, so the
    facilitator goes on working while it runs."""

    def __init__(self, control: TimerControl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timerDialog")
        self.setWindowTitle(self.tr("Activity timer"))
        self.control = control
        self.minutes = QSpinBox()
        self.minutes.setRange(MIN_MINUTES, MAX_MINUTES)
        self.minutes.setValue(10)
        self.minutes.setSuffix(self.tr(" min"))
        self.minutes.setAccessibleName(self.tr("Minutes"))
        self.minutes.setAccessibleDescription(self.tr("How long the activity lasts; Enter starts"))
        self.minutes.valueChanged.connect(self._edited)
        self.minutes.installEventFilter(self)
        self.minutes.lineEdit().textEdited.connect(lambda _text: self.hint.setText(self.keys_text))
        label = QLabel(self.tr("&Minutes:"))
        label.setBuddy(self.minutes)
        self.display = QLabel()
        self.display.setObjectName("timerDisplay")
        self.display.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.display.setMinimumWidth(260)
        self.keys_text = self.tr("Type the minutes and press Enter. Space pauses; + adds a minute.")
        self.hint = QLabel(self.keys_text)
        self.hint.setWordWrap(True)
        self.hint.setObjectName("timerHint")
        self.start_button = QPushButton()
        self.start_button.setDefault(True)
        self.start_button.setToolTip(self.tr("Start the timer, or pause and go on (Space)"))
        self.start_button.clicked.connect(self.start_or_pause)
        self.more_button = QPushButton(self.tr("+1 minute"))
        self.more_button.setAccessibleName(self.tr("Add a minute"))
        self.more_button.setToolTip(self.tr("One more minute on the timer (+)"))
        self.more_button.clicked.connect(control.add_minute)
        self.reset_button = QPushButton(self.tr("&Reset"))
        self.reset_button.setToolTip(
            self.tr("Stop the timer and set it back to its minutes (Ctrl+R)")
        )
        self.reset_button.clicked.connect(self.reset)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setToolTip(self.tr("Hide this window; the timer keeps running"))
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.hide)
        for button in (self.more_button, self.reset_button):
            button.setAutoDefault(False)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.minutes, 1)
        buttons = QHBoxLayout()
        for button in (self.start_button, self.more_button, self.reset_button, self.close_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.display)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)
        for keys, slot in (
            ("Space", self.start_or_pause),
            ("+", control.add_minute),
            ("Ctrl+R", self.reset),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(slot)
        self._minutes_edited = False  # True once the minutes are typed: Start takes them
        control.changed.connect(self.show_time)
        self.show_time(*control.shown)

    def open_for_keyboard(self) -> None:
        """Shown, in front: with the minutes selected so typing replaces them, or, while a
        timer runs or is paused, on Start/Pause, so Space and + do what the window says."""
        self.show()
        self.raise_()
        self.activateWindow()
        if self.control.state in ("running", "paused"):
            self.start_button.setFocus()
            return
        self.minutes.setFocus()
        self.minutes.selectAll()

    def _edited(self) -> None:
        self._minutes_edited = True
        self._label_start()

    def start_or_pause(self) -> None:
        """Start with the minutes typed (or go on after a pause); pause while it runs."""
        state = self.control.state
        try:
            if state == "running" and not self._minutes_edited:
                self.control.pause()
            elif self._minutes_edited or state in ("idle", "finished"):
                if not self._minutes_ok():
                    return
                self.minutes.interpretText()
                self.control.set_minutes(self.minutes.value())
                self._minutes_edited = False
                self.control.start()
                # Space on the focused button now pauses and goes on.
                self.start_button.setFocus()
            else:
                self.control.start()
        except AppError as error:
            self.hint.setText(error.message)

    def _minutes_ok(self) -> bool:
        """Minutes out of range are said, never silently changed into minutes nobody typed."""
        if self.minutes.hasAcceptableInput():
            return True
        self.hint.setText(
            self.tr("A timer runs from %1 to %2 minutes.")
            .replace("%1", str(MIN_MINUTES))
            .replace("%2", str(MAX_MINUTES))
        )
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The spin box would put back its last good value on Enter: stop it and say why.
        if watched is self.minutes and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and not self._minutes_ok():
                return True
            # Space and + are the timer's keys, never minutes: the spin box would take them
            # before the window's shortcuts see them.
            if event.key() == Qt.Key.Key_Space and not event.modifiers():
                self.start_or_pause()
                return True
            if event.text() == "+":
                self.control.add_minute()
                return True
        return super().eventFilter(watched, event)

    def reset(self) -> None:
        self.control.reset()

    def _label_start(self) -> None:
        running = self.control.state == "running" and not self._minutes_edited
        if running:
            self.start_button.setText(self.tr("&Pause"))
        elif self.control.state == "paused" and not self._minutes_edited:
            self.start_button.setText(self.tr("&Go on"))
        else:
            self.start_button.setText(self.tr("&Start"))

    def show_time(self, text: str, state: str) -> None:
        if state == "idle":
            text = self.tr("Not set")
        elif state == "finished":
            text = self.tr("Time is up")
        self.display.setText(text)
        look = STATUS_LOOKS.get(state, "color: #4A4A4A;")
        self.display.setStyleSheet(
            f"QLabel#timerDisplay {{ {look} font-size: 40px; font-weight: bold; "
            "padding: 8px 16px; border-radius: 10px; }"
        )
        self._label_start()
