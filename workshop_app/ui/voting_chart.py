"""The result of a round as a horizontal bar chart, drawn with QPainter: on the facilitator's
screen and, in large type, on the projector. Ties are marked as ties, never broken."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen, QTextLayout
from PySide6.QtWidgets import QSizePolicy, QWidget

from workshop_app.ui.text_lines import utf16_slice

BAR = QColor("#0B57D0")
TIED_BAR = QColor("#8A4B00")
TRACK = QColor("#E3E7EE")
INK = QColor("#1A1A1A")
TIED_INK = QColor("#6B3A00")


@dataclass(frozen=True)
class Bar:
    rank: int
    label: str
    dots: int
    share: float
    tied: bool
    near_tie: bool
    objections: int = 0


def two_lines(text: str, font: QFont, width: int) -> str:
    """The label broken into at most two lines of `width`, the second elided if need be."""
    text = " ".join(text.split())
    layout = QTextLayout(text, font)
    layout.beginLayout()
    starts: list[int] = []
    while len(starts) < 3:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        starts.append(line.textStart())
    layout.endLayout()
    if len(starts) < 2:
        return text
    # textStart() counts UTF-16 units: cut in UTF-16 too, so emoji do not shift the break.
    first = utf16_slice(text, 0, starts[1]).rstrip()
    rest = utf16_slice(text, starts[1])
    if len(starts) == 2:
        return first + "\n" + rest
    second = QFontMetrics(font).elidedText(rest, Qt.TextElideMode.ElideRight, width)
    return first + "\n" + second


class ResultsChart(QWidget):
    """Rank and label, a bar proportional to the dots, and '12 dots · 30%' after it."""

    def __init__(self, point_size: float = 11.0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resultsChart")
        self.bars: list[Bar] = []
        self.point_size = point_size
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAccessibleName(self.tr("Results chart"))

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.setAccessibleDescription(
            "; ".join(f"{b.rank}. {b.label}: {self.value_text(b)}" for b in bars)
        )
        self.updateGeometry()
        self.update()

    def set_point_size(self, size: float) -> None:
        self.point_size = size
        self.updateGeometry()
        self.update()

    def _font(self, bold: bool = False) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(self.point_size)
        font.setBold(bold)
        return font

    def row_height(self) -> int:
        # Room for a label on two lines.
        return int(QFontMetrics(self._font()).lineSpacing() * 2.3) + 8

    def sizeHint(self) -> QSize:
        return QSize(600, max(1, len(self.bars)) * self.row_height() + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, self.sizeHint().height())

    def value_text(self, bar: Bar) -> str:
        text = self.tr("%n dot(s)", "", bar.dots) + f" · {bar.share * 100:.0f}%"
        if bar.objections:
            text += " · " + self.tr("%n objection(s)", "", bar.objections)
        if bar.tied:
            text += " · " + self.tr("tied")
        elif bar.near_tie:
            text += " · " + self.tr("near tie")
        return text

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = self.width()
        rtl = self.isRightToLeft()

        def place(rect: QRect) -> QRect:
            if not rtl:
                return rect
            return QRect(width - rect.x() - rect.width(), rect.y(), rect.width(), rect.height())

        font, bold = self._font(), self._font(bold=True)
        bold_metrics = QFontMetrics(bold)
        row_h = self.row_height()
        rank_w = bold_metrics.horizontalAdvance("00.") + 8
        label_w = int(width * 0.38)
        value_w = (
            max(bold_metrics.horizontalAdvance(self.value_text(b)) for b in self.bars) + 16
            if (self.bars)
            else 0
        )
        bar_x = rank_w + label_w + 12
        bar_w = max(40, width - bar_x - value_w - 8)
        top_dots = max((b.dots for b in self.bars), default=0) or 1
        align = Qt.AlignmentFlag.AlignVCenter | (
            Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        )
        for i, bar in enumerate(self.bars):
            y = 4 + i * row_h
            ink = TIED_INK if bar.tied else INK
            painter.setFont(bold)
            painter.setPen(ink)
            painter.drawText(place(QRect(0, y, rank_w, row_h)), align, f"{bar.rank}.")
            painter.setFont(font)
            label_rect = QRect(rank_w, y, label_w, row_h)
            # Two lines at most: the rest elided.
            painter.drawText(place(label_rect), align, two_lines(bar.label, font, label_w - 4))
            bar_h = int(row_h * 0.5)
            track = QRect(bar_x, y + (row_h - bar_h) // 2, bar_w, bar_h)
            painter.fillRect(place(track), TRACK)
            filled = QRect(track.x(), track.y(), int(bar_w * bar.dots / top_dots), bar_h)
            if filled.width() > 0:
                painter.fillRect(place(filled), TIED_BAR if bar.tied else BAR)
            if bar.tied:
                painter.setPen(QPen(TIED_BAR, 2, Qt.PenStyle.DashLine))
                painter.drawRect(place(track.adjusted(0, 0, -1, -1)))
            painter.setFont(bold)
            painter.setPen(ink)
            value_rect = QRect(bar_x + bar_w + 8, y, value_w, row_h)
            painter.drawText(place(value_rect), align, self.value_text(bar))
        painter.end()
