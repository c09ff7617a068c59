"""Small pieces the hub window's pages share: an empty state that says what to do next, and
read-only tables filled from rows of text."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

KEY_ROLE = Qt.ItemDataRole.UserRole + 2


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


def make_table(headers: Sequence[str], name: str) -> QTableWidget:
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
    table.horizontalHeader().setStretchLastSection(True)
    return table


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
    for c in range(table.columnCount() - 1):
        table.setColumnWidth(c, min(table.columnWidth(c), 320))


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
