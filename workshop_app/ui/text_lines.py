"""Python text and Qt text positions: QTextLayout and QTextLine count UTF-16 code units, Python
counts code points, so each emoji (or other character outside the Basic Multilingual Plane)
before a position shifts it by one. Slice through these helpers, never with Qt's numbers."""

from __future__ import annotations

# surrogatepass: text is stored exactly as typed, even a lone surrogate, and must round-trip.
_CODEC = "utf-16-le"
_ERRORS = "surrogatepass"


def utf16_slice(text: str, start: int, length: int | None = None) -> str:
    """`text[start:start+length]` with `start` and `length` in UTF-16 code units, as given by
    QTextLine.textStart() and textLength()."""
    units = text.encode(_CODEC, _ERRORS)
    end = len(units) if length is None else 2 * (start + length)
    return units[2 * start : end].decode(_CODEC, _ERRORS)


def utf16_length(text: str) -> int:
    """The length of `text` as Qt counts it."""
    return len(text.encode(_CODEC, _ERRORS)) // 2
