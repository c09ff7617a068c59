"""Results a room can trust: tallies, ties shown as ties, and the line between what goes forward
and what does not: the tie across that line is the one a run-off settles, and a near tie is
only ever the two sides of it one dot apart."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from workshop_app.core.board import natural_key
from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.voting.ballots import VoteSource
from workshop_app.core.voting.rounds import (
    CLOSED,
    NEAR_TIE_DOTS,
    OBJECTION_DOTS,
    RoundInfo,
    _info,
    _round,
    create_round,
    list_rounds,
)
from workshop_app.i18n import _
from workshop_app.store.models import Ballot, Vote


@dataclass(frozen=True)
class ResultLine:
    option_id: str
    label: str
    target_kind: str
    target_id: str
    dots: int
    paper_dots: int
    share: float
    supporters: int  # distinct people who put a dot on it at the laptop (paper dots are anonymous)
    objections: int
    rank: int
    tied: bool
    near_tie: bool


@dataclass(frozen=True)
class Results:
    round: RoundInfo
    lines: tuple[ResultLine, ...]
    voters: int
    dots_cast: int
    paper_dots: int
    dots_unused: int
    objections_cast: int
    final: bool  # False: a facilitator's deliberate peek at an open round
    rules: dict = field(default_factory=dict)
    forward: int = 1  # how many options go forward (the cut-off line is below that many)

    def deciding_tie(self) -> list[ResultLine]:
        """The tie across the cut-off line: options with the same dots, some of them inside
        the places going forward and some outside. Empty when the line falls between different
        counts, or among options nobody put a dot on (a run-off of those settles nothing)."""
        if not 0 < self.forward < len(self.lines):
            return []
        last_in = self.lines[self.forward - 1]
        first_out = self.lines[self.forward]
        if last_in.dots != first_out.dots or last_in.dots == 0:
            return []
        return [ln for ln in self.lines if ln.dots == last_in.dots]

    def places_open(self) -> int:
        """How many of the deciding tie go forward: the places its run-off fills."""
        tie = self.deciding_tie()
        if not tie:
            return 0
        above = sum(1 for ln in self.lines if ln.dots > tie[0].dots)
        return self.forward - above

    def with_dots(self) -> int:
        """How many options got at least one dot."""
        return sum(1 for ln in self.lines if ln.dots > 0)

    @property
    def dots_per_voter(self) -> float | None:
        return round(self.dots_cast / self.voters, 2) if self.voters else None

    def tie_groups(self) -> list[list[ResultLine]]:
        groups: dict[int, list[ResultLine]] = {}
        for line in self.lines:
            if line.tied:
                groups.setdefault(line.rank, []).append(line)
        return [groups[r] for r in sorted(groups)]

    def as_json(self) -> dict:
        return {
            "version": 1,
            "round": {
                "id": self.round.id,
                "name": self.round.name,
                "status": self.round.status,
                "final": self.final,
            },
            "rules": self.rules,
            "totals": {
                "voters": self.voters,
                "dots_cast": self.dots_cast,
                "paper_dots": self.paper_dots,
                "dots_unused": self.dots_unused,
                "objections": self.objections_cast,
                "dots_per_voter": self.dots_per_voter,
            },
            "results": [
                {
                    "rank": ln.rank,
                    "tied": ln.tied,
                    "near_tie": ln.near_tie,
                    "label": ln.label,
                    "priority": {"kind": ln.target_kind, "id": ln.target_id},
                    "dots": ln.dots,
                    "paper_dots": ln.paper_dots,
                    "share": round(ln.share, 4),
                    "supporters": ln.supporters,
                    "objections": ln.objections,
                }
                for ln in self.lines
            ],
        }


def _tally(session: Session, round_id: str) -> list[tuple[str, bool, int, int, int]]:
    """(option id, objection, dots, paper dots, distinct supporters) over the live votes, summed
    by SQLite: a round of 100,000 dots is tens of thousands of rows, too many to load as objects.
    Supporters are people who put at least one dot on the option at the laptop (paper dots are
    anonymous), counted once however many dots they placed."""
    person_key = case((and_(Vote.source != VoteSource.PAPER, Vote.dots > 0), Vote.voter_key))
    paper_dots = case((Vote.source == VoteSource.PAPER, Vote.dots), else_=0)
    query = (
        select(
            Vote.option_id,
            Vote.objection,
            func.coalesce(func.sum(Vote.dots), 0),
            func.coalesce(func.sum(paper_dots), 0),
            func.count(person_key.distinct()),
        )
        .where(Vote.round_id == round_id, Vote.deleted_at.is_(None))
        .group_by(Vote.option_id, Vote.objection)
    )
    return [
        (option_id, bool(objection), int(summed), int(paper_summed), int(people))
        for option_id, objection, summed, paper_summed, people in session.connection().execute(
            query
        )
    ]


def _ballot_totals(session: Session, round_id: str) -> tuple[int, int]:
    """(voters who used at least one dot, dots left unused) over the round's live ballots."""
    query = select(
        func.count(case((Ballot.dots_used > 0, 1))),
        func.coalesce(func.sum(Ballot.dots_unused), 0),
    ).where(Ballot.round_id == round_id, Ballot.deleted_at.is_(None))
    voters, unused = session.connection().execute(query).one()
    return int(voters), int(unused)


