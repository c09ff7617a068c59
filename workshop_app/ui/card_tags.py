"""A priority's wellbeing outcomes on the board: one small muted line ("Connect · Be active")
at the foot of its card, or just under its cluster's header.

The labels come with the board (Board.tags, one query); the BoardModel hands them to each
column model with `attach`, and the card delegate asks `tag_line`, `extra_height`,
`header_rect` and `paint_tags` while it paints."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QPainter

from workshop_app.core.board import Row
from workshop_app.ui.palette import MUTED_TEXT

if TYPE_CHECKING:
    from workshop_app.ui.card_delegate import CardDelegate

Index = QModelIndex | QPersistentModelIndex
SEPARATOR = " · "
_ATTR = "outcome_tags"  # set on each ColumnModel: {priority id: (label, ...)}


def attach(models: Iterable[QAbstractItemModel], tags: dict[str, tuple[str, ...]]) -> None:
    """Give each column model the board's tags; a column whose tags changed is laid out
    again (a tagged cluster header is a line taller) and repainted."""
    for model in models:
        old = getattr(model, _ATTR, {})
        setattr(model, _ATTR, tags)
        if old != tags and model.rowCount() > 0:
            model.layoutAboutToBeChanged.emit()
            model.layoutChanged.emit()


def labels_for(model: object, row_id: str) -> tuple[str, ...]:
    tags: dict[str, tuple[str, ...]] = getattr(model, _ATTR, {})
    return tags.get(row_id, ())


def tag_line(index: Index, row: Row) -> str:
    """The row's outcome labels as one line ("" when the priority has none)."""
    return SEPARATOR.join(labels_for(index.model(), row.id))


def extra_height(delegate: CardDelegate, index: Index, row: Row | None) -> int:
    """A tagged cluster's header grows by one small line; a card shows its tags in the foot
    line it already has, so its height stays fixed."""
    if row is None or row.kind != "cluster" or not tag_line(index, row):
        return 0
    return delegate.small_metrics.height() + 2


def header_rect(delegate: CardDelegate, rect: QRect, line: str) -> QRect:
    """The coloured part of a cluster header: all of it, less the tag line under it."""
    if not line:
        return rect
    return rect.adjusted(0, 0, 0, -(delegate.small_metrics.height() + 2))


def paint_tags(delegate: CardDelegate, painter: QPainter, rect: QRect, row: Row, line: str) -> None:
    """Draw the tag line: under a cluster header, or at the foot of a card (left, leaving
    the table label its place on the right)."""
    if not line:
        return
    d = delegate
    metrics = d.small_metrics
    pad = d.pad
    height = metrics.height()
    if row.kind == "cluster":
        area = QRect(rect.left() + pad, rect.bottom() - height, rect.width() - pad * 2, height)
    else:
        inner = rect.adjusted(pad + 4, pad, -pad, -pad)
        width = inner.width()
        if row.card is not None and row.card.table_label:
            label = metrics.horizontalAdvance(row.card.table_label)
            width -= min(label, inner.width() // 2) + pad
        area = QRect(inner.left(), inner.bottom() - height, width, height)
    if area.width() <= pad:
        return
    painter.save()
    painter.setFont(d.small)
    painter.setPen(MUTED_TEXT)
    text = metrics.elidedText(line, Qt.TextElideMode.ElideRight, area.width())
    painter.drawText(area, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text)
    painter.restore()
