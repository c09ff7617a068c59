"""Participant cards: eight to an A4 sheet with cut marks, each with the workshop, the code in
large type, its QR code, how the dots work and one line on privacy."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import Session

from workshop_app.core import voting
from workshop_app.core.cards import add_walk_ins, card_text
from workshop_app.core.errors import ValidationError
from workshop_app.core.participants import list_participants
from workshop_app.core.workshops import WorkshopInfo, get_workshop
from workshop_app.i18n import N_, _, ngettext
from workshop_app.printing.common import fitted, when_text, where_text
from workshop_app.printing.fonts import BOLD, REGULAR, TextGuard
from workshop_app.printing.qr import draw_qr, qr_matrix
from workshop_app.printing.styles import INK, MUTED, RULE

COLUMNS, ROWS = 2, 4
CARD_W, CARD_H = 95 * mm, 66 * mm
# Kept clear at the paper's edges: most printers cannot print the outer 4-5 mm.
EDGE = 5 * mm
PAD = 5 * mm
QR_SYMBOL = 30 * mm
TITLE_H = 9 * mm
MARK = 4 * mm  # cut marks reach this far into the margin
CARD_TOO_LONG = N_("The card's text is too long to print as a QR code ({count} characters).")
PRIVACY = N_(
    "Your votes go with this code, not your name. Nothing about you is shared without your consent."
)


@dataclass(frozen=True)
class CardFace:
    code: str
    name: str
    walk_in: bool


@dataclass(frozen=True)
class CardsData:
    workshop: WorkshopInfo
    cards: tuple[CardFace, ...]
    voting_round: voting.RoundInfo | None  # the round whose dots the card explains


def _round_to_explain(session: Session, workshop_id: str) -> voting.RoundInfo | None:
    rounds = voting.list_rounds(session, workshop_id)
    waiting = [r for r in rounds if r.status != voting.CLOSED]
    return (waiting or rounds or [None])[-1]


def load_cards(session: Session, workshop_id: str, blank: int = 0) -> CardsData:
    """Cards for everyone in the register, plus `blank` walk-in cards whose fresh codes are
    added to the register in this transaction (commit only once the PDF is saved)."""
    workshop = get_workshop(session, workshop_id)
    people = [
        CardFace(p.code, p.name, False)
        for p in list_participants(session, workshop_id)
        if not (p.consent and p.consent.withdrawn_at)
    ]
    walk_ins = [CardFace(p.code, "", True) for p in add_walk_ins(session, workshop_id, blank)]
    if not people and not walk_ins:
        raise ValidationError(
            _("The register is empty: add participants, or print blank walk-in cards (--blank N).")
        )
    return CardsData(workshop, tuple(people + walk_ins), _round_to_explain(session, workshop_id))


def dots_text(r: voting.RoundInfo | None) -> str:
    """How the dots work, in whole sentences (each one translated as it stands)."""
    show = _("Show this card, or say your code, when you vote.")
    if r is None:
        first = _(
            "When it is time to vote you get a few dots: put them on the priorities that "
            "matter most to you."
        )
        return f"{first} {show}"
    n = r.dots_per_person
    if r.cap_per_option:
        dots = ngettext(
            "You have {n} dot to vote with, at most {cap} on one priority.",
            "You have {n} dots to vote with, at most {cap} on one priority.",
            n,
        ).format(cap=r.cap_per_option)
    else:
        dots = ngettext("You have {n} dot to vote with.", "You have {n} dots to vote with.", n)
    place = ngettext(
        "Put it on the priority that matters most to you.",
        "Put them on the priorities that matter most to you.",
        n,
    )
    sentences = [dots, place]
    if r.objections:
        sentences.append(_("You also have a red dot to object to one."))
    return " ".join([*sentences, show])


def _cut_marks(c: Canvas, x0: float, y0: float) -> None:
    c.setStrokeColor(INK)
    c.setLineWidth(0.4)
    xs = [x0 + i * CARD_W for i in range(COLUMNS + 1)]
    ys = [y0 + j * CARD_H for j in range(ROWS + 1)]
    for x in xs:
        c.line(x, y0 - MARK - 1 * mm, x, y0 - 1 * mm)
        c.line(x, ys[-1] + 1 * mm, x, ys[-1] + MARK + 1 * mm)
    for y in ys:
        c.line(x0 - MARK - 1 * mm, y, x0 - 1 * mm, y)
        c.line(xs[-1] + 1 * mm, y, xs[-1] + MARK + 1 * mm, y)
    # Small crosses where inner cuts meet, so a guillotine lines up on every card.
    for x in xs[1:-1]:
        for y in ys[1:-1]:
            c.line(x - 2 * mm, y, x + 2 * mm, y)
            c.line(x, y - 2 * mm, x, y + 2 * mm)
    # A faint outline helps scissors where there is no guillotine.
    c.setStrokeColor(RULE)
    c.setDash(1, 3)
    for x in xs:
        c.line(x, ys[0], x, ys[-1])
    for y in ys:
        c.line(xs[0], y, xs[-1], y)
    c.setDash()


def _draw_card(
    c: Canvas, data: CardsData, face: CardFace, x: float, y: float, guard: TextGuard, texts
) -> None:
    """One card, top to bottom: title and date/place beside the QR code, the code, how the
    dots work, then privacy. Every box has a fixed height, so nothing overlaps however long a
    title is: text that does not fit is cut short with an ellipsis."""
    title, meta, dots, privacy = texts
    top = y + CARD_H - PAD
    text_w = CARD_W - 2 * PAD - QR_SYMBOL - 3 * mm
    title.drawOn(c, x + PAD, top - title.height)
    meta.drawOn(c, x + PAD, top - TITLE_H - 1 * mm - meta.height)
    matrix = qr_matrix(card_text(data.workshop.id, face.code), QR_SYMBOL, CARD_TOO_LONG)
    draw_qr(c, matrix, x + CARD_W - PAD - QR_SYMBOL, top - QR_SYMBOL, QR_SYMBOL)
    # The code in large type, readable across a table, level with the QR code's foot.
    code_base = top - QR_SYMBOL + 1 * mm
    c.setFillColor(MUTED)
    c.setFont(REGULAR, 7.5)
    label = _("Walk-in: your code") if face.walk_in else _("Your code")
    c.drawString(x + PAD, code_base + 9 * mm, label)
    c.setFillColor(INK)
    c.setFont(BOLD, 30)
    c.drawString(x + PAD, code_base, " ".join(face.code))
    if face.name:
        c.setFont(REGULAR, 7.5)
        c.setFillColor(MUTED)
        name = guard.plain(face.name)
        while c.stringWidth(name, REGULAR, 7.5) > text_w + QR_SYMBOL and len(name) > 2:
            name = name[:-2] + "…"
        c.drawString(x + PAD, code_base - 4 * mm, name)
    dots.drawOn(c, x + PAD, code_base - 6 * mm - dots.height)
    privacy.drawOn(c, x + PAD, y + PAD)


def cards_pdf(data: CardsData) -> bytes:
    guard = TextGuard()
    # Each shared text is checked once (and named in the notice once when it loses letters).
    title_text = guard.plain(data.workshop.title, _("the workshop's title"))
    meta_text = guard.plain(
        " · ".join(p for p in (when_text(data.workshop.starts_at), where_text(data.workshop)) if p),
        _("the workshop's date or place"),
    )
    text_w = CARD_W - 2 * PAD - QR_SYMBOL - 3 * mm
    title = fitted(guard.para, title_text, "cell_bold", text_w, TITLE_H)
    meta = fitted(guard.para, meta_text, "card_small", text_w, 7 * mm, 0.85)
    inner_w = CARD_W - 2 * PAD
    # The app's own sentences are set smaller rather than cut in a longer language.
    dots = fitted(guard.para, dots_text(data.voting_round), "card_small", inner_w, 13 * mm, 0.8)
    privacy = fitted(guard.para, _(PRIVACY), "card_fine", inner_w, 6 * mm, 0.85)
    for face in data.cards:
        if face.name:
            guard.plain(face.name, _("the name on card {code}").format(code=face.code))
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=REGULAR)
    c.setTitle(_("Participant cards: {title}").format(title=title_text))
    c.setAuthor(data.workshop.facilitators or "Workshop App")
    width, height = A4
    x0 = (width - COLUMNS * CARD_W) / 2
    y0 = (height - ROWS * CARD_H) / 2
    per_page = COLUMNS * ROWS
    notice = guard.notice()
    for start in range(0, len(data.cards), per_page):
        if start == 0 and notice:
            # Above the cut marks, in the top margin: nothing on a card moves for it.
            room = y0 - MARK - 2 * mm - EDGE
            para = fitted(guard.para, notice, "card_notice", width - 2 * x0, room)
            para.wrapOn(c, width - 2 * x0, y0)
            para.drawOn(c, x0, height - EDGE - para.height)
        _cut_marks(c, x0, y0)
        for i, face in enumerate(data.cards[start : start + per_page]):
            col, row = i % COLUMNS, i // COLUMNS
            x = x0 + col * CARD_W
            y = y0 + (ROWS - 1 - row) * CARD_H
            _draw_card(c, data, face, x, y, guard, (title, meta, dots, privacy))
        c.setFont(REGULAR, 7)
        c.setFillColor(MUTED)
        page = start // per_page + 1
        pages = (len(data.cards) + per_page - 1) // per_page
        text = _("Cut along the marks · sheet {page} of {pages}").format(page=page, pages=pages)
        c.drawCentredString(width / 2, EDGE + 1 * mm, text)
        c.showPage()
    c.save()
    return buffer.getvalue()
