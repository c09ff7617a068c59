"""A theme column: a coloured header with the count, and a list of cards that takes drops."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QPainter,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.board import Row
from workshop_app.core.colours import text_colour_on
from workshop_app.ui.card_delegate import CardDelegate
from workshop_app.ui.column_model import NOTE_MIME, ROW_ROLE, ColumnModel
from workshop_app.ui.palette import MUTED_TEXT

# on_drop(theme_id, row dropped onto or None, payload {"cards": [...], "clusters": [...]})
DropHandler = Callable[[str, Row | None, dict[str, Any]], None]


# Keys that may carry text but are never typing: the board keeps them.
_NOT_TYPING = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
_NOT_TYPING |= Qt.KeyboardModifier.MetaModifier


def typed_text(event: QKeyEvent) -> str:
    """The printable text a key press types, or "" for movement, shortcuts and the like."""
    mods = event.modifiers()
    ctrl_alt = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    # AltGr reaches Qt as Ctrl+Alt on Windows (€, @ on many layouts): that is typing too.
    alt_gr = mods & ctrl_alt == ctrl_alt and not mods & Qt.KeyboardModifier.MetaModifier
    if mods & _NOT_TYPING and not alt_gr:
        return ""
    text = event.text()
    return text if text and text.isprintable() else ""


class CardListView(QListView):
    neighbour_requested = Signal(int)
    # Printable text typed while a card has the focus: it starts a new note, never an edit.
    typed = Signal(str)
    # A one-line explanation for the facilitator (e.g. what Enter does here).
    hint = Signal(str)

    def __init__(self, model: ColumnModel, delegate: CardDelegate, interactive: bool = True):
        super().__init__()
        # Modes before the model: changing them afterwards lays out every card at once, and a
        # batched layout lets a 5,000-note board paint its first screenful straight away.
        self.setLayoutMode(QListView.LayoutMode.Batched)
        # About a screenful of cards per batch: the first paint waits for one batch only.
        self.setBatchSize(60)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setItemDelegate(delegate)
        self.setModel(model)
        self.column_model = model
        self.placeholder = ""
        self.on_drop: DropHandler | None = None
        self.setFrameShape(QFrame.Shape.NoFrame)
        if interactive:
            self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            # Editing starts only with F2 or a double-click: Enter or typing never opens a
            # note's editor, so words meant for a new note cannot replace an old one.
            self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
            self.setDragEnabled(True)
            self.setAcceptDrops(True)
            self.setDropIndicatorShown(True)
            self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
            self.setDefaultDropAction(Qt.DropAction.MoveAction)
        else:
            self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
            self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._kept_place: tuple[str | None, int, list[str]] = (None, -1, [])
        model.modelAboutToBeReset.connect(self._remember_place)
        model.modelReset.connect(self._restore_place)

    def selected_rows(self) -> list[Row]:
        indexes = sorted(self.selectionModel().selectedIndexes(), key=lambda i: i.row())
        rows = [i.data(ROW_ROLE) for i in indexes]
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().data(ROW_ROLE)]
        return [r for r in rows if r is not None]

    def current_row(self) -> Row | None:
        index = self.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def select_id(self, row_id: str) -> None:
        index = self.column_model.find(row_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    # --- keeping the keyboard's place -------------------------------------------------------
    def _remember_place(self) -> None:
        current = self.current_row()
        selected = [i.data(ROW_ROLE) for i in self.selectionModel().selectedIndexes()]
        self._kept_place = (
            current.id if current else None,
            self.currentIndex().row(),
            [r.id for r in selected if r is not None],
        )

    def _restore_place(self) -> None:
        """After the column is rebuilt (a delete, an undo) the keyboard stays where it was: on
        the same card, or on the one that took the place of a card that went."""
        current_id, row, selected_ids = self._kept_place
        self._kept_place = (None, -1, [])
        count = self.column_model.rowCount()
        if row < 0 or count == 0:
            return
        index = self.column_model.find(current_id) if current_id else None
        if index is None or not index.isValid():
            index = self.column_model.index(min(row, count - 1), 0)
        flag = QItemSelectionModel.SelectionFlag
        self.selectionModel().setCurrentIndex(index, flag.NoUpdate)
        for row_id in selected_ids:
            found = self.column_model.find(row_id)
            if found.isValid():
                self.selectionModel().select(found, flag.Select)
        if self.hasFocus():
            self.reveal_current()

    # --- focus ------------------------------------------------------------------------------
    def sibling_views(self) -> list[CardListView]:
        """The other columns' card lists on the same board."""
        column = self.parentWidget()
        host = column.parentWidget() if column is not None else None
        if host is None:
            return []
        return [v for v in host.findChildren(CardListView) if v is not self]

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if self.selectionMode() == QAbstractItemView.SelectionMode.NoSelection:
            return
        # Exactly one column shows a selection: the one the keyboard is in.
        for other in self.sibling_views():
            other.clearSelection()
        self.reveal_current()

    def reveal_current(self) -> None:
        """Scroll the focused card into view, in its column and across the board."""
        index = self.currentIndex()
        if index.isValid():
            self.scrollTo(index)
        widget: QWidget | None = self.parentWidget()
        while widget is not None and not isinstance(widget, QScrollArea):
            widget = widget.parentWidget()
        if isinstance(widget, QScrollArea):
            widget.ensureWidgetVisible(self.parentWidget() or self, 8, 0)

    def currentChanged(self, current: QModelIndex, previous: QModelIndex) -> None:  # type: ignore[override]
        super().currentChanged(current, previous)
        if current.isValid() and self.hasFocus():
            self.scrollTo(current)

    def commitData(self, editor: QWidget) -> None:
        # The card delegate is shared by every column: only the column that opened this
        # editor takes its text.
        if editor.parentWidget() is self.viewport():
            super().commitData(editor)

    # --- keyboard ---------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.KeypadModifier,
        )
        if plain and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = -1 if event.key() == Qt.Key.Key_Left else 1
            if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
                step = -step
            self.neighbour_requested.emit(step)
            return
        editing = self.state() == QAbstractItemView.State.EditingState
        if plain and event.key() == Qt.Key.Key_F2 and not editing:
            if self.currentIndex().isValid():
                self.edit(self.currentIndex())
            return
        if plain and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing:
            if self.currentIndex().isValid():
                self.hint.emit(
                    self.tr("Enter does not edit: F2 or a double-click edits this card.")
                )
            return
        if plain and event.key() == Qt.Key.Key_Backspace and not editing:
            # Backspace is for the words being typed, never for notes on the wall.
            if self.selected_rows():
                self.hint.emit(self.tr("To delete the selected notes, press Delete."))
            return
        text = typed_text(event)
        if text and not editing:
            self.typed.emit(text)
            return
        super().keyPressEvent(event)

    # --- dropping ---------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasFormat(NOTE_MIME):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if event.mimeData().hasFormat(NOTE_MIME):
            super().dragMoveEvent(event)
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        if not event.mimeData().hasFormat(NOTE_MIME) or self.on_drop is None:
            event.ignore()
            return
        payload = json.loads(bytes(event.mimeData().data(NOTE_MIME).data()).decode())
        index = self.indexAt(event.position().toPoint())
        target = index.data(ROW_ROLE) if index.isValid() else None
        # Copy, so Qt never tries to remove rows itself: core decides what moves.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.on_drop(self.column_model.theme_id, target, payload)

    def paintEvent(self, event: QEvent) -> None:  # type: ignore[override]
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0 and self.placeholder:
            painter = QPainter(self.viewport())
            painter.setPen(MUTED_TEXT)
            rect = self.viewport().rect().adjusted(12, 16, -12, -12)
            painter.drawText(
                QRect(rect),
                Qt.AlignmentFlag.AlignTop
                | Qt.AlignmentFlag.AlignHCenter
                | Qt.TextFlag.TextWordWrap,
                self.placeholder,
            )


