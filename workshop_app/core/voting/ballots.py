"""Putting dots on a round's options: paper tallies counted off the wall, and one person's
ballot at a time, with the budget and the cap checked in the transaction."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.participants import find_by_code
from workshop_app.core.records import created, now_iso, touch
from workshop_app.core.voting.rounds import (
    CLOSED,
    MAX_ROOM,
    OBJECTION_DOTS,
    OPEN,
    _round,
)
from workshop_app.i18n import _, ngettext
from workshop_app.store.models import (
    Ballot,
    Participant,
    RoundOption,
    Vote,
    VotingRound,
)


class VoteSource(StrEnum):
    """Where a vote's dots came from (the values are what the votes table stores)."""

    PAPER = "paper"  # a tally counted off the wall, one per option
    PERSON = "person"  # one voter's allocation, entered at the laptop


def registered(session: Session, workshop_id: str) -> int:
    """How many people are on the workshop's register (0: nobody registered)."""
    people = session.scalar(
        select(func.count()).where(
            Participant.workshop_id == workshop_id, Participant.deleted_at.is_(None)
        )
    )
    return int(people or 0)


def _open_round(session: Session, round_id: str) -> VotingRound:
    row = _round(session, round_id)
    if row.status != OPEN:
        raise ValidationError(
            _("Voting is closed for this round.")
            if row.status == CLOSED
            else _("Open the round before recording votes.")
        )
    return row


def _option(session: Session, round_id: str, option_id: str) -> RoundOption:
    option = session.get(RoundOption, option_id)
    if option is None or option.deleted_at is not None or option.round_id != round_id:
        raise NotFoundError(_("That option is not in this round."))
    return option


def parse_count(text: str) -> int:
    """A count typed into the tally grid."""
    cleaned = text.strip()
    if not cleaned:
        return 0
    try:
        value = int(cleaned)
    except ValueError:
        raise ValidationError(
            _("'{text}' is not a number of dots: type a whole number.").format(text=cleaned)
        ) from None
    if value < 0:
        raise ValidationError(_("A count of dots cannot be negative."))
    return value


def record_paper_tally(
    session: Session, round_id: str, option_id: str, count: int, objection: bool = False
) -> int:
    """The number of paper dots counted on the wall for one option (replacing any earlier
    count for it)."""
    row = _open_round(session, round_id)
    _option(session, round_id, option_id)
    if count < 0:
        raise ValidationError(_("A count of dots cannot be negative."))
    if objection and not row.objections:
        raise ValidationError(_("This round has no objection dots."))
    # Only a count no room could hold is refused (a slip of the finger: 5000 for 50). A count
    # more than the registered people could place is kept and flagged (checks.py): walk-ins
    # are not always on the register, and the facilitator decides.
    per_person = OBJECTION_DOTS if objection else (row.cap_per_option or row.dots_per_person)
    if count > MAX_ROOM * per_person:
        raise ValidationError(
            ngettext(
                "{n} dot on one option is more than any room could have placed: check the count.",
                "{n} dots on one option is more than any room could have placed: check the count.",
                count,
            )
        )
    existing = session.scalars(
        select(Vote).where(
            Vote.round_id == round_id,
            Vote.option_id == option_id,
            Vote.source == VoteSource.PAPER,
            Vote.objection.is_(objection),
            Vote.deleted_at.is_(None),
        )
    ).first()
    if existing is None:
        if count:
            created(
                session,
                Vote(
                    round_id=round_id,
                    option_id=option_id,
                    source=VoteSource.PAPER,
                    voter_key="",
                    dots=count,
                    objection=objection,
                ),
            )
    elif existing.dots != count:
        touch(session, existing)
        existing.dots = count
    return count


def paper_counts(session: Session, round_id: str) -> dict[tuple[str, bool], int]:
    """The paper dots typed in so far, per (option, objection): what the tally grid shows
    back to the facilitator, without any per-person totals."""
    rows = session.execute(
        select(Vote.option_id, Vote.objection, func.sum(Vote.dots))
        .where(
            Vote.round_id == round_id,
            Vote.source == VoteSource.PAPER,
            Vote.deleted_at.is_(None),
        )
        .group_by(Vote.option_id, Vote.objection)
    )
    return {(option_id, bool(objection)): int(total) for option_id, objection, total in rows}


def anonymous_voter() -> str:
    return "anon-" + uuid.uuid4().hex[:12]


def voter_key_for(session: Session, workshop_id: str, code: str) -> tuple[str, str]:
    """(voter key, participant id) for a participant code typed at the laptop."""
    person = find_by_code(session, workshop_id, code)
    if person.consent is not None and person.consent.withdrawn_at:
        raise ValidationError(
            _("{code} has withdrawn consent and cannot vote.").format(code=person.code)
        )
    return person.id, person.id


