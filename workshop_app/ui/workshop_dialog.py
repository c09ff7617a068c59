"""Create or edit a workshop's details."""

from __future__ import annotations

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.templates import theme_templates
from workshop_app.core.workshops import WorkshopFields, WorkshopInfo
from workshop_app.ui.descriptions import describe_buttons
from workshop_app.ui.forms import label_fields
from workshop_app.ui.screen_fit import fit_to_screen


class WorkshopDialog(QDialog):
    """A workshop's details, new or edited: title, place, date, facilitators, prompts, the
    follow-up address and contact phone, and (when new) the theme template."""

    def __init__(self, existing: WorkshopInfo | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Edit workshop") if existing else self.tr("New workshop"))
        fit_to_screen(self, 560, 520)
        self._make_fields()
        form = self._form(existing)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        describe_buttons(buttons)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if existing is not None:
            self._fill(existing)

    def _make_fields(self) -> None:
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. Our place, our priorities"))
        self.programme = QLineEdit()
        self.programme.setAccessibleDescription(self.tr("The programme this workshop is part of"))
        self.place = QLineEdit()
        self.place.setPlaceholderText(self.tr("Area or ward"))
        self.venue = QLineEdit()
        self.venue.setAccessibleDescription(self.tr("The building or room the workshop is in"))
        self.has_date = QCheckBox(self.tr("Has a date and time"))
        self.has_date.setChecked(True)
        self.has_date.setToolTip(self.tr("Untick for a workshop with no date set yet"))
        self.starts = QDateTimeEdit(QDateTime.currentDateTime())
        self.starts.setCalendarPopup(True)
        self.starts.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.starts.setAccessibleName(self.tr("Date and time"))
        self.starts.setAccessibleDescription(self.tr("When the workshop starts"))
        self.has_date.toggled.connect(self.starts.setEnabled)
        self.facilitators = QLineEdit()
        self.facilitators.setPlaceholderText(self.tr("Names, separated by commas"))
        self.prompts = QPlainTextEdit()
        self.prompts.setPlaceholderText(self.tr("One question per line"))
        self.prompts.setAccessibleDescription(
            self.tr("The questions the workshop asks, one a line; the board shows the first")
        )
        self.prompts.setTabChangesFocus(True)
        self.follow_up = QLineEdit()
        self.follow_up.setPlaceholderText(self.tr("e.g. https://our-programme.example/follow-up"))
        self.follow_up.setToolTip(
            self.tr(
                "Printed on handouts as a QR code and as text, so people can see what "
                "happened next."
            )
        )
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(self.tr("A number to ring for people who are not online"))
        self.template = QComboBox()
        self.template.setAccessibleDescription(self.tr("The themes a new workshop starts with"))
        for template in theme_templates().values():
            self.template.addItem(template.name, template.id)
        index = self.template.findData("building-blocks")
        self.template.setCurrentIndex(max(0, index))
        self.error = QLabel()
        self.error.setObjectName("captureMessage")
        self.error.setWordWrap(True)
        self.error.hide()

    def _form(self, existing: WorkshopInfo | None) -> QFormLayout:
        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title)
        form.addRow(self.tr("&Programme"), self.programme)
        form.addRow(self.tr("P&lace"), self.place)
        form.addRow(self.tr("&Venue"), self.venue)
        form.addRow(self.has_date, self.starts)
        form.addRow(self.tr("&Facilitators"), self.facilitators)
        form.addRow(self.tr("Prompt &questions"), self.prompts)
        form.addRow(self.tr("Follow-up &address"), self.follow_up)
        form.addRow(self.tr("Contact p&hone"), self.phone)
        if existing is None:
            form.addRow(self.tr("Th&emes"), self.template)
        label_fields(form)
        return form

    def _fill(self, existing: WorkshopInfo) -> None:
        self.title.setText(existing.title)
        self.programme.setText(existing.programme)
        self.place.setText(existing.place)
        self.venue.setText(existing.venue)
        self.facilitators.setText(existing.facilitators)
        self.prompts.setPlainText("\n".join(existing.prompts))
        self.follow_up.setText(existing.follow_up_url)
        self.phone.setText(existing.contact_phone)
        if existing.starts_at:
            self.starts.setDateTime(
                QDateTime.fromString(existing.starts_at[:16], "yyyy-MM-ddTHH:mm")
            )
        else:
            self.has_date.setChecked(False)

    def fields(self) -> WorkshopFields:
        prompts = tuple(p for p in self.prompts.toPlainText().splitlines() if p.strip())
        starts = (
            self.starts.dateTime().toString("yyyy-MM-ddTHH:mm")
            if self.has_date.isChecked()
            else None
        )
        return WorkshopFields(
            title=self.title.text(),
            programme=self.programme.text(),
            place=self.place.text(),
            venue=self.venue.text(),
            starts_at=starts,
            facilitators=self.facilitators.text(),
            prompts=prompts,
            follow_up_url=self.follow_up.text(),
            contact_phone=self.phone.text(),
        )

    def template_id(self) -> str:
        return str(self.template.currentData())

    def _accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText(self.tr("A workshop needs a title."))
            self.error.show()
            self.title.setFocus()
            return
        self.accept()

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()