class ThemeColumn(QFrame):
    """Header (theme colour, name, count) over the cards of one theme."""

    def __init__(self, model: ColumnModel, delegate: CardDelegate, interactive: bool = True):
        super().__init__()
        self.setObjectName("themeColumn")
        self.model = model
        self.header = QLabel()
        self.header.setObjectName("themeHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        self.view = CardListView(model, delegate, interactive)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.view, 1)
        self.header_point_size = delegate.font.pointSizeF() * 1.1
        self.searching = False  # a search narrows the board: an empty column says so
        self.update_header()

    def update_header(self, searching: bool | None = None) -> None:
        if searching is not None:
            self.searching = searching
        m = self.model
        count = self.tr("%n note(s)", "", m.note_count)
        self.header.setText(f"{m.theme_name}  ·  {count}")
        self.header.setStyleSheet(
            f"QLabel#themeHeader {{ background: {m.theme_colour}; "
            f"color: {text_colour_on(m.theme_colour)}; "
            f"font-weight: bold; font-size: {self.header_point_size:.1f}pt; padding: 8px; "
            "border-top-left-radius: 6px; border-top-right-radius: 6px; }"
        )
        self.view.setAccessibleName(self.tr("Notes in theme %s") % m.theme_name)
        self.view.setAccessibleDescription(
            self.tr(
                "Arrow keys move between notes and columns; typing starts a new note; F2 edits "
                "a note; Ctrl+G groups the selected notes; Delete removes them, Ctrl+Z brings "
                "them back"
            )
        )
        placeholder = (
            self.tr("No notes in this theme match the search.")
            if self.searching and m.note_count
            else self.tr("No notes here yet.")
        )
        if placeholder != self.view.placeholder:
            self.view.placeholder = placeholder
            self.view.viewport().update()

    def set_point_size(self, size: float) -> None:
        self.header_point_size = size * 1.1
        self.update_header()


def make_columns(
    models: list[ColumnModel], delegate: CardDelegate, interactive: bool, parent: QWidget
) -> list[ThemeColumn]:
    return [ThemeColumn(m, delegate, interactive) for m in models]


def shows_any(columns: list[ThemeColumn], row_ids: list[str]) -> bool:
    """True when any of these cards or clusters is on the board (e.g. back after Ctrl+Z)."""
    return any(c.model.find(row_id).isValid() for c in columns for row_id in row_ids)
