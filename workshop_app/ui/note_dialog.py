"""A card opened whole: the full text (however long), its table, and every stacked original."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.operations import board as ops
from workshop_app.errors import AppError
from workshop_app.ui.descriptions import describe_buttons
from workshop_app.ui.screen_fit import fit_to_screen
from workshop_app.ui.workshop_session import WorkshopSession


class NoteDialog(QDialog):
    """A whole note with its table label, editable, and the duplicates stacked on it."""

    def __init__(self, session: WorkshopSession, note_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(self.tr("Note"))
        fit_to_screen(self, 640, 480)
        stack = session.read(ops.stack_of(note_id))
        self.note = stack[0]
        self.text = QPlainTextEdit(self.note.text)
        self.text.setAccessibleName(self.tr("Note text"))
        self.table = QLineEdit(self.note.table_label)
        self.table.setPlaceholderText(self.tr("Table (optional)"))
        self.table.setAccessibleName(self.tr("Table label"))
        self.count = QLabel(self.tr("%n character(s)", "", len(self.note.text)))
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 2)
        layout.addWidget(self.table)
        layout.addWidget(self.count)
        self.others = QListWidget()
        self.others.setAccessibleName(self.tr("Stacked duplicates"))
        if len(stack) > 1:
            layout.addWidget(QLabel(self.tr("Also said (stacked on this card):")))
            for dup in stack[1:]:
                label = f"{dup.text}" + (f"  ({dup.table_label})" if dup.table_label else "")
                item = QListWidgetItem(label)
                item.setData(Qt.ItemDataRole.UserRole, dup.id)
                self.others.addItem(item)
            layout.addWidget(self.others, 1)
            unstack = QPushButton(self.tr("Take the selected one off the stack"))
            unstack.clicked.connect(self._unstack)
            layout.addWidget(unstack)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        describe_buttons(buttons)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.error = QLabel()
        self.error.setObjectName("captureMessage")
        self.error.hide()
        layout.addWidget(self.error)
        # The error is about the words as they were: typing makes it out of date.
        self.text.textChanged.connect(self.error.hide)

    def _save(self) -> None:
        text, label = self.text.toPlainText(), self.table.text()
        if (text, label) == (self.note.text, self.note.table_label):
            self.accept()
            return
        try:
            self.session.run(ops.edit_note(self.note.id, text, label))
        except AppError as exc:
            self._show_error(exc.message)
            return
        self.accept()

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _unstack(self) -> None:
        item = self.others.currentItem()
        if item is None:
            return
        try:
            self.session.run(ops.unstack([item.data(Qt.ItemDataRole.UserRole)]))
        except AppError as exc:
            self._show_error(exc.message)
            return
        self.others.takeItem(self.others.row(item))
