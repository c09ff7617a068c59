"""Find a person in the register by their code, typed or scanned from their card: a USB QR
scanner types the card's text and Enter like a keyboard, into whatever has the focus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit

from workshop_app.core.cards import parse_card_text
from workshop_app.core.participants import normalise_code
from workshop_app.ui.placeholder_fit import PlaceholderFit

if TYPE_CHECKING:
    from workshop_app.ui.participants_screen import ParticipantsDialog


class RegisterFind(QObject):
    def __init__(self, dialog: ParticipantsDialog) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.edit = QLineEdit()
        self.edit.setObjectName("registerFind")
        PlaceholderFit(
            self.edit,
            self.tr("Find by code, or scan a card (Ctrl+F)"),
            self.tr("Find by code (Ctrl+F)"),
            self.tr("Find by code"),
        )
        self.edit.setAccessibleName(self.tr("Find a participant by code"))
        self.edit.setToolTip(
            self.tr("Type a participant's code, or scan their card, then press Enter")
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaximumWidth(320)
        self.edit.returnPressed.connect(self.find)
        # A scanner's first character lands on the list: it starts the search instead.
        dialog.list.installEventFilter(self)
        dialog._action(self.tr("Find by code"), [QKeySequence.StandardKey.Find], self.focus, dialog)

    def focus(self) -> None:
        self.edit.setFocus()
        self.edit.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.dialog.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            text = event.text()
            plain = event.modifiers() in (
                Qt.KeyboardModifier.NoModifier,
                Qt.KeyboardModifier.ShiftModifier,
            )
            if plain and text and text.isprintable() and not text.isspace():
                if QApplication.focusWidget() is not self.edit:
                    self.edit.setFocus()
                    self.edit.selectAll()  # a new search, not added to the last one
                self.edit.insert(text)
                return True
        return False

    def find(self) -> None:
        typed = self.edit.text().strip()
        if not typed:
            return
        scanned = parse_card_text(typed)
        if scanned is not None:
            card_workshop, code = scanned
            if card_workshop != self.dialog.session.workshop_id:
                self._say(
                    self.tr(
                        "That card belongs to another workshop: use a card printed for this one."
                    ),
                    error=True,
                )
                return
        else:
            code = normalise_code(typed)
        person = next((p for p in self.dialog.participants if p.code == code), None)
        if person is None:
            self._say(self.tr("No one in this register has the code %1.").replace("%1", code), True)
            return
        self.dialog.select(person.id)
        self.dialog.list.setFocus()
        self.edit.clear()
        self._say(self.tr("Found %1.").replace("%1", code), error=False)

    def _say(self, text: str, error: bool) -> None:
        self.dialog.show_message(text, error=error)
        if error:
            self.edit.selectAll()
            self.edit.setFocus()
