"""Text with emoji (and other characters outside the Basic Multilingual Plane) shows every
letter on its card and in the voting chart's two-line labels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetrics, QImage, QPainter

from workshop_app.ui.card_delegate import CardDelegate
from workshop_app.ui.text_lines import utf16_length, utf16_slice
from workshop_app.ui.voting_chart import two_lines

TEXTS = [
    "More trees 🌳 and benches in the square",
    "🌳🌳🌳 trees 🌳 benches 🌳 square 🌳 shade 🌳 seats",
    # CJK Extension B characters are outside the BMP too (two UTF-16 units each).
    "𠀀𠀁 community 𠜎 garden 𡃁 needed 𤭢 soon",
    "Bus 🚌🚌 every 30 minutes 🕐 and on Sundays 🙏🙏🙏 please",
]


class RecordingPainter(QPainter):
    """Paints as usual and keeps every string drawn."""

    def __init__(self, device: QImage) -> None:
        super().__init__(device)
        self.drawn: list[str] = []

    def drawText(self, *args) -> None:
        self.drawn.extend(a for a in args if isinstance(a, str))
        super().drawText(*args)


def _card_lines(delegate: CardDelegate, text: str, width: int) -> list[str]:
    image = QImage(width + 20, 400, QImage.Format.Format_ARGB32)
    painter = RecordingPainter(image)
    try:
        delegate._draw_wrapped(painter, QRect(0, 0, width, 300), text, width)
    finally:
        painter.end()
    return painter.drawn


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def assert_whole_pieces(text: str, lines: list[str], complete: bool) -> None:
    """The lines are the text in order, every letter once, broken only where a line may break:
    at a space, or between emoji or ideographs; never inside a word such as "t / he"."""
    pos = 0
    for i, line in enumerate(lines):
        piece = line.strip()
        while pos < len(text) and text[pos] == " ":
            pos += 1
        assert text.startswith(piece, pos), f"line {i + 1} {piece!r} is not next in {text!r}"
        if i and pos and text[pos - 1] != " ":
            assert not (_latin(text[pos - 1]) and _latin(text[pos])), f"cut inside a word: {lines}"
        pos += len(piece)
    if complete:
        assert pos == len(text), f"letters missing: {lines!r}"


@pytest.mark.parametrize("text", TEXTS)
def test_card_shows_every_letter_whatever_the_width(text):
    delegate = CardDelegate(11.0, lines=8)
    widest = max(delegate.metrics.horizontalAdvance(w) for w in text.split()) + 4
    checked = 0
    for width in range(widest, 420, 7):
        lines = _card_lines(delegate, text, width)
        if lines[-1].endswith("…"):
            # Longer than the card: the lines before the last are still whole.
            assert_whole_pieces(text, lines[:-1], complete=False)
            continue
        checked += 1
        assert_whole_pieces(text, lines, complete=True)
    assert checked > 10


def test_card_that_is_cut_short_shows_whole_words_then_an_ellipsis():
    delegate = CardDelegate(11.0, lines=2)
    text = TEXTS[0]
    cut_short = 0
    for width in range(90, 200, 5):
        lines = _card_lines(delegate, text, width)
        elided = lines[-1].endswith("…")
        cut_short += elided
        assert_whole_pieces(text, lines[:-1] if elided else lines, complete=not elided)
    assert cut_short > 5


@pytest.mark.parametrize("text", TEXTS)
def test_chart_label_shows_every_letter_on_two_lines(text):
    font = QFont()
    font.setPointSizeF(11.0)
    widest = max(QFontMetrics(font).horizontalAdvance(w) for w in text.split()) + 4
    checked = 0
    for width in range(widest, 500, 6):
        label = two_lines(text, font, width)
        lines = label.split("\n")
        assert len(lines) <= 2
        if lines[-1].endswith("…"):
            assert_whole_pieces(text, lines[:1], complete=False)
            continue
        checked += 1
        assert_whole_pieces(text, lines, complete=True)
    assert checked > 5


def test_the_seen_chart_label_is_not_split_inside_a_word():
    """Seen: "More trees 🌳 and benches in t / he square"."""
    font = QFont()
    font.setPointSizeF(11.0)
    for width in range(40, 500, 2):
        for line in two_lines(TEXTS[0], font, width).split("\n"):
            assert not line.startswith("he "), f"width {width}"
            assert not line.endswith(" in t"), f"width {width}"


def test_utf16_positions_slice_whole_characters():
    text = "a🌳b𠀀c"
    # Qt counts a🌳 as three units: the slice after them starts at "b".
    assert utf16_length(text) == 7
    assert utf16_slice(text, 3) == "b𠀀c"
    assert utf16_slice(text, 1, 2) == "🌳"
    assert utf16_slice(text, 0, utf16_length(text)) == text
