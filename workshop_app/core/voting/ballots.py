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


def _room_size(session: Session, workshop_id: str) -> int:
    people = session.scalar(
        select(func.count()).where(
            Participant.workshop_id == workshop_id, Participant.deleted_at.is_(None)
        )
    )
    return int(people or 0) or MAX_ROOM


def _open_round(session: Session, round_id: str) -> VotingRound:
    row = _round(session, round_id)
    if row.status != OPEN:
        raise ValidationError(
            "Voting is closed for this round."
            if row.status == CLOSED
            else "Open the round before recording votes."
        )
    return row


def _option(session: Session, round_id: str, option_id: str) -> RoundOption:
    option = session.get(RoundOption, option_id)
    if option is None or option.deleted_at is not None or option.round_id != round_id:
        raise NotFoundError("That option is not in this round.")
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
            f"'{cleaned}' is not a number of dots: type a whole number."
        ) from None
    if value < 0:
        raise ValidationError("A count of dots cannot be negative.")
    return value


def record_paper_tally(
    session: Session, round_id: str, option_id: str, count: int, objection: bool = False
) -> int:
    """The number of paper dots counted on the wall for one option (replacing any earlier
    count for it)."""
    row = _open_round(session, round_id)
    _option(session, round_id, option_id)
    if count < 0:
        raise ValidationError("A count of dots cannot be negative.")
    if objection and not row.objections:
        raise ValidationError("This round has no objection dots.")
    room = _room_size(session, row.workshop_id)
    per_person = OBJECTION_DOTS if objection else (row.cap_per_option or row.dots_per_person)
    if count > room * per_person:
        raise ValidationError(
            f"{count} dots on one option is more than the room could have placed "
            f"({room} people, at most {per_person} each)."
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
        raise ValidationError(f"{person.code} has withdrawn consent and cannot vote.")
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
        raise ValidationError("Dots cannot be negative.")
    for option_id in [*allocation, *objections]:
        _option(session, round_id, option_id)
    used = sum(allocation.values())
    if used > row.dots_per_person:
        raise ValidationError(
            f"That is {used} dots; each person has {row.dots_per_person} in this round."
        )
    if row.cap_per_option:
        over = [k for k, v in allocation.items() if v > row.cap_per_option]
        if over:
            raise ValidationError(f"At most {row.cap_per_option} dots on one option in this round.")
    if objections and not row.objections:
        raise ValidationError("This round has no objection dots.")
    if sum(objections.values()) > OBJECTION_DOTS:
        raise ValidationError(f"Each person has {OBJECTION_DOTS} objection dot.")
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
        raise ValidationError("There is no dot there to take back.")
    ballot = session.scalars(
        select(Ballot).where(Ballot.round_id == round_id, Ballot.voter_key == voter_key)
    ).first()
    if ballot is not None and ballot.participant_id:
        participant_id = ballot.participant_id
    cast_ballot(session, round_id, voter_key, current, objections, participant_id)
    return {k: v for k, v in current.items() if v}


@dataclass(frozen=True)
class Progress:
    voted: int
    expected: int  # registered participants; 0 when nobody is registered
    paper_dots: int

    def text(self) -> str:
        if self.expected:
            return f"{self.voted} of {self.expected} have voted"
        return f"{self.voted} have voted"


def progress(session: Session, round_id: str) -> Progress:
    """What the projector may show while the round is open: never running totals."""
    row = _round(session, round_id)
    ballots = session.scalar(
        select(func.count()).where(
            Ballot.round_id == round_id,
            Ballot.deleted_at.is_(None),
            Ballot.dots_used > 0,
        )
    )
    paper = session.scalar(
        select(func.coalesce(func.sum(Vote.dots), 0)).where(
            Vote.round_id == round_id,
            Vote.source == VoteSource.PAPER,
            Vote.deleted_at.is_(None),
        )
    )
    people = session.scalar(
        select(func.count()).where(
            Participant.workshop_id == row.workshop_id, Participant.deleted_at.is_(None)
        )
    )
    return Progress(int(ballots or 0), int(people or 0), int(paper or 0))