def cast_ballot(
    session: Session,
    round_id: str,
    voter_key: str,
    allocation: dict[str, int],
    objections: dict[str, int] | None = None,
    participant_id: str | None = None,
) -> Ballot:
    """One person's dots. A second turn replaces their earlier allocation; the budget and the
    cap are checked here, in the transaction, so no speed of clicking can get round them."""
    row = _open_round(session, round_id)
    objections = {k: v for k, v in (objections or {}).items() if v}
    allocation = {k: v for k, v in allocation.items() if v}
    if any(v < 0 for v in [*allocation.values(), *objections.values()]):
        raise ValidationError(_("Dots cannot be negative."))
    for option_id in [*allocation, *objections]:
        _option(session, round_id, option_id)
    used = sum(allocation.values())
    if used > row.dots_per_person:
        raise ValidationError(
            ngettext("That is {n} dot; ", "That is {n} dots; ", used)
            + ngettext(
                "each person has {n} in this round.",
                "each person has {n} in this round.",
                row.dots_per_person,
            )
        )
    if row.cap_per_option:
        over = [k for k, v in allocation.items() if v > row.cap_per_option]
        if over:
            raise ValidationError(
                ngettext(
                    "At most {n} dot on one option in this round.",
                    "At most {n} dots on one option in this round.",
                    row.cap_per_option,
                )
            )
    if objections and not row.objections:
        raise ValidationError(_("This round has no objection dots."))
    if sum(objections.values()) > OBJECTION_DOTS:
        raise ValidationError(
            ngettext(
                "Each person has {n} objection dot.",
                "Each person has {n} objection dots.",
                OBJECTION_DOTS,
            )
        )
    now = now_iso()
    for vote in session.scalars(
        select(Vote).where(
            Vote.round_id == round_id,
            Vote.voter_key == voter_key,
            Vote.deleted_at.is_(None),
        )
    ):
        touch(session, vote)
        vote.deleted_at = now
    dots_and_objections = [(allocation, False), (objections, True)]
    for placed, objection in dots_and_objections:
        for option_id, dots in placed.items():
            created(
                session,
                Vote(
                    round_id=round_id,
                    option_id=option_id,
                    source=VoteSource.PERSON,
                    voter_key=voter_key,
                    dots=dots,
                    objection=objection,
                ),
            )
    ballot = session.scalars(
        select(Ballot).where(
            Ballot.round_id == round_id,
            Ballot.voter_key == voter_key,
            Ballot.deleted_at.is_(None),
        )
    ).first()
    if ballot is None:
        ballot = created(
            session,
            Ballot(round_id=round_id, voter_key=voter_key, participant_id=participant_id),
        )
    else:
        touch(session, ballot)
        ballot.participant_id = ballot.participant_id or participant_id
    ballot.dots_used = used
    ballot.dots_unused = row.dots_per_person - used
    ballot.objections_used = sum(objections.values())
    return ballot


def place_dot(
    session: Session,
    round_id: str,
    voter_key: str,
    option_id: str,
    delta: int = 1,
    participant_id: str | None = None,
) -> dict[str, int]:
    """One click: add (or with delta -1 take back) a dot, within the budget and the cap."""
    current: dict[str, int] = {}
    objections: dict[str, int] = {}
    for vote in session.scalars(
        select(Vote).where(
            Vote.round_id == round_id,
            Vote.voter_key == voter_key,
            Vote.deleted_at.is_(None),
        )
    ):
        target = objections if vote.objection else current
        target[vote.option_id] = target.get(vote.option_id, 0) + vote.dots
    current[option_id] = current.get(option_id, 0) + delta
    if current[option_id] < 0:
        raise ValidationError(_("There is no dot there to take back."))
    ballot = session.scalars(
        select(Ballot).where(Ballot.round_id == round_id, Ballot.voter_key == voter_key)
    ).first()
    if ballot is not None and ballot.participant_id:
        participant_id = ballot.participant_id
    cast_ballot(session, round_id, voter_key, current, objections, participant_id)
    return {k: v for k, v in current.items() if v}


@dataclass(frozen=True)
class Progress:
    """How far a round has got, without running totals: what the projector may show."""

    voted: int  # people who used a dot at the laptop
    expected: int  # registered participants; 0 when nobody is registered
    paper_dots: int
    laptop_dots: int = 0
    dots_each: int = 0

    @property
    def dots_placed(self) -> int:
        return self.paper_dots + self.laptop_dots

    def text(self) -> str:
        """One line for the room. With paper dots counted the dots are the measure (paper dots
        are anonymous: nobody knows how many people placed them), out of the dots given out
        when the register says how many people there are."""
        if self.paper_dots:
            # More placed than given out does not add up (checks.py flags it to the
            # facilitator); the room is shown only the count, never "32 of 12".
            if self.expected and self.dots_each and self.dots_placed <= self.given:
                line = ngettext(
                    "{placed} of {n} dot placed", "{placed} of {n} dots placed", self.given
                ).replace("{placed}", f"{self.dots_placed:,}")
            else:
                line = ngettext("{n} dot placed", "{n} dots placed", self.dots_placed)
            if self.voted:
                line += " · " + ngettext(
                    "{n} person voted at the laptop", "{n} people voted at the laptop", self.voted
                )
            return line
        if self.expected:
            return ngettext(
                "{voted} of {n} has voted", "{voted} of {n} have voted", self.expected
            ).replace("{voted}", f"{self.voted:,}")
        return ngettext("{n} person has voted", "{n} people have voted", self.voted)

    @property
    def given(self) -> int:
        """The dots given out: each registered person's budget."""
        return self.expected * self.dots_each


def progress(session: Session, round_id: str) -> Progress:
    """What the projector may show while the round is open: never running totals."""
    row = _round(session, round_id)
    ballots, laptop = session.execute(
        select(func.count(), func.coalesce(func.sum(Ballot.dots_used), 0)).where(
            Ballot.round_id == round_id,
            Ballot.deleted_at.is_(None),
            Ballot.dots_used > 0,
        )
    ).one()
    paper = session.scalar(
        select(func.coalesce(func.sum(Vote.dots), 0)).where(
            Vote.round_id == round_id,
            Vote.source == VoteSource.PAPER,
            Vote.objection.is_(False),
            Vote.deleted_at.is_(None),
        )
    )
    return Progress(
        int(ballots or 0),
        registered(session, row.workshop_id),
        int(paper or 0),
        int(laptop or 0),
        row.dots_per_person,
    )