def results(
    session: Session, round_id: str, peek: bool = False, forward: int | None = None
) -> Results:
    """The ranked result. Only a closed round has one, unless the facilitator peeks on purpose.
    `forward` is how many options go forward (the round's suggestion when None)."""
    row = _round(session, round_id)
    if row.status != CLOSED and not peek:
        raise ValidationError(
            _(
                "The round is still open: results are shown when it closes (the facilitator can "
                "peek on purpose)."
            )
        )
    info = _info(session, row)
    # The sums below run on the connection, which does not autoflush: send this
    # transaction's pending votes and ballots first, so a peek sees the latest click.
    session.flush()
    dots: dict[str, int] = {o.id: 0 for o in info.options}
    paper: dict[str, int] = dict.fromkeys(dots, 0)
    objections: dict[str, int] = dict.fromkeys(dots, 0)
    supporters: dict[str, int] = dict.fromkeys(dots, 0)
    for option_id, objection, summed, paper_summed, people in _tally(session, round_id):
        if option_id not in dots:
            continue  # a vote on an option taken out of the round
        if objection:
            objections[option_id] += summed
            continue
        dots[option_id] += summed
        paper[option_id] += paper_summed
        supporters[option_id] += people
    total = sum(dots.values())
    # Equal dots read in the order people count (Option 2 before Option 10).
    ordered = sorted(info.options, key=lambda o: (-dots[o.id], natural_key(o.label), o.id))
    counts = [dots[o.id] for o in ordered]
    if forward is None:
        forward = info.suggested_forward()
    forward = max(1, min(forward, len(ordered)))
    near = _near_tie_counts(counts, forward)
    lines = []
    for option in ordered:
        d = dots[option.id]
        rank = 1 + sum(1 for c in counts if c > d)  # ties share a rank: 1, 1, 3
        # Options nobody chose are not "tied": there is nothing between them to settle.
        tied = d > 0 and counts.count(d) > 1
        lines.append(
            ResultLine(
                option.id,
                option.label,
                option.target_kind,
                option.target_id,
                d,
                paper[option.id],
                d / total if total else 0.0,
                supporters[option.id],
                objections[option.id],
                rank,
                tied,
                not tied and d in near,
            )
        )
    voters, dots_unused = _ballot_totals(session, round_id)
    rules = {
        "dots_per_person": row.dots_per_person,
        "cap_per_option": row.cap_per_option,
        "criterion": row.criterion,
        "objection_dots": OBJECTION_DOTS if row.objections else 0,
        "options": len(info.options),
        "near_tie_margin": NEAR_TIE_DOTS,
        "going_forward": forward,
    }
    return Results(
        info,
        tuple(lines),
        voters,
        total,
        sum(paper.values()),
        dots_unused,
        sum(objections.values()),
        row.status == CLOSED,
        rules,
        forward,
    )


def _near_tie_counts(counts: list[int], forward: int) -> set[int]:
    """The dot counts marked as a near tie: the last option going forward and the first one
    left out, when they are NEAR_TIE_DOTS apart and the one left out has a dot at all. Any
    other gap decides nothing, so it is not flagged."""
    if not 0 < forward < len(counts):
        return set()
    last_in, first_out = counts[forward - 1], counts[forward]
    if first_out > 0 and 0 < last_in - first_out <= NEAR_TIE_DOTS:
        return {last_in, first_out}
    return set()


def make_runoff(
    session: Session, round_id: str, name: str | None = None, forward: int | None = None
) -> RoundInfo:
    """A new round of only the options tied across the cut-off line (when `forward` of them go
    forward), in one action: one dot per place still open, at most one on each option."""
    row = _round(session, round_id)
    result = results(session, round_id, forward=forward)
    tied = result.deciding_tie()
    if not tied:
        raise ValidationError(
            _("No tie decides what goes forward in this round: there is nothing to run off.")
        )
    places = result.places_open()
    targets = [(ln.target_kind, ln.target_id) for ln in tied]
    return create_round(
        session,
        row.workshop_id,
        name or _("{round}: run-off").format(round=row.name),
        targets,
        dots_per_person=places,
        cap_per_option=1 if places > 1 else None,
        criterion=row.criterion,
        objections=False,
        runoff_of=row.id,
    )


def find_round(session: Session, workshop_id: str, name: str | None) -> RoundInfo:
    """By name, or the latest closed round when no name is given."""
    rounds = list_rounds(session, workshop_id)
    if name is not None:
        for r in rounds:
            if r.name.casefold() == name.strip().casefold():
                return r
        names = ", ".join(r.name for r in rounds) or _("none yet")
        raise NotFoundError(
            _("No round called '{name}' (rounds: {names}).").format(name=name, names=names)
        )
    closed = [r for r in rounds if r.status == CLOSED]
    if not closed:
        raise NotFoundError(_("This workshop has no closed voting round yet."))
    return closed[-1]
