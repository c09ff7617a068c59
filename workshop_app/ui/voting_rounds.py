"""The voting window's list of rounds: each round's name, status and rules in a few words, and
the New round button (Ctrl+N)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import voting
from workshop_app.ui.voting_results import rules_text

ID_ROLE = Qt.ItemDataRole.UserRole


def status_text(widget: QWidget, info: voting.RoundInfo) -> str:
    text = {
        voting.SETUP: widget.tr("being set up"),
        voting.OPEN: widget.tr("open"),
        voting.CLOSED: widget.tr("revealed") if info.revealed else widget.tr("closed"),
    }.get(info.status, info.status)
    if info.reopened:
        text += " · " + widget.tr("reopened %n×", "", info.reopened)
    if info.runoff_of:
        text += " · " + widget.tr("run-off")
    return text


def short_rules(widget: QWidget, info: voting.RoundInfo) -> str:
    """The rules in a few words, for the list; the full sentence is above the tabs."""
    parts = [widget.tr("%n dot(s)", "", info.dots_per_person)]
    if info.cap_per_option:
        parts.append(widget.tr("cap %1").replace("%1", str(info.cap_per_option)))
    if info.criterion:
        parts.append(info.criterion)
    if info.objections:
        parts.append(widget.tr("red dot"))
    return " · ".join(parts)


class RoundsPanel(QWidget):
    """The rounds, oldest first, and the button that sets up a new one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QTreeWidget()
        self.list.setObjectName("roundList")
        self.list.setAccessibleName(self.tr("Voting rounds"))
        self.list.setAccessibleDescription(
            self.tr("This workshop's voting rounds, with their status and rules: pick one to run")
        )
        self.list.setColumnCount(3)
        self.list.setHeaderLabels([self.tr("Round"), self.tr("Status"), self.tr("Rules")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.new_button = QPushButton(self.tr("&New round…"))
        self.new_button.setObjectName("primaryButton")
        self.new_button.setToolTip(self.tr("Set up a new voting round (Ctrl+N)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("Rounds"))
        title.setObjectName("boardTitle")
        layout.addWidget(title)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)

    def fill(self, rounds: list[voting.RoundInfo]) -> None:
        """Redraw the list without announcing a change of round (the caller re-selects)."""
        self.list.blockSignals(True)
        self.list.clear()
        for info in rounds:
            item = QTreeWidgetItem([info.name, status_text(self, info), short_rules(self, info)])
            item.setData(0, ID_ROLE, info.id)
            item.setToolTip(2, rules_text(self, info))
            self.list.addTopLevelItem(item)
        self.list.blockSignals(False)

    def current_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(0, ID_ROLE)

    def select(self, round_id: str) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(0, ID_ROLE) == round_id:
                self.list.setCurrentItem(item)
                return
