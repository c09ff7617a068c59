"""Small pieces the hub window's pages share: an empty state that says what to do next, and
read-only tables filled from rows of text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

KEY_ROLE = Qt.ItemDataRole.UserRole + 2
SHARE_ROLE = Qt.ItemDataRole.UserRole + 3
_BAR = QColor("#BBDEFB")  # behind dark text: well over 4.5:1
_MAX_COLUMN = 280


class EmptyStack(QStackedWidget):
    """Shows `content`, or while it has nothing to show, a large hint and a line of help."""

    def __init__(self, content: QWidget, hint: str, detail: str = "") -> None:
        super().__init__()
        self.content = content
        self.placeholder = QWidget()
        self.placeholder.setObjectName("hubEmptyState")
        self.hint = QLabel(hint)
        self.hint.setObjectName("hubEmptyHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.hint.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.hint.setFont(font)
        self.detail = QLabel(detail)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setVisible(bool(detail))
        layout = QVBoxLayout(self.placeholder)
        layout.addStretch(1)
        layout.addWidget(self.hint)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.addWidget(self.placeholder)
        self.addWidget(content)

    def show_content(self, has_content: bool) -> None:
        self.setCurrentWidget(self.content if has_content else self.placeholder)

    def is_empty(self) -> bool:
        return self.currentWidget() is self.placeholder

    def set_hint(self, hint: str, detail: str = "") -> None:
        self.hint.setText(hint)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))


def make_table(headers: Sequence[str], name: str, stretch: int | None = None) -> QTableWidget:
    """A read-only table; column `stretch` (else the last) takes the width left over."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    if stretch is None:
        table.horizontalHeader().setStretchLastSection(True)
    else:
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class ShareDelegate(QStyledItemDelegate):
    """A cell's share (0 to 1, in SHARE_ROLE) drawn as a bar behind its text."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        share = index.data(SHARE_ROLE)
        if isinstance(share, float) and share > 0:
            rect = option.rect.adjusted(3, 4, -3, -4)  # type: ignore[attr-defined]
            width = round(rect.width() * min(share, 1.0))
            painter.fillRect(QRect(rect.left(), rect.top(), width, rect.height()), _BAR)
        super().paint(painter, option, index)


def fill_table(
    table: QTableWidget,
    rows: Sequence[Sequence[object]],
    keys: Sequence[object] | None = None,
    right_aligned: Sequence[int] = (),
) -> None:
    """Replace the table's rows; `keys[i]` is kept on row i's first cell (KEY_ROLE)."""
    table.setSortingEnabled(False)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            item.setToolTip(item.text())
            if c in right_aligned:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if isinstance(value, int | float):
                    item.setData(Qt.ItemDataRole.UserRole, value)
            if c == 0 and keys is not None:
                item.setData(KEY_ROLE, keys[r])
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    for c in range(table.columnCount()):
        if header.sectionResizeMode(c) == QHeaderView.ResizeMode.Interactive:
            table.setColumnWidth(c, min(table.columnWidth(c), _MAX_COLUMN))
        else:  # set again: the stretched column takes what the others left, now
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.Stretch)


def fit_rows(table: QTableWidget, padding: int = 6) -> None:
    """Rows as tall as their wrapped text, with a little air above and below."""
    table.resizeRowsToContents()
    for r in range(table.rowCount()):
        table.setRowHeight(r, table.rowHeight(r) + padding)


def selected_key(table: QTableWidget) -> object | None:
    row = table.currentRow()
    if row < 0 or table.item(row, 0) is None:
        return None
    return table.item(row, 0).data(KEY_ROLE)


def table_texts(table: QTableWidget) -> list[list[str]]:
    """Every cell's text, row by row: what a person reads."""
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def short_date(iso: str | None) -> str:
    """2026-10-01T18:30:00... as 2026-10-01 18:30; nothing as an empty cell."""
    if not iso:
        return ""
    return iso[:16].replace("T", " ")
