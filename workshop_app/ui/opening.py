"""What the window shows while it opens, and how it knows it has been painted: the moment a
person sees the app respond, after which slower work may start."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QLabel, QWidget


class OpeningPage(QLabel):
    """Shown until the data folder is open; says when it has first been painted."""

    painted = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setText(self.tr("Opening your workshops…"))
        # Centred by the style sheet (#openingPage): touching the Qt namespace from Python costs
        # a dozen milliseconds before the first paint.
        self.setObjectName("openingPage")
        self._told = False

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._told:
            self._told = True
            self.painted.emit()


class PaintWatcher(QObject):
    """Says once when a widget has been painted (then the app may do slower work)."""

    painted = Signal()

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._told = False
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._told:
            self._told = True
            QTimer.singleShot(0, self.painted.emit)  # after the paint has finished
        return False
