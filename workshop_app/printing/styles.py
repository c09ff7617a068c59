"""Paragraph styles and colours shared by every printed document (the embedded DejaVu family)."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from workshop_app.printing.fonts import BOLD, REGULAR, register_fonts

INK = colors.HexColor("#1A1A1A")
MUTED = colors.HexColor("#555555")
# The results chart's colours, as on screen: ties in brown, never broken silently.
BAR = colors.HexColor("#0B57D0")
TIED_BAR = colors.HexColor("#8A4B00")
TRACK = colors.HexColor("#E3E7EE")
RULE = colors.HexColor("#BBBBBB")
WARNING_BG = colors.HexColor("#FFF4D6")


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle(
        "body", fontName=REGULAR, fontSize=10.5, leading=14, textColor=INK, spaceAfter=4
    )
    return {
        "body": body,
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        # A line that introduces what follows (a theme's count, a narrative's section title):
        # never left at the foot of a page without it.
        "small_lead": ParagraphStyle(
            "small_lead", parent=body, fontSize=8.5, leading=11, textColor=MUTED, keepWithNext=1
        ),
        "body_lead": ParagraphStyle("body_lead", parent=body, keepWithNext=1),
        "note": ParagraphStyle("note", parent=body, fontSize=10, leading=13, leftIndent=10),
        "cluster_note": ParagraphStyle(
            "cluster_note", parent=body, fontSize=10, leading=13, leftIndent=22
        ),
        "title": ParagraphStyle(
            "title", parent=body, fontName=BOLD, fontSize=26, leading=31, spaceAfter=10
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            keepWithNext=1,
            fontName=BOLD,
            fontSize=17,
            leading=21,
            spaceBefore=6,
            spaceAfter=8,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            keepWithNext=1,
            fontName=BOLD,
            fontSize=13,
            leading=16,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "h3": ParagraphStyle(
            "h3",
            parent=body,
            keepWithNext=1,
            fontName=BOLD,
            fontSize=11,
            leading=14,
            spaceBefore=4,
            spaceAfter=2,
        ),
        "big": ParagraphStyle("big", parent=body, fontSize=14, leading=19, spaceAfter=8),
        "warning": ParagraphStyle(
            "warning",
            parent=body,
            backColor=WARNING_BG,
            borderColor=TIED_BAR,
            borderWidth=0.8,
            borderPadding=6,
            spaceBefore=6,
            spaceAfter=12,
        ),
        "card_small": ParagraphStyle("card_small", parent=body, fontSize=7.5, leading=9.5),
        "card_notice": ParagraphStyle(
            "card_notice", parent=body, fontName=BOLD, fontSize=6, leading=7
        ),
        "card_fine": ParagraphStyle(
            "card_fine", parent=body, fontSize=6.5, leading=8, textColor=MUTED
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12, spaceAfter=0),
        "cell_bold": ParagraphStyle(
            "cell_bold", parent=body, fontName=BOLD, fontSize=9.5, leading=12, spaceAfter=0
        ),
    }
