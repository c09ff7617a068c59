"""The results sheet for the close of a workshop: the ranked priorities with their dots and
chart, ties and near-ties as on screen, the rules and totals, each priority's narrative summary
where there is one, the follow-up QR code and the time it was printed."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import cm
from reportlab.platypus import KeepTogether, Paragraph, Spacer
from sqlalchemy.orm import Session

from workshop_app.core import voting
from workshop_app.core.narratives import NarrativeInfo, narrative_for
from workshop_app.core.workshops import WorkshopInfo, get_workshop
from workshop_app.i18n import _
from workshop_app.printing.chart import round_flowables
from workshop_app.printing.common import (
    clip,
    follow_up_block,
    printed_at,
    simple_pdf,
    when_text,
    where_text,
)
from workshop_app.printing.fonts import TextGuard, para_plain, quote
from workshop_app.printing.styles import styles

SUMMARY_CHARS = 420
MARGIN = 1.6 * cm


@dataclass(frozen=True)
class ResultsSheetData:
    workshop: WorkshopInfo
    result: voting.Results
    narratives: tuple[tuple[str, NarrativeInfo], ...]  # (option label, narrative), in rank order


def load_results_sheet(
    session: Session, workshop_id: str, round_name: str | None = None
) -> ResultsSheetData:
    """The named round (or the latest closed one); a round still open is refused by core."""
    workshop = get_workshop(session, workshop_id)
    chosen = voting.find_round(session, workshop_id, round_name)
    return results_sheet_data(session, workshop, chosen.id)


def results_sheet_data(
    session: Session, workshop: WorkshopInfo, round_id: str, forward: int | None = None
) -> ResultsSheetData:
    """`forward`: how many go forward, as the facilitator set it in the voting window (the
    round's suggestion when None), so the sheet marks the same tie and line as the screen."""
    result = voting.results(session, round_id, forward=forward)
    narratives = []
    for line in result.lines:
        info = narrative_for(session, line.target_kind, line.target_id)
        if info is not None:
            narratives.append((line.label, info))
    return ResultsSheetData(workshop, result, tuple(narratives))


def summary_of(info: NarrativeInfo) -> str:
    """A narrative in a few lines: the change wanted, else the issue."""
    text = info.fields.change.strip() or info.fields.issue.strip()
    return clip(text, SUMMARY_CHARS)


def results_sheet_pdf(data: ResultsSheetData) -> bytes:
    st = styles()
    guard = TextGuard()
    width = A4[0] - 2 * MARGIN
    workshop, result = data.workshop, data.result
    title = guard.plain(workshop.title, _("the workshop's title"))
    where = _("the round {round}").format(round=quote(result.round.name))
    round_name = guard.plain(result.round.name, where)
    details = " · ".join(p for p in (when_text(workshop.starts_at), where_text(workshop)) if p)
    story = [
        Paragraph(guard.para(_("Results: {round}").format(round=round_name)), st["h1"]),
        Paragraph(guard.para(title), st["h3"]),
    ]
    if details:
        where = _("the workshop's date or place")
        story.append(Paragraph(guard.para(details, where), st["small"]))
    story.append(Spacer(1, 0.2 * cm))
    story += round_flowables(result, guard, width)
    if data.narratives:
        story.append(Paragraph(para_plain(_("What these priorities would change")), st["h2"]))
        for label, info in data.narratives:
            where = _("the narrative for {priority}").format(priority=quote(label))
            story.append(
                Paragraph(
                    f"<b>{guard.para(clip(label, 120), where)}</b>: "
                    + guard.para(summary_of(info), where),
                    st["body"],
                )
            )
    # The time printed stays with the follow-up block: never a page holding only it.
    story.append(
        KeepTogether(
            [
                *follow_up_block(workshop, guard, width, symbol=3.2 * cm),
                Paragraph(para_plain(printed_at()), st["small"]),
            ]
        )
    )
    notice = guard.notice()
    if notice:
        story.insert(0, Paragraph(guard.para(notice), st["warning"]))
    return simple_pdf(
        story,
        A4,
        _("Results: {round} ({title})").format(round=round_name, title=title),
        workshop.facilitators or "Workshop App",
        footer=clip(f"{title} · {round_name}", 90),
        margin=MARGIN,
    )
