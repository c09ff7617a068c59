"""Add or edit one participant: consent first (every box unticked until the person says yes),
then the details that consent allows us to keep."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.consent import (
    QUOTE_LABELS,
    QUOTE_OPTIONS,
    ConsentChoices,
    ConsentWording,
    consent_wording,
)
from workshop_app.core.participants import ParticipantFields, ParticipantInfo
from workshop_app.ui.descriptions import describe_buttons
from workshop_app.ui.forms import label_fields
from workshop_app.ui.screen_fit import fit_to_screen

# The consent items shown as tick boxes, in the order they are read out.
TICK_ITEMS = ("take_part", "photo", "contact", "use_report", "use_publicity")


class WordingLabel(QLabel):
    """The consent wording under its tick box; clicking the words ticks the box too."""

    def __init__(self, text: str, box: QCheckBox) -> None:
        super().__init__(text)
        self.box = box
        self.setObjectName("consentWording")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setContentsMargins(28, 0, 0, 6)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self.box.isEnabled() and event.button() == Qt.MouseButton.LeftButton:
            self.box.toggle()
            self.box.setFocus()
        super().mouseReleaseEvent(event)


class ParticipantForm(QDialog):
    """`save` runs the change and returns None when done, or the one-line reason it was not;
    the form stays open with everything typed when it fails."""

    def __init__(
        self,
        save: Callable[[ParticipantForm], str | None],
        existing: ParticipantInfo | None = None,
        recorded_by: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.existing = existing
        wording = consent_wording()
        if existing is None:
            self.setWindowTitle(self.tr("Add participant"))
        else:
            self.setWindowTitle(self.tr("Participant %s") % existing.code)
        fit_to_screen(self, 760, 780)

        heading = QLabel(
            self.tr("Read each item out and tick only what the person agrees to.")
            if existing is None
            else self.tr("Participant %s: change only what the person asks to change.")
            % existing.code
        )
        heading.setWordWrap(True)
        heading.setObjectName("formHeading")

        consent_box = self._consent_box(wording)
        details_box, recorded_form = self._details(recorded_by)
        self.error = QLabel()
        self.error.setObjectName("captureMessage")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Why it was not saved"))
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        describe_buttons(buttons)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("primaryButton")
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)

        # Scrolls rather than squeezes the wording on a small laptop screen.
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 0)
        body_layout.addWidget(heading)
        body_layout.addWidget(consent_box)
        body_layout.addWidget(details_box)
        body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(recorded_form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

        if existing is not None:
            choices = existing.choices
            for key in TICK_ITEMS:
                self.boxes[key].setChecked(bool(getattr(choices, key)))
            self.quote.setCurrentIndex(max(0, self.quote.findData(choices.quote)))
            self.name.setText(existing.name)
            self.area.setText(existing.area)
            self.email.setText(existing.email)
            self.phone.setText(existing.phone)
        for key in ("take_part", "contact"):
            self.boxes[key].toggled.connect(self._update_enabled)
        for edit in (self.name, self.email, self.phone):
            edit.textChanged.connect(self._update_enabled)
        self._update_enabled()
        self.boxes["take_part"].setFocus()

    def _consent_box(self, wording: ConsentWording) -> QGroupBox:
        """Each consent item as read out, a box to tick, and how their words may be quoted."""
        consent_box = QGroupBox(self.tr("Consent (wording version %s)") % wording.version)
        consent_layout = QVBoxLayout(consent_box)
        short = {
            "take_part": self.tr("&Take part"),
            "photo": self.tr("P&hotographs"),
            "contact": self.tr("Be &contacted later"),
            "use_report": self.tr("Use in &reports"),
            "use_publicity": self.tr("Use in p&ublicity"),
        }
        self.boxes: dict[str, QCheckBox] = {}
        for key in TICK_ITEMS:
            box = QCheckBox(short[key])
            box.setChecked(False)
            box.setAccessibleName(short[key].replace("&", ""))
            box.setAccessibleDescription(wording.items.get(key, ""))
            self.boxes[key] = box
            consent_layout.addWidget(box)
            consent_layout.addWidget(WordingLabel(wording.items.get(key, ""), box))
            if key == "take_part":
                self.quote = QComboBox()
                for option in QUOTE_OPTIONS:
                    self.quote.addItem(
                        QCoreApplication.translate("QuoteLabels", QUOTE_LABELS[option]), option
                    )
                self.quote.setAccessibleName(self.tr("How their words may be quoted"))
                self.quote.setAccessibleDescription(wording.items.get("quote", ""))
                quote_words = QLabel(wording.items.get("quote", ""))
                quote_words.setObjectName("consentWording")
                quote_words.setWordWrap(True)
                quote_words.setContentsMargins(28, 4, 0, 0)
                consent_layout.addWidget(quote_words)
                quote_label = QLabel(self.tr("&Quoting:"))
                quote_label.setBuddy(self.quote)
                quote_row = QFormLayout()
                quote_row.setContentsMargins(28, 0, 0, 6)
                quote_row.addRow(quote_label, self.quote)
                consent_layout.addLayout(quote_row)
        return consent_box

    def _details(self, recorded_by: str) -> tuple[QGroupBox, QFormLayout]:
        """The personal details kept (only with consent) and who recorded them."""
        details_box = QGroupBox(self.tr("Details kept"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Leave blank to keep no name"))
        self.area = QLineEdit()
        self.area.setPlaceholderText(self.tr("Street, village or ward (optional)"))
        self.email = QLineEdit()
        self.email.setAccessibleDescription(
            self.tr("Kept only with consent to be contacted about what happens next")
        )
        self.phone = QLineEdit()
        self.phone.setAccessibleDescription(
            self.tr("Kept only with consent to be contacted about what happens next")
        )
        self.hint = QLabel()
        self.hint.setObjectName("formHint")
        self.hint.setWordWrap(True)
        details = QFormLayout(details_box)
        details.addRow(self.tr("&Name"), self.name)
        details.addRow(self.tr("&Area"), self.area)
        details.addRow(self.tr("&Email"), self.email)
        details.addRow(self.tr("Ph&one"), self.phone)
        details.addRow(self.hint)
        self.recorded = QLineEdit(recorded_by)
        self.recorded.setPlaceholderText(self.tr("Facilitator's name"))
        recorded_form = QFormLayout()
        recorded_form.addRow(self.tr("Recorded &by"), self.recorded)
        for form in (details, recorded_form):
            label_fields(form)
        return details_box, recorded_form

    # --- what was entered -------------------------------------------------------------------
    def fields(self) -> ParticipantFields:
        # Disabled fields still hand over what was typed: core decides, and says why, rather
        # than the form dropping someone's words without a word.
        return ParticipantFields(
            self.name.text(), self.area.text(), self.email.text(), self.phone.text()
        )

    def choices(self) -> ConsentChoices:
        return ConsentChoices(
            take_part=self.boxes["take_part"].isChecked(),
            quote=str(self.quote.currentData()),
            photo=self.boxes["photo"].isChecked(),
            contact=self.boxes["contact"].isChecked(),
            use_report=self.boxes["use_report"].isChecked(),
            use_publicity=self.boxes["use_publicity"].isChecked(),
        )

    def recorded_by(self) -> str:
        return self.recorded.text()

    # --- behaviour --------------------------------------------------------------------------
    def _update_enabled(self) -> None:
        taking_part = self.boxes["take_part"].isChecked()
        contact = taking_part and self.boxes["contact"].isChecked()
        self.name.setEnabled(taking_part)
        self.quote.setEnabled(taking_part)
        self.email.setEnabled(contact)
        self.phone.setEnabled(contact)
        hints = []
        if not taking_part:
            hints.append(
                self.tr("A name is kept only with consent to take part.")
                if not self.name.text().strip()
                else self.tr("Tick 'Take part' to keep this name: without it the name goes.")
                if self.existing is not None
                else self.tr("Tick 'Take part' to keep this name, or leave the name blank.")
            )
        if not contact:
            hints.append(
                self.tr("Email and phone are kept only with consent to be contacted.")
                if not (self.email.text().strip() or self.phone.text().strip())
                else self.tr("Tick 'Be contacted later' to keep these contact details.")
                if self.existing is None
                else self.tr("Without 'Be contacted later' these contact details go on saving.")
            )
        self.hint.setText(" ".join(hints))
        self.hint.setVisible(bool(hints))

    def try_save(self) -> None:
        reason = self._save(self)
        if reason is None:
            self.accept()
            return
        self.show_error(reason)

    def show_error(self, message: str) -> None:
        # One line, and nothing typed is cleared.
        self.error.setText(message.splitlines()[0] if message else "")
        self.error.show()
