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

VOTING_STYLE = """
QPushButton:disabled, QRadioButton:disabled, QCheckBox:disabled { color: #5F636B; }
QPushButton:disabled { border-color: #C4C7CC; background: #F3F4F6; }
#votingProgress { font-size: 15pt; font-weight: bold; color: #0B57D0; }
#votingBudget { font-size: 16pt; font-weight: bold; color: #0B57D0; }
#ballotList { font-size: 14pt; }
#ballotList::item { padding: 4px; }
#tallyEdit { font-size: 14pt; padding: 3px 6px; }
#votingHeading { font-weight: bold; }
#peekBanner { background: #FFF3CD; color: #4A3000; border: 2px solid #B26A00;
    border-radius: 4px; padding: 8px; font-weight: bold; }
QPushButton#peekButton:checked { background: #FFF3CD; border-color: #B26A00; }
"""


def rules_text(widget: QWidget, info: voting.RoundInfo) -> str:
    """The round's rules, translatable and with plurals (the core's text is English only)."""
    parts = [widget.tr("%n dot(s) each", "", info.dots_per_person)]
    if info.cap_per_option:
        parts.append(widget.tr("at most %n on one option", "", info.cap_per_option))
    if info.criterion:
        parts.append(widget.tr("criterion: %1").replace("%1", info.criterion))
    if info.objections:
        parts.append(widget.tr("one red objection dot each, counted separately"))
    return "; ".join(parts)


def forward_notes(widget: QWidget, result: voting.Results) -> list[str]:
    """What the line for what goes forward means here: how many go forward, and whether a
    tie across it needs a run-off (ties elsewhere are shown as ties and decide nothing)."""
    notes = [widget.tr("%n option(s) going forward", "", result.forward)]
    tie = result.deciding_tie()
    if tie:
        notes.append(
            widget.tr("%n option(s) tie across that line: a run-off settles it", "", len(tie))
            if result.final
            else widget.tr("%n option(s) tie across that line so far", "", len(tie))
        )
    elif result.with_dots() < result.forward:
        notes.append(widget.tr("only %n option(s) got any dots", "", result.with_dots()))
    return notes


def bars_of(result: voting.Results) -> list[Bar]:
    return [
        Bar(ln.rank, ln.label, ln.dots, ln.share, ln.tied, ln.near_tie, ln.objections)
        for ln in result.lines
    ]


class ResultsView(QWidget):
    """A round's results: ranked options, ties and near-ties marked, and the chart."""

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
        layout.addWidget(self.table, 2)
        layout.addWidget(chart_scroll, 3)
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
        self.table.setColumnHidden(5, not result.round.objections)
        parts = [
            rules_text(self, result.round),
            self.tr("%n voter(s) at the laptop", "", result.voters),
            self.tr("%n dot(s) cast", "", result.dots_cast),
            self.tr("%n paper dot(s)", "", result.paper_dots),
            self.tr("%n dot(s) unused", "", result.dots_unused),
        ]
        if result.round.reopened:
            parts.append(self.tr("reopened for changes %n time(s)", "", result.round.reopened))
        parts.extend(forward_notes(self, result))
        self.summary.setText("; ".join(parts) + ".")
