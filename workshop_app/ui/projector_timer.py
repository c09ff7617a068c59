"""The activity timer as the projector shows it: large, at the top, calm when time is up."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

# A calm green when time is up (no alarm red), grey and dashed while paused.
_LOOKS = {
    "finished": "background: #D7F2E3; color: #0B6E3A; border: 3px solid #0B6E3A;",
    "paused": "background: #F1F3F4; color: #4A4A4A; border: 3px dashed #8A8F98;",
}
_RUNNING = "background: #E8F0FE; color: #0B3D91; border: 3px solid #E8F0FE;"


class TimerBadge(QLabel):
    """The time left ("4:05"), or "Time is up"; hidden while no timer is set."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectorTimer")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.state = "idle"
        self.shown = ("", "idle")
        self.px = 28.0
        self.hide()

    def show_time(self, text: str, state: str) -> None:
        if (text, state) == self.shown:
            return
        self.shown = (text, state)
        self.state = state
        if state == "idle":
            self.hide()
            return
        self.setText(self.tr("Time is up") if state == "finished" else text)
        self.setAccessibleName(self.tr("Activity timer: %1").replace("%1", self.text()))
        self._restyle()
        self.show()

    def set_pixel_size(self, px: float) -> None:
        self.px = px
        self._restyle()

    def _restyle(self) -> None:
        look = _LOOKS.get(self.state, _RUNNING)
        self.setStyleSheet(
            f"QLabel#projectorTimer {{ font-size: {self.px:.0f}px; font-weight: bold; "
            f"padding: 0px 16px; border-radius: 10px; {look} }}"
        )
