"""The projector's voting page: a round's options while it is open, its ranked chart once
revealed, in the largest type that fits the room's screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from workshop_app.ui.voting_chart import ResultsChart


class VotingPage(QWidget):
    def __init__(self, point_size: float) -> None:
        super().__init__()
        self.setObjectName("projectorVoting")
        self.title = QLabel()
        self.title.setObjectName("voteTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.rules = QLabel()
        self.rules.setTextFormat(Qt.TextFormat.PlainText)
        self.rules.setWordWrap(True)
        self.progress = QLabel()
        self.progress.setObjectName("voteProgress")
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress.setWordWrap(True)
        self.options = QLabel()
        self.options.setObjectName("voteOptions")
        self.options.setTextFormat(Qt.TextFormat.PlainText)
        self.options.setWordWrap(True)
        self.options.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.chart = ResultsChart(point_size)
        self.chart.hide()
        body = QWidget()
        body.setObjectName("voteHost")
        body.setStyleSheet("#voteHost { background: #FFFFFF; }")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 12, 0)
        body_layout.addWidget(self.progress)
        body_layout.addWidget(self.options)
        body_layout.addWidget(self.chart)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.viewport().setStyleSheet("background: #FFFFFF;")
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.rules)
        layout.addWidget(scroll, 1)


def voting_point_size(
    base: QFont,
    room: tuple[int, int],
    rows: int,
    options: list[str] | None,
    sizes: tuple[float, int],
) -> float:
    """The largest type (between sizes = (smallest, largest)) at which the round's options,
    or its chart's rows when `options` is None, fit `room` (width, height) without
    scrolling."""
    smallest, largest = sizes
    width, height = max(200, room[0] - 40), max(200, room[1])
    for size in range(largest, int(smallest), -1):
        font = QFont(base)
        font.setPointSizeF(size)
        line = QFontMetrics(font).lineSpacing()
        # The title and the rules above, the headline over the options.
        above = line * 1.5 + line * 0.9 * 2 + 24
        if options is None:
            needed = above + rows * (line * 2.3 + 8)
        else:
            text = "\n".join(f"•  {o}" for o in options)
            flags = int(Qt.TextFlag.TextWordWrap)
            body = QFontMetrics(font).boundingRect(0, 0, width, 1_000_000, flags, text)
            needed = above + line * 2.2 + 24 + body.height()
        if needed <= height:
            return float(size)
    return smallest
