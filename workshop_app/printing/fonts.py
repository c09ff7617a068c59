"""The embedded font family and what it can draw.

DejaVu Sans (regular and bold, shipped in resources/fonts with its licence) covers Latin with
Welsh and Polish accents, Greek and Cyrillic. reportlab neither shapes joined scripts nor lays out
right-to-left text, so characters the font has no glyph for, and right-to-left letters, are
replaced by a visible marker and the document says which notes were affected: a person reads
"this part could not be printed" rather than a row of empty boxes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from workshop_app.i18n import _, ngettext
from workshop_app.resources import resources_dir

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
FAMILY = "DejaVuSans"
MARKER = "[…]"
NAMED = 40  # places the notice names; the rest are counted
# Invisible characters a glyph is not expected for (joiners, variation selectors, BOM).
_INVISIBLE_CATEGORIES = ("Cc", "Cf")
_KEPT_CONTROLS = "\n\t"
_MARKER_RUN = re.compile(re.escape(MARKER) + r"(?:[ \t]+" + re.escape(MARKER) + ")+")


@cache
def register_fonts() -> frozenset[int]:
    """Register the family once per process; returns the code points that print as they are
    (in the font, left to right, visible)."""
    folder = resources_dir() / "fonts"
    regular = TTFont(REGULAR, str(folder / "DejaVuSans.ttf"))
    bold = TTFont(BOLD, str(folder / "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(bold)
    pdfmetrics.registerFontFamily(
        FAMILY, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    cmap = frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)
    # What prints as it is: in the font, laid out left to right, and visible.
    return frozenset(cp for cp in cmap if _drawable(chr(cp), cmap) and chr(cp) != "\t")


def _drawable(ch: str, cmap: frozenset[int]) -> bool | None:
    """True: print it; False: the font cannot (or reportlab cannot lay it out); None: drop it
    silently (an invisible formatting character)."""
    if ch in _KEPT_CONTROLS or ch == " ":
        return True
    if unicodedata.category(ch) in _INVISIBLE_CATEGORIES or 0xFE00 <= ord(ch) <= 0xFE0F:
        return None
    if unicodedata.bidirectional(ch) in ("R", "AL"):
        return False
    return ord(ch) in cmap


@dataclass
class TextGuard:
    """Cleans every user string on its way into a document and remembers which ones lost
    characters, so the first page can name them."""

    affected: list[str] = field(default_factory=list)
    _cmap: frozenset[int] = field(default_factory=register_fonts)

    def plain(self, text: str, where: str | None = None) -> str:
        """The text as the font can draw it: runs it cannot are replaced by one marker."""
        if all(ord(ch) in self._cmap for ch in text):
            return text  # the common case, checked quickly
        out: list[str] = []
        lost = False
        for ch in text:
            ok = _drawable(ch, self._cmap)
            if ok:
                out.append(ch)
            elif ok is False:
                lost = True
                if not out or out[-1] != MARKER:
                    out.append(MARKER)
        if lost and where and where not in self.affected:
            self.affected.append(where)
        # Words of one unprintable sentence become one marker, not one per word.
        return _MARKER_RUN.sub(MARKER, "".join(out))

    def para(self, text: str, where: str | None = None) -> str:
        """Paragraph markup for user text: escaped (so `<b>` or `&amp;` print as typed),
        line breaks kept."""
        return escape(self.plain(text, where)).replace("\n", "<br/>").replace("\t", " ")

    def notice(self) -> str | None:
        """The plain-words warning for the first page, or None when everything printed."""
        if not self.affected:
            return None
        n = len(self.affected)
        names = "; ".join(self.affected[:NAMED])
        if n > NAMED:
            return ngettext(
                "Not printed, shown as {marker}: writing in a script this font cannot draw "
                "(such as Arabic, Chinese or emoji) in {names}; and {n} more. The app has the "
                "full text.",
                "Not printed, shown as {marker}: writing in a script this font cannot draw "
                "(such as Arabic, Chinese or emoji) in {names}; and {n} more. The app has the "
                "full text.",
                n - NAMED,
            ).format(marker=MARKER, names=names)
        return _(
            "Not printed, shown as {marker}: writing in a script this font cannot draw (such as "
            "Arabic, Chinese or emoji) in {names}. The app has the full text."
        ).format(marker=MARKER, names=names)


def quote(text: str, limit: int = 40) -> str:
    """A short, single-line quotation of a note to name it in a notice."""
    flat = " ".join(text.split())
    return "'" + (flat if len(flat) <= limit else flat[: limit - 1] + "…") + "'"


def para_plain(text: str) -> str:
    """Markup for text the app itself wrote (never user input), escaped all the same."""
    return escape(text)
