"""The narrative's fields as a form: seven short texts, who leads it, and the outcome box."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QWidget,
)

TEXT_FIELDS = ("issue", "change", "improves", "institution", "first_steps", "phasing", "progress")


class ShortText(QPlainTextEdit):
    """A short multi-line field: Tab moves on, as in a form."""

    def __init__(self, name: str, lines: int = 3) -> None:
        super().__init__()
        self.setAccessibleName(name)
        self.setTabChangesFocus(True)
        line = self.fontMetrics().lineSpacing()
        margins = 2 * (self.document().documentMargin() + self.frameWidth()) + 6
        self.setMinimumHeight(round(line * lines + margins))
        self.setMaximumHeight(round(line * (lines + 3) + margins))


class NarrativeForm(QScrollArea):
    """The fields of one narrative, scrolling; `on_change` runs on every edit. The outcome
    box (under "how it improves people's lives") is filled by the editor."""

    def __init__(self, on_change: Callable[..., None]) -> None:
        super().__init__()
        self.edits: dict[str, ShortText] = {}
        labels = {
            "issue": self.tr("&The issue"),
            "change": self.tr("The &change we want"),
            "improves": self.tr("How it &improves people's lives"),
            "institution": self.tr("&Who needs to act (institution)"),
            "first_steps": self.tr("&First steps"),
            "phasing": self.tr("P&hasing"),
            "progress": self.tr("How we will see &progress"),
        }
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        for key in TEXT_FIELDS:
            edit = ShortText(labels[key].replace("&", ""), 3 if key == "institution" else 4)
            edit.setObjectName(f"field_{key}")
            edit.setAccessibleDescription(
                self.tr("Part of the priority's narrative, in the room's own words")
            )
            edit.textChanged.connect(on_change)
            self.edits[key] = edit
            label = QLabel(labels[key])
            label.setBuddy(edit)
            form.addRow(label, edit)
            if key == "improves":
                self.outcome_box = QGroupBox(self.tr("Wellbeing outcomes"))
                self.outcome_box.setObjectName("outcomeBox")
                self.outcome_layout = QGridLayout(self.outcome_box)
                form.addRow(self.outcome_box)
            if key == "institution":
                self.community = self._community(on_change)
                led = QLabel(self.tr("&Led by the communities affected?"))
                led.setBuddy(self.community)
                form.addRow(led, self.community)
        host = QWidget()
        host.setLayout(form)
        self.setWidgetResizable(True)
        self.setWidget(host)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _community(self, on_change: Callable[..., None]) -> QComboBox:
        combo = QComboBox()
        combo.setAccessibleDescription(
            self.tr("Whether the communities affected will lead this change")
        )
        combo.setObjectName("communityLed")
        combo.setAccessibleName(self.tr("Led by the communities affected"))
        for value, text in (
            ("", self.tr("Not said")),
            ("yes", self.tr("Yes")),
            ("partly", self.tr("Partly")),
            ("no", self.tr("No")),
        ):
            combo.addItem(text, value)
        combo.currentIndexChanged.connect(on_change)
        return combo
