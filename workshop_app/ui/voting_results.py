"""A round's result on the facilitator's screen: the ranked list (dots, share, supporters,
objections, ties and near-ties) with its bar chart, and the rules it was counted under."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import voting
from workshop_app.ui.voting_chart import Bar, ResultsChart


def bars_of(result: voting.Results) -> list[Bar]:
    return [
        Bar(ln.rank, ln.label, ln.dots, ln.share, ln.tied, ln.near_tie, ln.objections)
        for ln in result.lines
    ]


class ResultsView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result: voting.Results | None = None
        self.banner = QLabel()
        self.banner.setObjectName("peekBanner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.empty = QLabel()
        self.empty.setObjectName("emptyHint")
        self.empty.setWordWrap(True)
        self.table = QTreeWidget()
        self.table.setObjectName("resultsTable")
        self.table.setAccessibleName(self.tr("Ranked results"))
        self.table.setRootIsDecorated(False)
        self.table.setColumnCount(7)
        self.table.setHeaderLabels(
            [
                self.tr("Rank"),
                self.tr("Option"),
                self.tr("Dots"),
                self.tr("Share"),
                self.tr("Supporters"),
                self.tr("Objections"),
                self.tr("Note"),
            ]
        )
        header = self.table.header()
        header.setStretchLastSection(False)
        for col in range(7):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.chart = ResultsChart(11.0)
        chart_scroll = QScrollArea()
        chart_scroll.setWidgetResizable(True)
        chart_scroll.setWidget(self.chart)
        chart_scroll.setMinimumHeight(160)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("Rules and totals"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        layout.addWidget(chart_scroll, 1)
        layout.addWidget(self.summary)
        self.show_nothing(self.tr("Results are shown here once the round is closed."))

    def show_nothing(self, text: str) -> None:
        self.result = None
        self.table.clear()
        self.chart.set_bars([])
        self.summary.clear()
        self.banner.hide()
        self.empty.setText(text)
        self.empty.show()

    def show_result(self, result: voting.Results) -> None:
        self.result = result
        self.empty.hide()
        if result.final:
            self.banner.hide()
        else:
            self.banner.setText(
                self.tr(
                    "PEEK: running totals while the round is still open. They are on this "
                    "screen only, never on the projector, and may change."
                )
            )
            self.banner.show()
        self.table.clear()
        for ln in result.lines:
            note = self.tr("tied") if ln.tied else (self.tr("near tie") if ln.near_tie else "")
            item = QTreeWidgetItem(
                [
                    f"{ln.rank}",
                    ln.label,
                    str(ln.dots),
                    f"{ln.share * 100:.0f}%",
                    str(ln.supporters),
                    str(ln.objections) if result.round.objections else "",
                    note,
                ]
            )
            item.setToolTip(1, ln.label)
            for col in (0, 2, 3, 4, 5):
                item.setTextAlignment(col, Qt.AlignmentFlag.AlignRight)
            if ln.tied:
                font = item.font(6)
                font.setBold(True)
                item.setFont(6, font)
            self.table.addTopLevelItem(item)
        self.chart.set_bars(bars_of(result))
        parts = [
            result.round.rules(),
            self.tr("%n voter(s) at the laptop", "", result.voters),
            self.tr("%n dot(s) cast", "", result.dots_cast),
            self.tr("%n paper dot(s)", "", result.paper_dots),
            self.tr("%n dot(s) unused", "", result.dots_unused),
        ]
        if result.round.reopened:
            parts.append(self.tr("reopened for changes %n time(s)", "", result.round.reopened))
        groups = result.tie_groups()
        if groups:
            parts.append(
                self.tr("ties are shown as ties: run a run-off to settle one")
                if result.final
                else self.tr("ties so far")
            )
        self.summary.setText("; ".join(parts) + ".")
