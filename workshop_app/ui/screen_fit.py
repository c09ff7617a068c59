"""Windows and dialogs open no larger than the screen they are on: a 1366x768 laptop, or
1280x720 at 125% scaling (1024x576 to Qt), must show every button without dragging."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# Room left for the window's title bar and frame, which Qt's sizes do not include.
FRAME_ALLOWANCE = (16, 48)


def _room(widget: QWidget) -> tuple[int, int] | None:
    anchor = widget.parentWidget() or widget
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return None
    room = screen.availableGeometry()
    return room.width() - FRAME_ALLOWANCE[0], room.height() - FRAME_ALLOWANCE[1]


def _fitted(widget: QWidget, width: int, height: int) -> tuple[int, int]:
    room = _room(widget)
    if room is None:
        return width, height
    return max(200, min(width, room[0])), max(160, min(height, room[1]))


class _KeepOnScreen(QObject):
    """Qt may grow a window as it is first shown (its layout asking for its preferred size):
    the size is checked against the screen once more then."""

    def __init__(self, widget: QWidget, width: int, height: int) -> None:
        super().__init__(widget)
        self._wanted = (width, height)
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            # After the layouts have settled: they grow the window after it is shown.
            QTimer.singleShot(0, lambda: self._clamp(watched))
        return False

    def _clamp(self, widget: QWidget) -> None:
        width, height = _fitted(widget, *self._wanted)
        if widget.width() > width or widget.height() > height:
            widget.resize(
                max(widget.minimumWidth(), min(widget.width(), width)),
                max(widget.minimumHeight(), min(widget.height(), height)),
            )


def fit_to_screen(widget: QWidget, width: int, height: int, *, when_shown: bool = True) -> None:
    """resize(width, height), or smaller when the screen is smaller, now and (unless told
    not to, for a window that sizes itself later) once more as it is first shown."""
    widget.resize(*_fitted(widget, width, height))
    if when_shown and not widget.findChild(_KeepOnScreen):
        _KeepOnScreen(widget, width, height)
