"""The welcome and follow-up sheet: an A4 poster for the door or an A5 handout for each seat.
What the day is for, the privacy notice in plain words, and how to follow what happens next
(a QR code with the address printed beside it, and a way that needs no internet)."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, ListFlowable, ListItem, Paragraph, Spacer

from workshop_app.core.workshops import WorkshopInfo
from workshop_app.i18n import N_, _
from workshop_app.printing.common import follow_up_block, simple_pdf, when_text, where_text
from workshop_app.printing.fonts import TextGuard, para_plain
from workshop_app.printing.styles import styles

PRIVACY_POINTS = (
    N_(
        "You do not have to give your name. You get a card with a code, and your votes go with "
        "the code."
    ),
    N_(
        "We keep your name only if you agree, and your email or phone only if you agree to be "
        "contacted."
    ),
    N_(
        "Your words are quoted only the way you choose: with your name, your first name, "
        "anonymously, or not at all."
    ),
    N_("The equality cards are anonymous: they are never linked to you, your notes or your votes."),
    N_(
        "You can change your mind at any time. Tell a facilitator and your name and contact "
        "details are removed at once."
    ),
)


def _purpose(workshop: WorkshopInfo, guard: TextGuard) -> str:
    place = guard.plain(workshop.place.strip())
    if not place:
        first = _("Today we want to hear what would make this a better place to live and work.")
    else:
        first = _(
            "Today we want to hear what would make {place} a better place to live and work."
        ).format(place=place)
    rest = _(
        "Every idea goes on the wall and is sorted into themes. At the end everyone votes with "
        "dots for the priorities to take forward, and those priorities go into a plan that you "
        "can follow."
    )
    return f"{first} {rest}"


def _scaled(name: str, scale: float) -> ParagraphStyle:
    base = styles()[name]
    return ParagraphStyle(
        f"{name}-{scale}",
        parent=base,
        fontSize=base.fontSize * scale,
        leading=base.leading * scale,
        spaceAfter=base.spaceAfter * scale,
        spaceBefore=base.spaceBefore * scale,
    )


def welcome_pdf(workshop: WorkshopInfo, a5: bool = False) -> bytes:
    guard = TextGuard()
    pagesize = A5 if a5 else A4
    scale = 0.78 if a5 else 1.1
    margin = 1.2 * cm if a5 else 1.8 * cm
    width = pagesize[0] - 2 * margin
    body, h2 = _scaled("body", scale), _scaled("h2", scale)
    title = guard.plain(workshop.title, _("the workshop's title"))
    story = [
        Paragraph(para_plain(_("Welcome to")), _scaled("small", scale)),
        Paragraph(guard.para(title), _scaled("title", scale)),
    ]
    details = " · ".join(p for p in (when_text(workshop.starts_at), where_text(workshop)) if p)
    if details:
        story.append(Paragraph(guard.para(details, _("the workshop's date or place")), body))
    if workshop.programme.strip():
        part_of = _("Part of {programme}").format(programme=workshop.programme)
        story.append(Paragraph(guard.para(part_of, _("the programme's name")), body))
    story += [
        Paragraph(para_plain(_("What today is for")), h2),
        Paragraph(guard.para(_purpose(workshop, guard)), body),
    ]
    prompts = [p for p in workshop.prompts if p.strip()]
    if prompts:
        story.append(Paragraph(para_plain(_("The questions we will ask")), h2))
        story.append(_bullets([guard.para(p, _("a question")) for p in prompts], body))
    story += [
        Paragraph(para_plain(_("Your privacy, in plain words")), h2),
        _bullets([guard.para(_(p)) for p in PRIVACY_POINTS], body),
        Spacer(1, 0.2 * cm),
    ]
    block = follow_up_block(workshop, guard, width, symbol=(3 if a5 else 4.5) * cm, body=body)
    block[0] = Paragraph(para_plain(_("Follow what happens next")), h2)
    story.append(KeepTogether(block))
    notice = guard.notice()
    if notice:
        story.insert(0, Paragraph(guard.para(notice), styles()["warning"]))
    return simple_pdf(
        story,
        pagesize,
        _("Welcome: {title}").format(title=title),
        workshop.facilitators or "Workshop App",
        margin=margin,
    )


def _bullets(items: list[str], style: ParagraphStyle) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(text, style), leftIndent=14, value="•") for text in items],
        bulletType="bullet",
        start="•",
        leftIndent=14,
        bulletFontName=style.fontName,
        bulletFontSize=style.fontSize,
    )
