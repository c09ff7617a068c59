"""Colour contrast by WCAG 2.2: the ratio between two colours, and which text colour stays
readable on a theme colour a facilitator picked (white on dark, near-black on light)."""

from __future__ import annotations

WHITE = "#FFFFFF"
DARK_TEXT = "#1A1A1A"
BLACK = "#000000"
AA_TEXT = 4.5  # WCAG 2.2 AA for normal-size text


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(colour: str) -> float:
    """Relative luminance of '#RRGGBB' (0 for black, 1 for white)."""
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"not a #RRGGBB colour: {colour!r}")
    r, g, b = (int(text[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(first: str, second: str) -> float:
    """From 1 (the same) to 21 (black on white)."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour_on(background: str) -> str:
    """White where it meets AA on `background`, else the app's near-black, else black (a
    mid-grey meets AA only with pure black); the best of them when none does."""
    candidates = (WHITE, DARK_TEXT, BLACK)
    for text in candidates:
        if contrast_ratio(text, background) >= AA_TEXT:
            return text
    return max(candidates, key=lambda text: contrast_ratio(text, background))
