"""The welcome and follow-up sheet: an A4 poster for the door or an A5 handout for each seat.
What the day is for, the privacy notice in plain words, and how to follow what happens next
(a QR code with the address printed beside it, and a way that needs no internet)."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    Paragraph,
    Spacer,
)

from workshop_app.core.workshops import WorkshopInfo
from workshop_app.i18n import N_, _
from workshop_app.printing.common import (
    follow_up_block,
    simple_pdf,
    simple_pdf_pages,
    when_text,
    where_text,
)
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


@dataclass(frozen=True)
class _Paper:
    size: tuple[float, float]
    margin: float
    scale: float  # of the shared styles, when everything fits at that size
    smallest: float  # points: no text on the sheet is set smaller than this
    symbol: float  # the follow-up QR code's side


# A4 is a poster for the door (read from a step away), A5 a handout read at the seat.
A4_PAPER = _Paper(A4, 1.8 * cm, 1.1, 9.0, 4.5 * cm)
A5_PAPER = _Paper(A5, 1.2 * cm, 0.78, 7.5, 3 * cm)
BODY_SIZE = 10.5  # the shared body style's size, in points
STEP = 0.03  # of the starting size, each time the sheet is set smaller
TITLE_SHRINK = 0.6  # the title may go down to this share of its size (others stop sooner)


def _sizes(paper: _Paper) -> list[tuple[float, float]]:
    """(text scale, title scale) from the largest down to the smallest readable. A long title
    in display type takes many lines, so it shrinks three times as fast as the rest."""
    floor = paper.smallest / BODY_SIZE
    sizes = []
    step = 0
    while True:
        down = step * STEP
        text = max(paper.scale * (1 - down), floor)
        title = paper.scale * max(1 - 3 * down, TITLE_SHRINK)
        sizes.append((text, title))
        if text == floor and title == paper.scale * TITLE_SHRINK:
            return sizes
        step += 1


def _scaled(name: str, scale: float, smallest: float) -> ParagraphStyle:
    base = styles()[name]
    size = max(base.fontSize * scale, smallest)
    return ParagraphStyle(
        f"{name}-{scale:.3f}",
        parent=base,
        fontSize=size,
        leading=base.leading * size / base.fontSize,
        spaceAfter=base.spaceAfter * scale,
        spaceBefore=base.spaceBefore * scale,
    )


def _story(
    workshop: WorkshopInfo,
    guard: TextGuard,
    paper: _Paper,
    sizes: tuple[float, float],
    keep_follow_up_with_privacy: bool = False,
) -> list[Flowable]:
    scale, title_scale = sizes
    body = _scaled("body", scale, paper.smallest)
    h2 = _scaled("h2", scale, paper.smallest)
    title = guard.plain(workshop.title, _("the workshop's title"))
    story: list[Flowable] = [
        Paragraph(para_plain(_("Welcome to")), _scaled("small", scale, paper.smallest)),
        Paragraph(guard.para(title), _scaled("title", title_scale, paper.smallest)),
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
    width = paper.size[0] - 2 * paper.margin
    block = follow_up_block(workshop, guard, width, symbol=paper.symbol, body=body)
    block[0] = Paragraph(para_plain(_("Follow what happens next")), h2)
    privacy: list[Flowable] = [
        Paragraph(para_plain(_("Your privacy, in plain words")), h2),
        _bullets([guard.para(_(p)) for p in PRIVACY_POINTS], body),
        Spacer(1, 0.2 * cm * scale),
    ]
    if keep_follow_up_with_privacy:
        # The code and its words move to the next page only with the privacy notice.
        story.append(KeepTogether(privacy + block))
    else:
        story += [*privacy, KeepTogether(block)]
    notice = guard.notice()
    if notice:
        story.insert(0, Paragraph(guard.para(notice), styles()["warning"]))
    return story


def welcome_pdf(workshop: WorkshopInfo, a5: bool = False) -> bytes:
    """One page: set smaller, step by step and measured by laying the page out, until it fits.
    When even the smallest readable size runs over, it is set at full size on more pages, the
    code never alone on a page."""
    paper = A5_PAPER if a5 else A4_PAPER
    title = TextGuard().plain(workshop.title)
    meta = (
        _("Welcome: {title}").format(title=title),
        workshop.facilitators or "Workshop App",
    )
    sizes = _sizes(paper)
    for size in sizes:
        story = _story(workshop, TextGuard(), paper, size)
        pdf, pages = simple_pdf_pages(story, paper.size, *meta, margin=paper.margin)
        if pages == 1:
            return pdf
    # More than a page at the smallest size: back to full size, there is room on two pages.
    story = _story(workshop, TextGuard(), paper, sizes[0], keep_follow_up_with_privacy=True)
    return simple_pdf(story, paper.size, *meta, margin=paper.margin)


def _bullets(items: list[str], style: ParagraphStyle) -> ListFlowable:
    return ListFlowable(
        [ListItem(Paragraph(text, style), leftIndent=14, value="•") for text in items],
        bulletType="bullet",
        start="•",
        leftIndent=14,
        bulletFontName=style.fontName,
        bulletFontSize=style.fontSize,
    )
