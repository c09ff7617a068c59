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
from workshop_app.i18n import N_, _, ngettext
from workshop_app.printing.fonts import BOLD, REGULAR, TextGuard, para_plain
from workshop_app.printing.page_total import draw_page_of, fill_page_total
from workshop_app.printing.qr import QrFlowable, qr_matrix
from workshop_app.printing.styles import MUTED, styles

PAPER_NAMES = ("a4", "letter")
FOLLOW_UP_TOO_LONG = N_(
    "The follow-up address is too long to print as a QR code ({count} characters): shorten it."
)
FOOTER_SIZE = 7.5
WEEKDAYS = (
    N_("Monday"),
    N_("Tuesday"),
    N_("Wednesday"),
    N_("Thursday"),
    N_("Friday"),
    N_("Saturday"),
    N_("Sunday"),
)
MONTHS = (
    N_("January"),
    N_("February"),
    N_("March"),
    N_("April"),
    N_("May"),
    N_("June"),
    N_("July"),
    N_("August"),
    N_("September"),
    N_("October"),
    N_("November"),
    N_("December"),
)


def plural(n: int, one: str, many: str) -> str:
    """`one` or `many` ('{n} dot', '{n} dots') with {n} filled in, in the language's own
    plural form."""
    return ngettext(one, many, n)


def date_text(moment: datetime) -> str:
    """'Saturday 28 November 2026' in the chosen language (the names from the catalogue, not
    the system's locale)."""
    return _("{weekday} {day} {month} {year}").format(
        weekday=_(WEEKDAYS[moment.weekday()]),
        day=moment.day,
        month=_(MONTHS[moment.month - 1]),
        year=moment.year,
    )


def when_text(starts_at: str | None) -> str:
    """'Saturday 28 November 2026, 10:00' (empty when there is no date)."""
    if not starts_at:
        return ""
    try:
        moment = datetime.fromisoformat(starts_at)
    except ValueError:
        return starts_at
    if "T" in starts_at or " " in starts_at.strip():
        return _("{date}, {time}").format(date=date_text(moment), time=f"{moment:%H:%M}")
    return date_text(moment)


def printed_at() -> str:
    """'Printed Thursday 3 December 2026 at 16:29.'"""
    now = datetime.now().astimezone()
    return _("Printed {date} at {time}.").format(date=date_text(now), time=f"{now:%H:%M}")


def where_text(workshop: WorkshopInfo) -> str:
    return ", ".join(p for p in (workshop.venue.strip(), workshop.place.strip()) if p)


def clip(text: str, limit: int) -> str:
    """At most `limit` characters on one line (a label in a table or on a card)."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def fitted(
    markup_of, text: str, style_name: str, width: float, height: float, shrink: float = 1.0
) -> Paragraph:
    """A paragraph of `text` that fits `width` × `height`: set smaller, down to `shrink` times
    its size (so a longer language keeps the whole of the app's own sentences), and only then
    cut short with ….

    `markup_of` turns plain text into escaped markup (a TextGuard's `para`)."""
    base = styles()[style_name]
    scale = 1.0
    while scale > shrink + 0.001:
        style = _sized(base, scale)
        para = Paragraph(markup_of(text), style)
        if para.wrap(width, height * 4)[1] <= height:
            return para
        scale = max(scale - 0.05, shrink)
    style = _sized(base, scale)
    limit = len(text)
    while True:
        shown = text if limit >= len(text) else text[: max(limit - 1, 0)].rstrip() + "…"
        para = Paragraph(markup_of(shown), style)
        if para.wrap(width, height * 4)[1] <= height or limit <= 1:
            return para
        limit = min(limit - 1, int(limit * 0.8))


def _sized(style: ParagraphStyle, scale: float) -> ParagraphStyle:
    if scale == 1.0:
        return style
    return ParagraphStyle(
        f"{style.name}-{scale:.2f}",
        parent=style,
        fontSize=style.fontSize * scale,
        leading=style.leading * scale,
    )


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
    phone = guard.plain(workshop.contact_phone.strip())
    lines = [Paragraph(para_plain(_("Follow what happens next")), st["h2"])]
    if not link:
        if phone:
            text = _(
                "We will report back on what happens to these priorities. No internet? Call "
                "{phone}, or ask at the next meeting."
            ).format(phone=phone)
        else:
            text = _(
                "We will report back on what happens to these priorities. No internet? Ask at "
                "the next meeting, or ask the facilitators today."
            )
        lines.append(Paragraph(guard.para(text), body))
        return lines
    if phone:
        offline = _("No internet? Call {phone}, or ask at the next meeting.").format(phone=phone)
    else:
        offline = _("No internet? Ask at the next meeting, or ask the facilitators today.")
    matrix = qr_matrix(link, symbol, FOLLOW_UP_TOO_LONG)
    text = [
        Paragraph(para_plain(_("Scan the code, or type this address:")), body),
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
    """A one-pass document (welcome and results sheets) with the metadata set, an optional
    footer line, and "page X of Y" on every page."""
    return simple_pdf_pages(story, pagesize, title, author, footer, margin)[0]


def simple_pdf_pages(
    story: list[Flowable],
    pagesize: tuple[float, float],
    title: str,
    author: str,
    footer: str = "",
    margin: float = 1.8 * cm,
) -> tuple[bytes, int]:
    """simple_pdf and how many pages it laid out (to measure whether a story fits)."""
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
        start = draw_page_of(canvas, document.page, pagesize[0] - margin, margin / 2, FOOTER_SIZE)
        text = footer
        while text and canvas.stringWidth(text, REGULAR, FOOTER_SIZE) > start - margin - 12:
            text = text[:-2].rstrip() + "…" if len(text) > 2 else ""
        canvas.saveState()
        canvas.setFont(REGULAR, FOOTER_SIZE)
        canvas.setFillColor(MUTED)
        canvas.drawString(margin, margin / 2, text)
        canvas.restoreState()

    # Saved once the page total is drawn into the form every footer shows.
    doc._doSave = 0
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    fill_page_total(doc.canv, doc.page, FOOTER_SIZE)
    doc.canv.save()
    return buffer.getvalue(), doc.page
