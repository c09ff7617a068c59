""" "page X of Y" footers laid out in one pass: each page draws its own number and keeps room for
the total, which is drawn once, into a PDF form every page shows, when the last page is known."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from workshop_app.i18n import _
from workshop_app.printing.fonts import REGULAR
from workshop_app.printing.styles import MUTED

TOTAL_FORM = "page_total"


def draw_page_of(canvas: Canvas, page: int, right: float, y: float, size: float) -> float:
    """'page X of Y' ending at `right` on the baseline `y`; Y is the form fill_page_total draws.
    The translated phrase is drawn on either side of the room kept for the total. Returns where
    the phrase starts."""
    phrase = _("page {page} of {pages}").replace("{page}", str(page))
    before, _mark, after = phrase.partition("{pages}")
    width = canvas.stringWidth
    start = right - width(before + "0000" + after, REGULAR, size)
    canvas.saveState()
    canvas.setFont(REGULAR, size)
    canvas.setFillColor(MUTED)
    canvas.drawString(start, y, before)
    canvas.drawRightString(right, y, after)
    canvas.translate(start + width(before, REGULAR, size), y)
    canvas.doForm(TOTAL_FORM)
    canvas.restoreState()
    return start


def fill_page_total(canvas: Canvas, pages: int, size: float) -> None:
    """Draw the page total into the form every footer shows (after layout, before saving)."""
    canvas.beginForm(TOTAL_FORM)
    canvas.setFont(REGULAR, size)
    canvas.setFillColor(MUTED)
    canvas.drawString(0, 0, str(pages))
    canvas.endForm()
