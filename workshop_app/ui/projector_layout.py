"""Fitting the whole board to the projector's screen: the largest text at which every note fits,
whole, with each column as wide as its notes need and every header the same height."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics

from workshop_app.core.board import Row

# Words wrap at spaces, never inside a word: columns are made at least as wide as their
# longest word.
WRAP = Qt.TextFlag.TextWordWrap
MIN_PX, MAX_PX = 10, 64
NBSP = "\u00a0"
# More rows than any screen can show in readable text: laid out at the smallest size straight
# away, as many as fit, instead of searching (a 5,000-note board must not stall the app).
HUGE = 400
GROUP_GAP_SHARE = 0.4  # the gap between themes, as a share of the text's pixel size


@dataclass
class Group:
    """One theme on show: its header, and its rows in one or more lanes (columns)."""

    theme_id: str
    name: str
    colour: str
    count_text: str
    lanes: list[list[Row]]

    def header_text(self, stacked: bool = False) -> str:
        """ "Name  ·  9 notes" on one line, or stacked: the name (wrapped), the count under it."""
        count = self.count_text.replace(" ", NBSP)
        return f"{self.name}\n{count}" if stacked else f"{self.name}  ·  {count}"


@dataclass
class Placed:
    row: Row
    rect: QRect
    colour: str


@dataclass
class Layout:
    fonts: Fonts
    stacked: bool = False  # every header's count under its name (some name needs the room)
    headers: list[tuple[Group, QRect]] = field(default_factory=list)
    items: list[Placed] = field(default_factory=list)
    fits: bool = True
    hidden: int = 0  # rows that did not fit on the screen (never drawn cut off)
    off_right: int = 0  # of those, rows in whole columns past the right edge (zoomed in)


class Fonts:
    """The note, cluster and header fonts at one pixel size, and how tall a row is at a width."""

    def __init__(self, px: int, family: str = "") -> None:
        self.px = px
        self.note = QFont(family) if family else QFont()
        self.note.setPixelSize(px)
        self.bold = QFont(self.note)
        self.bold.setBold(True)
        self.metrics = QFontMetrics(self.note)
        self.bold_metrics = QFontMetrics(self.bold)
        self.pad = max(4, round(px * 0.16))
        self.gap = max(3, round(px * 0.1))
        self.indent = round(px * 0.35)
        self.strip = max(4, px // 6)
        self._longest: dict[tuple[bool, str], int] = {}

    # --- measuring ------------------------------------------------------------------------
    def wrap_flags(self, bold: bool, text: str, width: int) -> int:
        """Wrap between words; inside a word only when one word is wider than the card."""
        key = (bold, text)
        if key not in self._longest:
            metrics = self.bold_metrics if bold else self.metrics
            self._longest[key] = max(
                (metrics.horizontalAdvance(w) for w in text.split()), default=0
            )
        flags = WRAP | Qt.TextFlag.TextWrapAnywhere if self._longest[key] > width else WRAP
        return int(flags)

    def text_height(self, bold: bool, text: str, width: int) -> int:
        metrics = self.bold_metrics if bold else self.metrics
        flags = self.wrap_flags(bold, text, width)
        return metrics.boundingRect(QRect(0, 0, max(8, width), 1_000_000), flags, text).height()

    def badge(self, row: Row) -> str:
        return f"×{row.card.count}" if row.card is not None and row.card.count > 1 else ""

    def badge_width(self, row: Row) -> int:
        badge = self.badge(row)
        return self.bold_metrics.horizontalAdvance(badge) + self.pad * 2 if badge else 0

    def cluster_text(self, row: Row) -> tuple[str, str]:
        assert row.cluster is not None
        return " ".join(row.cluster.name.split()), str(row.cluster.note_count)

    def text_rect(self, row: Row, rect: QRect) -> QRect:
        """Where a row's words go inside its card (or cluster band)."""
        if row.kind == "cluster":
            _, count = self.cluster_text(row)
            count_w = self.bold_metrics.horizontalAdvance(count) + self.pad * 2
            return rect.adjusted(self.pad, self.pad, -count_w, -self.pad)
        return rect.adjusted(
            self.strip + self.pad, self.pad, -self.pad - self.badge_width(row), -self.pad
        )

    def row_height(self, row: Row, width: int) -> int:
        rect = QRect(0, 0, width - (self.indent if row.in_cluster else 0), 100)
        inner = self.text_rect(row, rect)
        if row.kind == "cluster" and row.cluster is not None:
            name, _ = self.cluster_text(row)
            return self.text_height(True, name, inner.width()) + self.pad * 2
        text = " ".join(row.card.text.split()) if row.card is not None else ""
        height = self.text_height(False, text, inner.width())
        return max(height, self.bold_metrics.height()) + self.pad * 2

    def lane_height(self, rows: list[Row], width: int) -> int:
        if not rows:
            return 0
        return sum(self.row_height(r, width) for r in rows) + self.gap * (len(rows) - 1)

    def lane_min_width(self, rows: list[Row], room: int) -> int:
        """The narrowest a lane may be: its longest word whole (up to a third of the room)."""
        words = [w for r in rows for w in re.findall(r"\S+", _row_text(r))]
        longest = max((self.metrics.horizontalAdvance(w) for w in words), default=0)
        frame = self.strip + self.pad * 2 + self.indent + self.px * 2
        return min(max(longest, self.px * 4) + frame, max(room // 3, self.px * 6))

    def header_height(self, group: Group, width: int, stacked: bool = False) -> int:
        text = group.header_text(stacked)
        return self.text_height(True, text, width - self.pad * 2) + self.pad * 2


def _row_text(row: Row) -> str:
    if row.kind == "cluster" and row.cluster is not None:
        return row.cluster.name
    return row.card.text if row.card is not None else ""


def _narrowest(fonts: Fonts, rows: list[Row], low: int, high: int, room: int) -> int | None:
    """The narrowest width in [low, high] at which the lane's rows fit `room` high."""
    if fonts.lane_height(rows, high) > room:
        return None
    if fonts.lane_height(rows, low) <= room:
        return low
    while high - low > 4:
        mid = (low + high) // 2
        if fonts.lane_height(rows, mid) <= room:
            high = mid
        else:
            low = mid
    return high


def _attempt(groups: list[Group], width: int, height: int, px: int, force: bool) -> Layout | None:
    fonts = Fonts(px)
    lanes = [(g, lane) for g in groups for lane in g.lanes]
    if not lanes:
        return Layout(fonts)
    lane_gap = fonts.gap * 2
    group_gap = max(lane_gap, round(px * GROUP_GAP_SHARE))
    gaps = group_gap * (len(groups) - 1) + lane_gap * (len(lanes) - len(groups))
    room_w = width - gaps
    header_h = fonts.bold_metrics.height() + fonts.pad * 2
    for _ in range(3):  # headers that wrap take height from the notes: try again with less
        room_h = height - header_h - fonts.gap * 2
        mins: list[int] = []
        huge = sum(len(rows) for _g, rows in lanes) > HUGE
        for _g, rows in lanes:
            low = fonts.lane_min_width(rows, room_w)
            if huge and force:  # thousands of notes: no search, they cannot all fit anyway
                mins.append(low)
                continue
            found = _narrowest(fonts, rows, low, max(low, room_w), room_h)
            if found is None:
                if not force:
                    return None
                found = low
            mins.append(found)
        spare = room_w - sum(mins)
        if spare < 0 and not force:
            return None
        widths = _share_out(fonts, groups, lanes, mins, max(0, spare))
        group_widths = _group_widths(groups, lanes, widths, lane_gap)
        pairs = list(zip(groups, group_widths, strict=True))
        one_line = fonts.bold_metrics.height() + fonts.pad * 2
        stacked = any(fonts.header_height(g, w) > one_line for g, w in pairs)
        needed = max(fonts.header_height(g, w, stacked) for g, w in pairs)
        if needed <= header_h:
            break
        header_h = needed
    else:
        if not force:
            return None
    layout = _place(fonts, groups, lanes, widths, header_h, lane_gap, group_gap, width, height)
    layout.stacked = stacked
    return layout


def _share_out(
    fonts: Fonts,
    groups: list[Group],
    lanes: list[tuple[Group, list[Row]]],
    mins: list[int],
    spare: int,
) -> list[int]:
    """Spare width goes first to headers that would otherwise wrap, then in proportion."""
    widths = list(mins)
    for group in groups:
        idx = [i for i, (g, _) in enumerate(lanes) if g is group]
        have = sum(widths[i] for i in idx)
        one_line = fonts.bold_metrics.horizontalAdvance(group.header_text()) + fonts.pad * 3
        give = min(spare, max(0, one_line - have))
        for n, i in enumerate(idx):
            share = give // len(idx) + (1 if n < give % len(idx) else 0)
            widths[i] += share
        spare -= give
    total = sum(widths) or 1
    extra = [spare * w // total for w in widths]
    return [w + e for w, e in zip(widths, extra, strict=True)]


def _group_widths(
    groups: list[Group], lanes: list[tuple[Group, list[Row]]], widths: list[int], lane_gap: int
) -> list[int]:
    out = []
    for group in groups:
        ws = [w for (g, _), w in zip(lanes, widths, strict=True) if g is group]
        out.append(sum(ws) + lane_gap * (len(ws) - 1))
    return out


def _place(
    fonts: Fonts,
    groups: list[Group],
    lanes: list[tuple[Group, list[Row]]],
    widths: list[int],
    header_h: int,
    lane_gap: int,
    group_gap: int,
    width: int,
    height: int,
) -> Layout:
    layout = Layout(fonts)
    x = 0
    top = header_h + fonts.gap * 2
    for group in groups:
        start = x
        placed_any = False
        for (g, rows), w in zip(lanes, widths, strict=True):
            if g is not group:
                continue
            if x + w > width:  # zoomed past the screen: a lane is shown whole or not at all
                layout.fits = False
                layout.hidden += len(rows)
                layout.off_right += len(rows)
                x += w + lane_gap
                continue
            placed_any = True
            y = top
            for n, row in enumerate(rows):
                indent = fonts.indent if row.in_cluster else 0
                h = fonts.row_height(row, w)
                if y + h > height:  # a card is shown whole or not at all
                    layout.fits = False
                    layout.hidden += len(rows) - n
                    break
                layout.items.append(Placed(row, QRect(x + indent, y, w - indent, h), g.colour))
                y += h + fonts.gap
            x += w + lane_gap
        x -= lane_gap
        if placed_any:
            right = min(x, width)
            layout.headers.append((group, QRect(start, 0, right - start, header_h)))
        x += group_gap
    return layout


def fit(
    groups: list[Group], width: int, height: int, zoom: float = 1.0, hint: int | None = None
) -> Layout:
    """The layout with the largest text at which the whole board fits width × height; `zoom`
    scales that size for a facilitator who wants it smaller or larger than fits. `hint`, the
    size that fitted last time, makes the search short while notes arrive one by one."""
    found: dict[int, Layout | None] = {}

    def ok(px: int) -> bool:
        if px not in found:
            found[px] = _attempt(groups, width, height, px, False)
        return found[px] is not None

    low, high = MIN_PX, MAX_PX  # ok(low) is assumed, ok(high + 1) is not
    if sum(len(rows) for g in groups for rows in g.lanes) > HUGE:
        high = MIN_PX
    if hint is not None and MIN_PX < hint < MAX_PX:
        if ok(hint):
            low = hint
            high = hint if not ok(hint + 1) else MAX_PX
        elif ok(hint - 1):
            low = high = hint - 1
        else:
            high = hint - 2
    while low < high:
        mid = (low + high + 1) // 2
        if ok(mid):
            low = mid
        else:
            high = mid - 1
    best = low
    if zoom != 1.0:
        px = max(MIN_PX, min(MAX_PX * 2, round(best * zoom)))
        layout = _attempt(groups, width, height, px, True)
    else:
        layout = found.get(best) or _attempt(groups, width, height, best, True)
    assert layout is not None
    return layout


def split_lanes(rows: list[Row], lanes: int) -> list[list[Row]]:
    """A theme's rows in `lanes` columns of about equal text, in reading order."""
    if lanes <= 1 or len(rows) <= 1:
        return [rows]
    weights = [len(_row_text(r)) + 30 for r in rows]
    target = sum(weights) / lanes
    out: list[list[Row]] = [[]]
    acc = 0.0
    for row, weight in zip(rows, weights, strict=True):
        if acc >= target * len(out) and len(out) < lanes:
            out.append([])
        out[-1].append(row)
        acc += weight
    return [lane for lane in out if lane]
