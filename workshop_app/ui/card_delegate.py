"""Paints notes as sticky cards and clusters as headers; edits a card's text in place."""

from __future__ import annotations

import re
from collections import Counter

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QKeyEvent,
    QPainter,
    QPen,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from workshop_app.core.board import Row
from workshop_app.ui import card_tags
from workshop_app.ui.column_model import ROW_ROLE, ColumnModel
from workshop_app.ui.palette import MUTED_TEXT, TEXT, card_fill, is_rtl
from workshop_app.ui.text_lines import utf16_length, utf16_slice

Index = QModelIndex | QPersistentModelIndex
FOCUS_BLUE = QColor("#0B57D0")


def _direction(text: str) -> Qt.LayoutDirection:
    return Qt.LayoutDirection.RightToLeft if is_rtl(text) else Qt.LayoutDirection.LeftToRight


def _words(text: str) -> Counter[str]:
    return Counter(re.findall(r"\w+", text.casefold()))


def replaces_most_words(old: str, new: str) -> bool:
    """True when an edit keeps fewer than half of the note's words: more a new note typed over
    the old one than a correction of it."""
    before = _words(old)
    total = sum(before.values())
    kept = sum((before & _words(new)).values())
    return total > 0 and kept * 2 < total


def _quoted(text: str, limit: int = 48) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _fill(template: str, *values: str) -> str:
    """Qt-style %1, %2 placeholders filled in one pass, so a note's own "%2" stays as typed."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], template)


class _ReplacedMessage(QObject):
    """Keeps "Replaced … with …" in the status line only while it is true: it goes when the
    card no longer holds the new words (Ctrl+Z, another edit)."""

    def __init__(self, window: QMainWindow, model: ColumnModel, note_id: str, new: str):
        super().__init__(model)
        self.window, self.model, self.note_id, self.new = window, model, note_id, new
        self.text = ""
        # Every change to the board, not only this column's rows: a search may hide the card
        # while the message is still true, and an undo may leave it hidden.
        model.board_updated.connect(self.recheck)

    def show(self, text: str) -> None:
        self.text = text
        self.window.statusBar().showMessage(text)

    def recheck(self) -> None:
        bar = self.window.statusBar()
        if bar.currentMessage() != self.text:
            self._stop()  # another message has taken its place
            return
        if self._card_text() != self.new:
            bar.clearMessage()
            self._stop()

    def _card_text(self) -> str | None:
        card = self.model.card_of(self.note_id)
        return card.text if card is not None else None

    def _stop(self) -> None:
        self.model.board_updated.disconnect(self.recheck)
        self.deleteLater()


class CardDelegate(QStyledItemDelegate):
    """Cards have a fixed height so 5,000 of them lay out instantly; the editor shows all."""

    def __init__(self, base_point_size: float, lines: int = 3, parent: QObject | None = None):
        super().__init__(parent)
        self.lines = lines
        self.set_point_size(base_point_size)

    def set_point_size(self, size: float) -> None:
        self.font = QFont()
        self.font.setPointSizeF(size)
        self.small = QFont(self.font)
        self.small.setPointSizeF(max(7.0, size * 0.75))
        self.bold = QFont(self.font)
        self.bold.setBold(True)
        self.metrics = QFontMetrics(self.font)
        self.small_metrics = QFontMetrics(self.small)
        self.pad = max(6, round(self.metrics.height() * 0.45))
        self.card_height = (
            self.pad * 2 + self.metrics.lineSpacing() * self.lines + self.small_metrics.height() + 4
        )
        self.header_height = self.pad * 2 + QFontMetrics(self.bold).height()

    def _row(self, index: Index) -> Row | None:
        return index.data(ROW_ROLE)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        row = self._row(index)
        height = self.header_height if row and row.kind == "cluster" else self.card_height
        height += card_tags.extra_height(self, index, row)
        return QSize(option.rect.width() or 200, height + self.pad // 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        row = self._row(index)
        if row is None:
            return
        model = index.model()
        colour = model.theme_colour if isinstance(model, ColumnModel) else "#616161"
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = option.rect.adjusted(4, 2, -4, -self.pad // 2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        # The focus outline belongs to the one place the keyboard is: this column, with focus.
        view = option.widget  # type: ignore[attr-defined]
        in_focus = view is not None and view.hasFocus()
        focused = in_focus and (selected or bool(option.state & QStyle.StateFlag.State_HasFocus))
        tags = card_tags.tag_line(index, row)
        if row.kind == "cluster" and row.cluster:
            head = card_tags.header_rect(self, rect, tags)
            self._paint_cluster(painter, head, row, colour, selected, focused)
        elif row.card:
            if row.in_cluster:
                rect = rect.adjusted(self.pad * 2, 0, 0, 0)
            self._paint_card(painter, rect, row, colour, selected, focused)
        card_tags.paint_tags(self, painter, rect, row, tags)
        painter.restore()

    def _outline(self, painter: QPainter, selected: bool, focused: bool, colour: str) -> None:
        if selected and focused:
            painter.setPen(QPen(FOCUS_BLUE, 3))
        elif selected:
            # Selected in a column the keyboard has left: kept, but not shown as the focus.
            painter.setPen(QPen(QColor(colour).darker(160), 2))
        elif focused:
            painter.setPen(QPen(FOCUS_BLUE, 2, Qt.PenStyle.DashLine))
        else:
            painter.setPen(QPen(QColor(colour).darker(115), 1))

    def _paint_cluster(
        self, painter: QPainter, rect: QRect, row: Row, colour: str, selected: bool, focused: bool
    ) -> None:
        assert row.cluster is not None
        painter.setBrush(QColor(colour))
        self._outline(painter, selected, focused, colour)
        painter.drawRoundedRect(rect, 6, 6)
        painter.setPen(QColor("#FFFFFF"))
        painter.setFont(self.bold)
        count = f"{row.cluster.note_count}"
        count_width = QFontMetrics(self.bold).horizontalAdvance(count) + self.pad
        text_rect = rect.adjusted(self.pad, 0, -self.pad - count_width, 0)
        name = QFontMetrics(self.bold).elidedText(
            " ".join(row.cluster.name.split()), Qt.TextElideMode.ElideRight, text_rect.width()
        )
        painter.setLayoutDirection(_direction(name))
        align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignAbsolute
        align |= Qt.AlignmentFlag.AlignRight if is_rtl(name) else Qt.AlignmentFlag.AlignLeft
        painter.drawText(text_rect, align, name)
        painter.drawText(
            rect.adjusted(0, 0, -self.pad, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            count,
        )

    def _paint_card(
        self, painter: QPainter, rect: QRect, row: Row, colour: str, selected: bool, focused: bool
    ) -> None:
        card = row.card
        assert card is not None
        painter.setBrush(card_fill(colour))
        self._outline(painter, selected, focused, colour)
        painter.drawRoundedRect(rect, 4, 4)
        # A strip of the theme colour down the leading edge identifies the theme at a glance.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRect(QRect(rect.left() + 1, rect.top() + 1, 5, rect.height() - 1))
        inner = rect.adjusted(self.pad + 4, self.pad, -self.pad, -self.pad)
        badge = f"×{card.count}" if card.count > 1 else ""
        if badge:
            painter.setFont(self.bold)
            bm = QFontMetrics(self.bold)
            bw = bm.horizontalAdvance(badge) + self.pad
            badge_rect = QRect(inner.right() - bw, inner.top(), bw, bm.height())
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(badge_rect, 8, 8)
            painter.setPen(QColor("#FFFFFF"))
            painter.drawText(badge_rect, Qt.AlignmentFlag.AlignCenter, badge)
        text_rect = QRect(
            inner.left(), inner.top(), inner.width(), self.metrics.lineSpacing() * self.lines
        )
        first_line_width = text_rect.width() - (
            QFontMetrics(self.bold).horizontalAdvance(badge) + self.pad * 2 if badge else 0
        )
        painter.setPen(TEXT)
        self._draw_wrapped(painter, text_rect, card.text, first_line_width)
        if card.table_label:
            painter.setFont(self.small)
            painter.setPen(MUTED_TEXT)
            label = self.small_metrics.elidedText(
                card.table_label, Qt.TextElideMode.ElideRight, inner.width()
            )
            painter.drawText(
                QRect(
                    inner.left(),
                    inner.bottom() - self.small_metrics.height(),
                    inner.width(),
                    self.small_metrics.height(),
                ),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )

    def card_lines(self, text: str, first_width: int, width: int) -> tuple[list[str], bool]:
        """The note as the card shows it: at most `lines` lines (the first `first_width` wide,
        next to the ×N badge), and whether more of the note follows the last one."""
        flat = " ".join(text[:2000].split())
        layout = QTextLayout(flat, self.font)
        option = QTextOption()
        option.setTextDirection(_direction(flat))
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        spans: list[tuple[int, int]] = []
        while len(spans) < self.lines:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(max(10, first_width if not spans else width))
            spans.append((line.textStart(), line.textLength()))
        layout.endLayout()
        # Qt's positions count UTF-16 units: slice with them in UTF-16, or emoji shift the cuts.
        lines = [utf16_slice(flat, start, length).rstrip() for start, length in spans]
        more = bool(spans) and sum(spans[-1]) < utf16_length(flat)
        return lines, more

    def _draw_wrapped(self, painter: QPainter, rect: QRect, text: str, first_width: int) -> None:
        """Wrap to the card's lines; the last visible line ends in … when the note is longer."""
        lines, more = self.card_lines(text, first_width, rect.width())
        painter.setFont(self.font)
        rtl = is_rtl(" ".join(lines))
        # The note's own script decides its direction, whatever the interface language.
        painter.setLayoutDirection(_direction(" ".join(lines)))
        line_height = self.metrics.lineSpacing()
        for i, segment in enumerate(lines):
            width = first_width if i == 0 else rect.width()
            if more and i == len(lines) - 1:
                segment = self.metrics.elidedText(
                    segment + " …", Qt.TextElideMode.ElideRight, width
                )
                if not segment.endswith("…"):
                    segment = segment.rstrip() + "…"
            align = Qt.AlignmentFlag.AlignAbsolute | (
                Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
            )
            line_rect = QRect(rect.left(), rect.top() + i * line_height, width, line_height)
            if rtl and i == 0:
                line_rect = QRect(rect.right() - width, line_rect.top(), width, line_rect.height())
            painter.drawText(line_rect, align | Qt.AlignmentFlag.AlignVCenter, segment)

    # --- editing in place -------------------------------------------------------------------
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setFont(self.font)
        row = self._row(index)
        cluster = row is not None and row.kind == "cluster"
        editor.setAccessibleName(self.tr("Cluster name") if cluster else self.tr("Edit note text"))
        editor.setTabChangesFocus(True)
        editor.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        if cluster:
            # A name is one line, edited on the header itself.
            editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
            editor.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The card itself, in its own colour, becomes editable: no white box over its neighbours.
        model = index.model()
        colour = model.theme_colour if isinstance(model, ColumnModel) else "#616161"
        editor.setStyleSheet(
            f"QPlainTextEdit {{ background: {card_fill(colour).name()}; color: {TEXT.name()}; "
            "border: 3px solid #0B57D0; border-radius: 4px; }"
        )
        editor.textChanged.connect(lambda: self._fit(editor))
        editor.installEventFilter(self)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QPlainTextEdit):
            editor.setPlainText(index.data(Qt.ItemDataRole.EditRole) or "")
            editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # type: ignore[override]
        if not isinstance(editor, QPlainTextEdit):
            return
        row = index.data(ROW_ROLE)
        old = index.data(Qt.ItemDataRole.EditRole) or ""
        new = editor.toPlainText()
        saved = model.setData(index, new, Qt.ItemDataRole.EditRole)
        if saved and row is not None and row.kind == "card" and replaces_most_words(old, new):
            self._say_replaced(editor, model, row.id, old, new)

    def _say_replaced(
        self, editor: QWidget, model: QAbstractItemModel, note_id: str, old: str, new: str
    ) -> None:
        """Asks nothing, but says in the status line what the edit replaced, and how to undo."""
        window = editor.window()
        if not isinstance(window, QMainWindow) or not isinstance(model, ColumnModel):
            return
        message = _ReplacedMessage(window, model, note_id, new)
        message.show(
            _fill(
                self.tr("Replaced “%1” with “%2”. Ctrl+Z brings the old words back."),
                _quoted(old),
                _quoted(new),
            )
        )

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> None:
        row = self._row(index)
        rect = option.rect.adjusted(4, 2, -4, -self.pad // 2)
        if row is not None and row.kind == "card" and row.in_cluster:
            rect = rect.adjusted(self.pad * 2, 0, 0, 0)
        editor.setProperty("cardRect", rect)
        self._fit(editor)

    def _fit(self, editor: QWidget) -> None:
        """The card's own size, growing only as far as the text needs (a long note is read and
        edited whole), and never past the column's edges."""
        rect = editor.property("cardRect")
        if not isinstance(editor, QPlainTextEdit) or not isinstance(rect, QRect):
            return
        editor.ensurePolished()  # the style sheet's border decides the frame
        frame = 2 * (editor.frameWidth() + round(editor.document().documentMargin()))
        if editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap:
            needed = self.metrics.lineSpacing()
        else:
            wrap = Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextWrapAnywhere
            needed = self.metrics.boundingRect(
                0, 0, max(10, rect.width() - frame), 1_000_000, wrap, editor.toPlainText() or " "
            ).height()
            needed += self.metrics.lineSpacing()  # room for the next line being typed
        view = editor.parentWidget()
        room = view.height() if view is not None else rect.height()
        height = max(rect.height(), min(needed + frame + 4, room))
        # Near the bottom of the column it grows upwards instead, so it is all in sight.
        top = max(0, min(rect.top(), room - height))
        editor.setGeometry(QRect(rect.left(), top, rect.width(), height))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(obj, QPlainTextEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                self.commitData.emit(obj)
                self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.NoHint)
                return True
            if event.key() == Qt.Key.Key_Escape:
                self.closeEditor.emit(obj, QStyledItemDelegate.EndEditHint.RevertModelCache)
                return True
        return super().eventFilter(obj, event)
