"""A theme column: a coloured header with the count, and a list of cards that takes drops."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QListView,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.board import Row
from workshop_app.ui.card_delegate import CardDelegate
from workshop_app.ui.column_model import NOTE_MIME, ROW_ROLE, ColumnModel
from workshop_app.ui.palette import MUTED_TEXT

# on_drop(theme_id, row dropped onto or None, payload {"cards": [...], "clusters": [...]})
DropHandler = Callable[[str, Row | None, dict[str, Any]], None]


class CardListView(QListView):
    neighbour_requested = Signal(int)

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
            self.setEditTriggers(
                QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.EditKeyPressed
            )
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
        if (
            plain
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
            and self.currentIndex().isValid()
        ):
            self.edit(self.currentIndex())
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
        self.update_header()

    def update_header(self) -> None:
        m = self.model
        count = self.tr("%n note(s)", "", m.note_count)
        self.header.setText(f"{m.theme_name}  ·  {count}")
        self.header.setStyleSheet(
            f"QLabel#themeHeader {{ background: {m.theme_colour}; color: white; "
            f"font-weight: bold; font-size: {self.header_point_size:.1f}pt; padding: 8px; "
            "border-top-left-radius: 6px; border-top-right-radius: 6px; }"
        )
        self.view.setAccessibleName(self.tr("Notes in theme %s") % m.theme_name)
        self.view.placeholder = self.tr("No notes here yet.")

    def set_point_size(self, size: float) -> None:
        self.header_point_size = size * 1.1
        self.update_header()


def make_columns(
    models: list[ColumnModel], delegate: CardDelegate, interactive: bool, parent: QWidget
) -> list[ThemeColumn]:
    return [ThemeColumn(m, delegate, interactive) for m in models]
