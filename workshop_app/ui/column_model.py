"""Qt item model for one theme column: a thin adapter over the core board rows."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from workshop_app.core.board import Card, Row

NOTE_MIME = "application/x-workshop-app-cards"
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class ColumnModel(QAbstractListModel):
    """One theme's column: its rows (cluster headers, their cards, then loose cards) as the
    BoardModel keeps them; edits typed in place go back through `on_edit`."""

    board_updated = Signal()  # after any change to the board, shown in this column or not

    def __init__(
        self,
        theme_id: str,
        on_edit: Callable[[Row, str], bool],
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.theme_id = theme_id
        self.theme_name = ""
        self.theme_colour = "#616161"
        self.is_parking_lot = False
        self.note_count = 0
        self._rows: list[Row] = []
        self._on_edit = on_edit
        # The whole board, for what outlives a search that hides a card from this column.
        self.card_of: Callable[[str], Card | None] = lambda _id: None

    # --- updates from the controller -------------------------------------------------------
    def set_rows(self, rows: list[Row]) -> None:
        old_ids = [(r.kind, r.id) for r in self._rows]
        new_ids = [(r.kind, r.id) for r in rows]
        if old_ids == new_ids:
            changed = [i for i, (a, b) in enumerate(zip(self._rows, rows, strict=True)) if a != b]
            self._rows = rows
            if changed:
                self.dataChanged.emit(self.index(min(changed)), self.index(max(changed)))
            return
        if new_ids[: len(old_ids)] == old_ids and self._rows == rows[: len(old_ids)]:
            # The common case while capturing: cards appended at the end of the column.
            self.beginInsertRows(QModelIndex(), len(old_ids), len(new_ids) - 1)
            self._rows = rows
            self.endInsertRows()
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def remove_id(self, row_id: str) -> None:
        for i in range(len(self._rows) - 1, -1, -1):
            if self._rows[i].id == row_id:
                self.beginRemoveRows(QModelIndex(), i, i)
                del self._rows[i]
                self.endRemoveRows()
                return

    def replace(self, row: Row) -> bool:
        """Show a changed row in its place; False if the column does not show it."""
        for i in range(len(self._rows) - 1, -1, -1):
            if self._rows[i].id == row.id:
                self._rows[i] = row
                self.dataChanged.emit(self.index(i), self.index(i))
                return True
        return False

    def insert_loose(self, row: Row) -> None:
        """A card in no cluster, in capture order among the loose cards after the clusters
        (almost always at the end: found from the end, so it costs the same on any board)."""
        assert row.card is not None
        key = (row.card.seq, row.id)
        at = len(self._rows)
        while at > 0:
            before = self._rows[at - 1]
            if before.kind != "card" or before.in_cluster or before.card is None:
                break
            if (before.card.seq, before.id) < key:
                break
            at -= 1
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, row)
        self.endInsertRows()

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[Row]:
        return self._rows

    def find(self, row_id: str) -> QModelIndex:
        for i, row in enumerate(self._rows):
            if row.id == row_id:
                return self.index(i)
        return QModelIndex()

    # --- QAbstractItemModel ----------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if row.kind == "cluster" and row.cluster:
                return row.cluster.name
            return row.card.text if row.card else ""
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if row.kind == "cluster" and row.cluster:
                return f"Cluster {row.cluster.name}, {row.cluster.note_count} notes"
            if row.card:
                extra = f", {row.card.count} times" if row.card.count > 1 else ""
                return f"Note: {row.card.text[:300]}{extra}"
        if role == Qt.ItemDataRole.ToolTipRole and row.card:
            text = row.card.text
            return text if len(text) <= 600 else text[:600] + "…"
        if role == ROW_ROLE:
            return row
        if role == KIND_ROLE:
            return row.kind
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row = self._rows[index.row()]
        return self._on_edit(row, str(value))

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsDropEnabled
        if not index.isValid():
            return base
        return (
            base
            | Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [NOTE_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        cards, clusters = [], []
        for index in indexes:
            row = self._rows[index.row()]
            (clusters if row.kind == "cluster" else cards).append(row.id)
        mime = QMimeData()
        payload = {"cards": cards, "clusters": clusters, "from_theme": self.theme_id}
        mime.setData(NOTE_MIME, json.dumps(payload).encode())
        return mime

    def dropMimeData(self, *args: Any) -> bool:
        # Drops are handled by the view, which knows what was dropped onto.
        return False
