"""Small pieces every printed document shares: dates in words, paragraphs cut to fit a box,
plural phrases, and the follow-up block (a QR code never alone: the address is printed beside it
and there is a way that needs no internet)."""

from __future__ import annotations

import io
from datetime import datetime

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from workshop_app.core.workshops import WorkshopInfo, follow_up_link
from workshop_app.i18n import ngettext
from workshop_app.printing.fonts import BOLD, REGULAR, TextGuard
from workshop_app.printing.qr import QrFlowable, qr_matrix
from workshop_app.printing.styles import MUTED, styles

PAPER_NAMES = ("a4", "letter")


def plural(n: int, one: str, many: str) -> str:
    """`one` or `many` ('{n} dot', '{n} dots') with {n} filled in, in the language's own
    plural form."""
    return ngettext(one, many, n)


def when_text(starts_at: str | None) -> str:
    """'Saturday 28 November 2026, 10:00' (no locale needed; empty when there is no date)."""
    if not starts_at:
        return ""
    try:
        moment = datetime.fromisoformat(starts_at)
    except ValueError:
        return starts_at
    text = f"{moment:%A} {moment.day} {moment:%B %Y}"
    if "T" in starts_at or " " in starts_at.strip():
        text += f", {moment:%H:%M}"
    return text


def printed_at() -> str:
    now = datetime.now().astimezone()
    return f"{now:%A} {now.day} {now:%B %Y} at {now:%H:%M}"


def where_text(workshop: WorkshopInfo) -> str:
    return ", ".join(p for p in (workshop.venue.strip(), workshop.place.strip()) if p)


def clip(text: str, limit: int) -> str:
    """At most `limit` characters on one line (a label in a table or on a card)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def fitted(markup_of, text: str, style_name: str, width: float, height: float) -> Paragraph:
    """A paragraph of `text` cut short (with …) until it fits `width` × `height`.

    `markup_of` turns plain text into escaped markup (a TextGuard's `para`)."""
    style = styles()[style_name]
    limit = len(text)
    while True:
        shown = text if limit >= len(text) else text[: max(limit - 1, 0)].rstrip() + "…"
        para = Paragraph(markup_of(shown), style)
        _, h = para.wrap(width, height * 4)
        if h <= height or limit <= 1:
            return para
        limit = min(limit - 1, int(limit * 0.8))


def follow_up_block(
    workshop: WorkshopInfo,
    guard: TextGuard,
    width: float,
    symbol: float = 4 * cm,
    body: ParagraphStyle | None = None,
) -> list[Flowable]:
    """'Follow what happens next': the QR code with the address beside it, and a way without
    the internet. Without an address, only the offline way is printed."""
    st = styles()
    body = body or st["body"]
    link = follow_up_link(workshop.follow_up_url, workshop.id)
    phone = workshop.contact_phone.strip()
    offline = (
        f"No internet? Call {guard.plain(phone)}, or ask at the next meeting."
        if phone
        else "No internet? Ask at the next meeting, or ask the facilitators today."
    )
    lines = [Paragraph("Follow what happens next", st["h2"])]
    if not link:
        lines.append(
            Paragraph(
                guard.para("We will report back on what happens to these priorities. " + offline),
                body,
            )
        )
        return lines
    matrix = qr_matrix(link, symbol, "The follow-up address")
    text = [
        Paragraph("Scan the code, or type this address:", body),
        Paragraph(guard.para(link), ParagraphStyle("link", parent=body, fontName=BOLD)),
        Paragraph(guard.para(offline), body),
    ]
    table = Table(
        [[QrFlowable(matrix, symbol), text]],
        colWidths=[symbol + 0.4 * cm, width - symbol - 0.4 * cm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 0.4 * cm),
            ]
        )
    )
    lines.append(table)
    return lines


def simple_pdf(
    story: list[Flowable],
    pagesize: tuple[float, float],
    title: str,
    author: str,
    footer: str = "",
    margin: float = 1.8 * cm,
) -> bytes:
    """A one-pass document (welcome and results sheets) with the metadata set and an optional
    footer line with the page number."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author=author,
        creator="Workshop App",
        initialFontName=REGULAR,
    )

    def on_page(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 7.5)
        canvas.setFillColor(MUTED)
        text = f"{footer} · page {document.page}" if footer else f"page {document.page}"
        canvas.drawCentredString(pagesize[0] / 2, margin / 2, text)
        canvas.restoreState()

    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
