"""Counts that cannot be true: flagged while the round is open, so the facilitator can recount
before closing it. Never a refusal: the register may miss walk-ins, and the facilitator decides.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workshop_app.core.voting.ballots import VoteSource, registered
from workshop_app.core.voting.rounds import OBJECTION_DOTS, _options, _round
from workshop_app.i18n import _, ngettext
from workshop_app.store.models import Vote


def _people(n: int) -> str:
    return ngettext("{n} person is registered", "{n} people are registered", n)


def implausible_counts(session: Session, round_id: str) -> list[str]:
    """One plain sentence per count that more people than are registered would be needed for:
    more objection dots than people, more dots than were given out, more paper dots on one
    option than the people could have placed there. Empty without a register (the room's size
    is unknown then)."""
    row = _round(session, round_id)
    people = registered(session, row.workshop_id)
    if not people:
        return []
    session.flush()
    totals: dict[bool, int] = {False: 0, True: 0}
    paper: dict[str, int] = {}
    query = (
        select(Vote.option_id, Vote.objection, Vote.source, func.sum(Vote.dots))
        .where(Vote.round_id == round_id, Vote.deleted_at.is_(None))
        .group_by(Vote.option_id, Vote.objection, Vote.source)
    )
    for option_id, objection, source, summed in session.execute(query):
        totals[bool(objection)] += int(summed or 0)
        if source == VoteSource.PAPER and not objection:
            paper[option_id] = paper.get(option_id, 0) + int(summed or 0)
    out: list[str] = []
    given = people * row.dots_per_person
    if totals[False] > given:
        out.append(
            ngettext(
                "{n} dot is recorded, but only {given} were given out",
                "{n} dots are recorded, but only {given} were given out",
                totals[False],
            ).replace("{given}", f"{given:,}")
            + " ("
            + _people(people)
            + ", "
            + ngettext("{n} dot each", "{n} dots each", row.dots_per_person)
            + ")."
        )
    if row.objections and totals[True] > people * OBJECTION_DOTS:
        out.append(
            ngettext(
                "{n} objection dot is recorded, but ",
                "{n} objection dots are recorded, but ",
                totals[True],
            )
            + _people(people)
            + " "
            + ngettext("(one objection dot each).", "({n} objection dots each).", OBJECTION_DOTS)
        )
    per_option = people * (row.cap_per_option or row.dots_per_person)
    for option in _options(session, round_id):
        count = paper.get(option.id, 0)
        if count > per_option:
            out.append(
                _("“{option}”: ").format(option=_clip(option.label))
                + ngettext(
                    "{n} paper dot, more than the registered people could place there",
                    "{n} paper dots, more than the registered people could place there",
                    count,
                )
                + " "
                + ngettext("(at most {n}).", "(at most {n}).", per_option)
            )
    return out


def _clip(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
