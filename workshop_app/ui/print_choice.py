"""The one question a print action asks before its preview (how many walk-in cards, which size,
which round, which paper), and where a saved document goes by default."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from workshop_app.ui.descriptions import describe_buttons

# Characters no common file system takes in a name, and control characters.
_UNSAFE = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')
MAX_NAME_CHARS = 80


def safe_file_name(title: str) -> str:
    """A workshop title as part of a file name on Windows, macOS and Linux alike: "Fish/chips"
    reads as "Fish-chips", other characters a file system refuses become spaces."""
    name = _UNSAFE.sub(" ", re.sub(r"[/\\]", "-", title))
    name = re.sub(r"\s+", " ", name).strip(" .-")
    if len(name) > MAX_NAME_CHARS:
        name = name[:MAX_NAME_CHARS].rstrip(" .-")
    return name or "Workshop"


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents else Path.home()
    return folder if folder.is_dir() else Path.home()


def as_pdf_path(chosen: str) -> Path:
    """The file a save dialog answered, with .pdf added when the person typed no extension."""
    path = Path(chosen)
    return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")


class ChoiceDialog(QDialog):
    """The one question a print action asks before the preview, answered from the keyboard:
    the field has the focus, Enter goes on to the preview, Esc cancels."""

    def __init__(self, parent: QWidget, title: str, prompt: str, field: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.field = field
        self.setMinimumWidth(460)
        label = QLabel(prompt)
        label.setBuddy(field)
        field.setAccessibleName(prompt.replace("&", "").rstrip(":"))
        form = QFormLayout()
        form.addRow(label, field)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        describe_buttons(buttons)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Preview…"))
        ok.setAccessibleName(self.tr("Preview"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        field.setFocus()

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))


def combo(items: list[tuple[str, Any]], current: int = 0) -> QComboBox:
    box = QComboBox()
    for text, data in items:
        box.addItem(text, data)
    box.setCurrentIndex(current)
    return box
