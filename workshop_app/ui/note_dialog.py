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

from workshop_app.ui.controller import BoardController


class NoteDialog(QDialog):
    def __init__(self, controller: BoardController, note_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle(self.tr("Note"))
        self.resize(640, 480)
        stack = controller.stack_of(note_id)
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
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.error = QLabel()
        self.error.setObjectName("captureMessage")
        self.error.hide()
        layout.addWidget(self.error)

    def _save(self) -> None:
        text, label = self.text.toPlainText(), self.table.text()
        if (text, label) == (self.note.text, self.note.table_label):
            self.accept()
            return
        from workshop_app.core import notes

        ok = self.controller.perform(
            self.tr("Edit note"),
            lambda s: notes.edit_note(s, self.note.id, text, label),
        )
        if ok is None:
            self.error.setText(self.tr("Not saved: the note needs some words."))
            self.error.show()
            return
        self.accept()

    def _unstack(self) -> None:
        item = self.others.currentItem()
        if item is None:
            return
        if self.controller.unstack([item.data(Qt.ItemDataRole.UserRole)]):
            self.others.takeItem(self.others.row(item))
