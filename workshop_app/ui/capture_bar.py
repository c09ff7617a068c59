"""The capture bar: keyboard focus lives here; type, Enter, the note is on the board and saved."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.colours import text_colour_on
from workshop_app.core.notes import MAX_NOTE_CHARS
from workshop_app.core.themes import ThemeInfo
from workshop_app.ui.flow_layout import FlowLayout
from workshop_app.ui.placeholder_fit import PlaceholderFit


class NoteLineEdit(QLineEdit):
    escape_pressed = Signal()
    down_pressed = Signal()

    def event(self, event: QEvent) -> bool:
        # With nothing of its own to undo, let Ctrl+Z reach the board's undo stack.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Undo) and not self.isUndoAvailable():
                event.ignore()
                return False
            if (
                event.matches(QKeySequence.StandardKey.Redo)
                or event.keyCombination().toCombined()
                == (
                    Qt.KeyboardModifier.ControlModifier
                    | Qt.KeyboardModifier.ShiftModifier
                    | Qt.Key.Key_Z
                ).toCombined()
            ) and not self.isRedoAvailable():
                event.ignore()
                return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape_pressed.emit()
            return
        if event.key() == Qt.Key.Key_Down and not event.modifiers():
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)


class CaptureBar(QWidget):
    submitted = Signal(str, str, str)  # text, theme id, table label

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captureBar")
        self.note_edit = NoteLineEdit()
        self.note_edit.setObjectName("captureEdit")
        self.note_edit.setMaxLength(MAX_NOTE_CHARS)
        PlaceholderFit(
            self.note_edit,
            self.tr(
                "Type what was said and press Enter: it is saved at once (↓ goes to the board)"
            ),
            self.tr("Type what was said and press Enter: it is saved at once"),
            self.tr("Type a note, then Enter"),
        )
        self.note_edit.setAccessibleName(self.tr("New note"))
        self.note_edit.returnPressed.connect(self.submit)
        # A message about what was typed (an empty note, a full disk) is out of date as soon as
        # the facilitator types again.
        self.note_edit.textEdited.connect(lambda _text: self.clear_message())
        self.table_edit = QLineEdit()
        self.table_edit.setPlaceholderText(self.tr("Table (optional)"))
        self.table_edit.setAccessibleName(self.tr("Table or breakout label"))
        self.table_edit.setMaximumWidth(170)
        self.table_edit.returnPressed.connect(self.submit)
        self.add_button = QPushButton(self.tr("Add note"))
        self.add_button.setObjectName("primaryButton")
        self.add_button.setAccessibleName(self.tr("Add note"))
        self.add_button.setToolTip(
            self.tr("Saves the words typed as a note in the chosen theme (Enter does the same)")
        )
        self.add_button.clicked.connect(self.submit)
        self.message = QLabel()
        self.message.setObjectName("captureMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.hide()
        self._still_true: Callable[[], bool] | None = None

        self.theme_group = QButtonGroup(self)
        self.theme_group.setExclusive(True)
        # Wraps onto a second line on a small screen: every theme keeps its number and name.
        self.theme_row = FlowLayout(spacing=6)
        self._theme_ids: list[str] = []
        self._theme_names: dict[str, str] = {}
        self._theme_label = QLabel(self.tr("Theme:"))

        top = QHBoxLayout()
        top.addWidget(self.note_edit, 1)
        top.addWidget(self.table_edit)
        top.addWidget(self.add_button)
        themes_line = QHBoxLayout()
        themes_line.addWidget(self._theme_label)
        themes_line.addLayout(self.theme_row, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(themes_line)
        layout.addWidget(self.message)

    def set_themes(self, themes: list[ThemeInfo]) -> None:
        current = self.current_theme_id()
        gone = self._theme_names.get(current or "", "")
        self._theme_names = {t.id: t.name for t in themes}
        for button in self.theme_group.buttons():
            self.theme_group.removeButton(button)
            self.theme_row.removeWidget(button)
            button.deleteLater()
        self._theme_ids = [t.id for t in themes]
        for i, theme in enumerate(themes):
            key = f"{i + 1} " if i < 9 else ""
            button = QPushButton(f"{key}{theme.name}")
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            button.setToolTip(self.tr("Ctrl+%d puts new notes in this theme") % (i + 1))
            button.setAccessibleName(self.tr("Theme %s") % theme.name)
            c = theme.colour
            button.setStyleSheet(
                f"QPushButton {{ border: 2px solid {c}; border-radius: 12px; padding: 3px 10px; "
                "background: white; color: #1A1A1A; }"
                f"QPushButton:checked {{ background: {c}; color: {text_colour_on(c)}; }}"
            )
            self.theme_group.addButton(button, i)
            self.theme_row.addWidget(button)
        if current in self._theme_ids:
            self.select_theme(self._theme_ids.index(current))
        elif current is not None and themes:
            # The theme new notes were going to is gone: they go to the parking lot, which
            # is never removed, rather than silently to another theme.
            lot = next((i for i, t in enumerate(themes) if t.is_parking_lot), 0)
            self.select_theme(lot)
            self.show_message(
                self.tr("“%1” is gone: new notes now go to %2 (Ctrl+1–9 picks another theme).")
                .replace("%2", themes[lot].name)
                .replace("%1", gone)
            )
        elif themes:
            self.select_theme(0)

    def select_theme(self, index: int) -> bool:
        button = self.theme_group.button(index)
        if button is None:
            return False
        button.setChecked(True)
        return True

    def current_theme_id(self) -> str | None:
        index = self.theme_group.checkedId()
        return self._theme_ids[index] if 0 <= index < len(self._theme_ids) else None

    def submit(self) -> None:
        self.submitted.emit(
            self.note_edit.text(), self.current_theme_id() or "", self.table_edit.text()
        )

    def accepted(self) -> None:
        """Called only after the note is committed: now the typed text may go."""
        self.note_edit.setText("")  # setText also drops the line's own undo history
        self.clear_message()
        self.note_edit.setFocus()

    def type_into(self, text: str) -> None:
        """Text typed elsewhere on the board starts (or continues) the note being captured:
        it goes after whatever is already in the box, never over it."""
        edit = self.note_edit
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        edit.deselect()
        edit.end(False)
        edit.insert(text)

    def show_message(self, text: str, still_true: Callable[[], bool] | None = None) -> None:
        """Show a one-line message; with `still_true`, it goes as soon as recheck() finds it
        no longer true (e.g. "Deleted 2 notes" once Ctrl+Z has brought them back)."""
        self.message.setText(text)
        self.message.show()
        self._still_true = still_true

    def recheck(self) -> None:
        if self._still_true is not None and not self._still_true():
            self.clear_message()

    def clear_message(self) -> None:
        self.message.clear()
        self.message.hide()
        self._still_true = None
