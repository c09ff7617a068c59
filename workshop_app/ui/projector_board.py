"""The projector's board: every note whole, as large as the screen allows, the newest one
highlighted as it arrives, and one theme at a time on request. Nothing on it is a control."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QWidget

from workshop_app.core.board import Row
from workshop_app.core.colours import text_colour_on
from workshop_app.ui.board_model import BoardModel
from workshop_app.ui.column_model import ColumnModel
from workshop_app.ui.palette import TEXT, card_fill, is_rtl
from workshop_app.ui.projector_layout import WRAP, Group, Layout, fit, split_lanes

ARRIVAL = QColor("#F9A825")  # a warm amber ring round a note that has just arrived
ARRIVAL_FILL = QColor("#FFF4C2")
HC_BACKGROUND = QColor("#000000")
HC_TEXT = QColor("#FFFFFF")


class ProjectorBoard(QWidget):
    """Paints the whole board to fit its own size; it follows the shared column models live."""

    laid_out = Signal()  # after every new layout (the window says if notes did not fit)

    def __init__(self, board_model: BoardModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("projectorBoard")
        self.board_model = board_model
        self.zoom = 1.0
        self.only_theme: int | None = None  # index of the one theme on show, or all
        self.highlight_ms = 8000
        # White text on black, cards outlined in their theme colour: for a washed-out
        # projector or readers with low vision.
        self.high_contrast = False
        self.arrived: set[str] = set()  # notes highlighted as new
        self._known: set[str] | None = None  # every note seen so far
        self._followed: list[ColumnModel] = []  # kept, so no new model is mistaken for one
        self.layout_: Layout | None = None
        self._fitted_px: int | None = None  # the size that fitted last: a start for the next
        self._fade = QTimer(self)
        self._fade.setSingleShot(True)
        self._fade.timeout.connect(self._end_highlight)
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.relayout)
        board_model.themes_changed.connect(self._follow_models)
        board_model.updated.connect(self._schedule)
        self._follow_models()

    # --- what is on show ------------------------------------------------------------------
    def models(self) -> list[ColumnModel]:
        return [self.board_model.models[t] for t in self.board_model.theme_ids()]

    def groups(self) -> list[Group]:
        models = self.models()
        if self.only_theme is not None and not 0 <= self.only_theme < len(models):
            self.only_theme = None
        if self.only_theme is not None:
            models = [models[self.only_theme]]
        else:
            # An empty parking lot tells the room nothing and takes a column's width from the
            # notes (on a 60-note board, 3 px of text); it comes back with its first note.
            # A workshop with no other theme keeps it: the room sees where notes will go.
            if len(models) > 1:
                models = [m for m in models if m.note_count or not m.is_parking_lot]
        whole = self._whole_board_rows()
        return [
            Group(
                m.theme_id,
                m.theme_name,
                m.theme_colour,
                self.tr("%n note(s)", "", m.note_count),
                [whole.get(m.theme_id, []) if whole is not None else list(m.rows())],
            )
            for m in models
        ]

    def _whole_board_rows(self) -> dict[str, list[Row]] | None:
        """The room always sees the whole board: a search or a table filter the facilitator
        uses on the laptop narrows the laptop's columns, never the projector's."""
        board_model = self.board_model
        if not board_model.filtering:
            return None  # the columns' own rows are the whole board
        return board_model.whole_board_rows()

    def show_theme(self, index: int | None) -> None:
        """One theme alone (by its place on the board, from 0), or every theme (None)."""
        count = len(self.board_model.theme_ids())
        self.only_theme = index if index is not None and 0 <= index < count else None
        self.relayout()

    def step_theme(self, step: int) -> None:
        count = len(self.board_model.theme_ids())
        if count == 0:
            return
        if self.only_theme is None:
            self.show_theme(0 if step > 0 else count - 1)
        else:
            self.show_theme((self.only_theme + step) % count)

    def set_zoom(self, zoom: float) -> None:
        self.zoom = zoom
        self.relayout()

    def note_pixel_size(self) -> int:
        return self.layout_.fonts.px if self.layout_ is not None else 0

    # --- following the board --------------------------------------------------------------
    def _follow_models(self) -> None:
        for model in self.models():
            if any(model is seen for seen in self._followed):
                continue
            self._followed.append(model)
            for signal in (
                model.modelReset,
                model.rowsInserted,
                model.rowsRemoved,
                model.dataChanged,
                model.layoutChanged,
            ):
                signal.connect(self._schedule)
        self._schedule()

    def _schedule(self, *_args: object) -> None:
        self._pending.start()

    def _note_arrivals(self) -> None:
        # The whole board, as the room sees it: a note typed under the laptop's search still
        # arrives, and clearing the search does not make the notes it hid "arrive".
        whole = self._whole_board_rows()
        columns = whole.values() if whole is not None else [m.rows() for m in self.models()]
        ids = {r.id for rows in columns for r in rows if r.kind == "card" and r.card is not None}
        if self._known is None:
            self._known = ids
            return
        new = ids - self._known
        self._known |= ids
        if new:
            self.arrived = new
            self._fade.start(self.highlight_ms)

    def _end_highlight(self) -> None:
        self.arrived = set()
        self.update()

    def relayout(self) -> None:
        self._pending.stop()
        self._note_arrivals()
        groups = self.groups()
        width, height = self.width(), self.height()
        if self.only_theme is not None and groups:
            # One theme alone spreads over as many columns as make its text largest.
            rows = groups[0].lanes[0]
            best: Layout | None = None
            for lanes in range(1, 5):
                groups[0].lanes = split_lanes(rows, lanes)
                candidate = fit(groups, width, height, self.zoom)
                if best is None or candidate.fonts.px > best.fonts.px:
                    best = candidate
            self.layout_ = best
        else:
            hint = self._fitted_px if self.zoom == 1.0 else None
            self.layout_ = fit(groups, width, height, self.zoom, hint)
            if self.zoom == 1.0:
                self._fitted_px = self.layout_.fonts.px
        self.update()
        self.laid_out.emit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.relayout()

    # --- painting -------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        layout = self.layout_
        if layout is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.high_contrast:
            painter.fillRect(self.rect(), HC_BACKGROUND)
        fonts = layout.fonts
        for group, rect in layout.headers:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(group.colour))
            painter.drawRoundedRect(rect, 6, 6)
            painter.setPen(QColor(text_colour_on(group.colour)))
            painter.setFont(fonts.bold)
            inner = rect.adjusted(fonts.pad, fonts.pad, -fonts.pad, -fonts.pad)
            text = group.header_text(layout.stacked)
            painter.drawText(inner, int(WRAP | Qt.AlignmentFlag.AlignCenter), text)
        for item in layout.items:
            if item.rect.intersects(event.rect()):
                self._paint_row(painter, item.row, item.rect, item.colour, layout)
        painter.end()

    def _paint_row(
        self, painter: QPainter, row: Row, rect: QRect, colour: str, layout: Layout
    ) -> None:
        fonts = layout.fonts
        inner = fonts.text_rect(row, rect)
        if row.kind == "cluster" and row.cluster is not None:
            name, count = fonts.cluster_text(row)
            painter.setPen(QPen(QColor(colour).darker(130), 1))
            painter.setBrush(QColor(colour))
            painter.drawRoundedRect(rect, 6, 6)
            painter.setPen(QColor(text_colour_on(colour)))
            painter.setFont(fonts.bold)
            self._draw_text(painter, inner, name, fonts.wrap_flags(True, name, inner.width()))
            count_rect = QRect(
                inner.right(), rect.top(), rect.right() - inner.right(), rect.height()
            )
            painter.drawText(count_rect, int(Qt.AlignmentFlag.AlignCenter), count)
            return
        assert row.card is not None
        new = row.id in self.arrived
        if self.high_contrast:
            painter.setPen(QPen(ARRIVAL, 5) if new else QPen(QColor(colour).lighter(160), 3))
            painter.setBrush(HC_BACKGROUND)
        else:
            painter.setPen(QPen(ARRIVAL, 5) if new else QPen(QColor(colour).darker(115), 1))
            painter.setBrush(ARRIVAL_FILL if new else card_fill(colour))
        painter.drawRoundedRect(rect, 5, 5)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        painter.drawRect(QRect(rect.left() + 1, rect.top() + 1, fonts.strip, rect.height() - 1))
        badge = fonts.badge(row)
        if badge:
            bw = fonts.badge_width(row) - fonts.pad
            badge_rect = QRect(
                rect.right() - fonts.pad - bw,
                rect.top() + fonts.pad,
                bw,
                fonts.bold_metrics.height(),
            )
            painter.drawRoundedRect(badge_rect, 8, 8)
            painter.setPen(QColor(text_colour_on(colour)))
            painter.setFont(fonts.bold)
            painter.drawText(badge_rect, int(Qt.AlignmentFlag.AlignCenter), badge)
        painter.setPen(HC_TEXT if self.high_contrast else TEXT)
        painter.setFont(fonts.note)
        text = " ".join(row.card.text.split())
        self._draw_text(painter, inner, text, fonts.wrap_flags(False, text, inner.width()))

    def _draw_text(self, painter: QPainter, rect: QRect, text: str, wrap: int) -> None:
        # The note's own script decides its direction, whatever the interface language.
        rtl = is_rtl(text)
        painter.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
        )
        side = Qt.AlignmentFlag.AlignRight if rtl else Qt.AlignmentFlag.AlignLeft
        align = side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(rect, wrap | int(align), text)

    # --- for tests and the facilitator's checks -------------------------------------------
    def visible_ids(self) -> list[str]:
        return [p.row.id for p in self.layout_.items] if self.layout_ is not None else []
