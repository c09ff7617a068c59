"""Colours and text direction helpers shared by the board and the projector."""

from __future__ import annotations

import unicodedata

from PySide6.QtGui import QColor

TEXT = QColor("#1A1A1A")
MUTED_TEXT = QColor("#4A4A4A")
BOARD_BACKGROUND = QColor("#EEF0F2")


def card_fill(theme_colour: str) -> QColor:
    """A pale tint of the theme colour: dark text on it stays readable on a washed-out projector."""
    base = QColor(theme_colour)
    white = 0.84
    return QColor(
        round(base.red() * (1 - white) + 255 * white),
        round(base.green() * (1 - white) + 255 * white),
        round(base.blue() * (1 - white) + 255 * white),
    )


def is_rtl(text: str) -> bool:
    """True when the first strongly directional character is right-to-left."""
    for ch in text[:200]:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False
