"""A line edit's hint that is never cut off: the longest wording that fits shows whole."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLineEdit

_REFIT = (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.StyleChange)


class PlaceholderFit(QObject):
    """Shows the first of `texts` (longest first) that fits the box; a hint cut off mid-word
    helps nobody, and Welsh runs a fifth longer than English."""

    def __init__(self, edit: QLineEdit, *texts: str) -> None:
        super().__init__(edit)
        self.edit = edit
        self.texts = texts
        edit.installEventFilter(self)
        self.fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() in _REFIT:
            self.fit()
        return False

    def fit(self) -> None:
        metrics = self.edit.fontMetrics()
        # Room for the frame, the padding and a clear button.
        room = self.edit.width() - metrics.averageCharWidth() * 3 - 24
        fits = [t for t in self.texts if metrics.horizontalAdvance(t) <= room]
        self.edit.setPlaceholderText(fits[0] if fits else self.texts[-1])
