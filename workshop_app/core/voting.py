"""Dot-voting a room can trust: rounds with budgets and caps, paper tallies and per-person
ballots, blind until revealed, results with ties shown as ties, and run-offs.

Rules live here, Qt-free; every function takes a Session and raises a one-line domain error.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session

from workshop_app.core.board import load_board
from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.participants import find_by_code
from workshop_app.core.records import created, now_iso, touch
from workshop_app.core.workshops import get_workshop_record
from workshop_app.store.models import Ballot, Participant, RoundOption, Vote, VotingRound

MAX_NAME_CHARS = 120
MAX_DOTS = 50
# Without a register the room size is unknown: this bounds a typed paper count.
MAX_ROOM = 500
OBJECTION_DOTS = 1
NEAR_TIE_SHARE = 0.03  # options within 3% of all dots (and at least one dot) are near-ties
SETUP, OPEN, CLOSED = "setup", "open", "closed"


def suggested_dots(option_count: int) -> int:
    """About a third of the options (at least one): enough to express priorities, few enough
    to force a choice."""
    return max(1, round(option_count / 3))


def dots_rule(option_count: int) -> str:
    return (
        f"{option_count} options: about a third of that, {suggested_dots(option_count)} "
        "dots each, is suggested."
    )


@dataclass(frozen=True)
class OptionInfo:
    id: str
    target_kind: str
    target_id: str
    label: str


@dataclass(frozen=True)
class RoundInfo:
    id: str
    workshop_id: str
    name: str
    criterion: str
    dots_per_person: int
    cap_per_option: int | None
    objections: bool
    status: str
    revealed: bool
    reopened: int
    runoff_of: str | None
    options: tuple[OptionInfo, ...]

    def rules(self) -> str:
        parts = [f"{self.dots_per_person} dots each"]
        if self.cap_per_option:
            parts.append(f"at most {self.cap_per_option} on one option")
        if self.criterion:
            parts.append(f"criterion: {self.criterion}")
        if self.objections:
            parts.append(f"{OBJECTION_DOTS} red objection dot each, counted separately")
        return "; ".join(parts)


def _round(session: Session, round_id: str) -> VotingRound:
    row = session.get(VotingRound, round_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError("That voting round no longer exists.")
    return row


def _options(session: Session, round_id: str) -> list[RoundOption]:
    return list(
        session.scalars(
            select(RoundOption)
            .where(RoundOption.round_id == round_id, RoundOption.deleted_at.is_(None))
            .order_by(RoundOption.position)
        )
    )


def _info(session: Session, r: VotingRound) -> RoundInfo:
    options = tuple(
        OptionInfo(o.id, o.target_kind, o.target_id, o.label) for o in _options(session, r.id)
    )
    return RoundInfo(
        r.id,
        r.workshop_id,
        r.name,
        r.criterion,
        r.dots_per_person,
        r.cap_per_option,
        r.objections,
        r.status,
        r.revealed,
        r.reopened,
        r.runoff_of,
        options,
    )


def get_round(session: Session, round_id: str) -> RoundInfo:
    return _info(session, _round(session, round_id))


def list_rounds(session: Session, workshop_id: str) -> list[RoundInfo]:
    rows = session.scalars(
        select(VotingRound)
        .where(VotingRound.workshop_id == workshop_id, VotingRound.deleted_at.is_(None))
        .order_by(VotingRound.seq)
    )
    return [_info(session, r) for r in rows]


def options_from_board(
    session: Session, workshop_id: str, theme_ids: list[str] | None = None
) -> list[tuple[str, str]]:
    """Clusters and unclustered notes of the chosen themes (all themes when None)."""
    board = load_board(session, workshop_id)
    wanted = set(theme_ids) if theme_ids is not None else {t.id for t in board.themes}
    out: list[tuple[str, str]] = []
    for theme in board.themes:
        if theme.id not in wanted:
            continue
        out.extend(("cluster", c.id) for c in board.clusters.values() if c.theme_id == theme.id)
        out.extend(
            ("note", c.id)
            for c in board.cards.values()
            if c.theme_id == theme.id and c.cluster_id is None
        )
    return out


def _labels(session: Session, workshop_id: str, targets: list[tuple[str, str]]) -> list[str]:
    board = load_board(session, workshop_id)
    labels = []
    for kind, target_id in targets:
        if kind == "cluster" and target_id in board.clusters:
            labels.append(board.clusters[target_id].name or "(unnamed cluster)")
        elif kind == "note" and target_id in board.cards:
            labels.append(board.cards[target_id].text)
        else:
            raise ValidationError("An option is no longer on the board; choose the options again.")
    return labels


def _check_rules(dots: int, cap: int | None) -> None:
    if not 1 <= dots <= MAX_DOTS:
        raise ValidationError(f"Dots per person must be between 1 and {MAX_DOTS}.")
    if cap is not None and not 1 <= cap <= dots:
        raise ValidationError("The cap per option must be between 1 and the dots per person.")


def create_round(
    session: Session,
    workshop_id: str,
    name: str,
    targets: list[tuple[str, str]],
    dots_per_person: int | None = None,
    cap_per_option: int | None = None,
    criterion: str = "",
    objections: bool = False,
    runoff_of: str | None = None,
) -> RoundInfo:
    get_workshop_record(session, workshop_id)
    name = name.strip()
    if not name or len(name) > MAX_NAME_CHARS:
        raise ValidationError(f"Give the round a name (at most {MAX_NAME_CHARS} characters).")
    taken = session.scalar(
        select(func.count()).where(
            VotingRound.workshop_id == workshop_id,
            VotingRound.name == name,
            VotingRound.deleted_at.is_(None),
        )
    )
    if taken:
        raise ValidationError(f"This workshop already has a round called '{name}'.")
    targets = list(dict.fromkeys(targets))
    if len(targets) < 2:
        raise ValidationError("A vote needs at least two options.")
    dots = dots_per_person or suggested_dots(len(targets))
    _check_rules(dots, cap_per_option)
    row = created(
        session,
        VotingRound(
            workshop_id=workshop_id,
            name=name,
            criterion=criterion.strip(),
            dots_per_person=dots,
            cap_per_option=cap_per_option,
            objections=objections,
            status=SETUP,
            runoff_of=runoff_of,
        ),
    )
    _write_options(session, row, targets)
    return _info(session, row)


def _write_options(session: Session, row: VotingRound, targets: list[tuple[str, str]]) -> None:
    labels = _labels(session, row.workshop_id, targets)
    for position, ((kind, target_id), label) in enumerate(zip(targets, labels, strict=True)):
        created(
            session,
            RoundOption(
                round_id=row.id,
                target_kind=kind,
                target_id=target_id,
                label=label,
                position=position,
            ),
        )


def set_options(session: Session, round_id: str, targets: list[tuple[str, str]]) -> RoundInfo:
    """Change the option list: only while the round is being set up (or reopened for it)."""
    row = _round(session, round_id)
    if row.status != SETUP:
        raise ValidationError(
            "The options are locked while the round is open: reopen it to change them."
        )
    targets = list(dict.fromkeys(targets))
    if len(targets) < 2:
        raise ValidationError("A vote needs at least two options.")
    current = {(o.target_kind, o.target_id): o for o in _options(session, round_id)}
    voted = _voted_option_ids(session, round_id)
    for key, option in current.items():
        if key not in targets:
            if option.id in voted:
                raise ValidationError(
                    f"'{option.label[:40]}' already has dots: it cannot be taken out of the round."
                )
            touch(session, option)
            option.deleted_at = now_iso()
    new = [t for t in targets if t not in current]
    if new:
        labels = _labels(session, row.workshop_id, new)
        start = len(current)
        for i, ((kind, target_id), label) in enumerate(zip(new, labels, strict=True)):
            created(
                session,
                RoundOption(
                    round_id=row.id,
                    target_kind=kind,
                    target_id=target_id,
                    label=label,
                    position=start + i,
                ),
            )
    return _info(session, row)


def set_rules(
    session: Session,
    round_id: str,
    dots_per_person: int,
    cap_per_option: int | None,
    criterion: str,
    objections: bool,
) -> RoundInfo:
    row = _round(session, round_id)
    if row.status != SETUP:
        raise ValidationError("The rules are locked while the round is open: reopen it first.")
    _check_rules(dots_per_person, cap_per_option)
    touch(session, row)
    row.dots_per_person = dots_per_person
    row.cap_per_option = cap_per_option
    row.criterion = criterion.strip()
    row.objections = objections
    return _info(session, row)


def open_round(session: Session, round_id: str) -> RoundInfo:
    row = _round(session, round_id)
    if row.status == OPEN:
        return _info(session, row)
    if row.status == CLOSED:
        raise ValidationError("This round is closed; make a new round (or a run-off) instead.")
    if len(_options(session, round_id)) < 2:
        raise ValidationError("A vote needs at least two options.")
    touch(session, row)
    row.status = OPEN
    row.opened_at = row.opened_at or now_iso()
    return _info(session, row)


def reopen_for_changes(session: Session, round_id: str) -> RoundInfo:
    """Unlock an open round's options and rules; the room is told, and it is counted."""
    row = _round(session, round_id)
    if row.status != OPEN:
        raise ValidationError("Only an open round can be reopened for changes.")
    touch(session, row)
    row.status = SETUP
    row.reopened += 1
    return _info(session, row)


def _voted_option_ids(session: Session, round_id: str) -> set[str]:
    return set(
        session.scalars(
            select(Vote.option_id)
            .where(Vote.round_id == round_id, Vote.deleted_at.is_(None), Vote.dots > 0)
            .distinct()
        )
    )


def _any_dots(session: Session, round_id: str) -> bool:
    return (
        session.scalar(
            select(Vote.id)
            .where(Vote.round_id == round_id, Vote.deleted_at.is_(None), Vote.dots != 0)
            .limit(1)
        )
        is not None
    )


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
            Vote.source == "paper",
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
                    source="paper",
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
        .where(Vote.round_id == round_id, Vote.source == "paper", Vote.deleted_at.is_(None))
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
            Vote.round_id == round_id, Vote.voter_key == voter_key, Vote.deleted_at.is_(None)
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
                    source="person",
                    voter_key=voter_key,
                    dots=dots,
                    objection=objection,
                ),
            )
    ballot = session.scalars(
        select(Ballot).where(
            Ballot.round_id == round_id, Ballot.voter_key == voter_key, Ballot.deleted_at.is_(None)
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
            Vote.round_id == round_id, Vote.voter_key == voter_key, Vote.deleted_at.is_(None)
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
            Ballot.round_id == round_id, Ballot.deleted_at.is_(None), Ballot.dots_used > 0
        )
    )
    paper = session.scalar(
        select(func.coalesce(func.sum(Vote.dots), 0)).where(
            Vote.round_id == round_id, Vote.source == "paper", Vote.deleted_at.is_(None)
        )
    )
    people = session.scalar(
        select(func.count()).where(
            Participant.workshop_id == row.workshop_id, Participant.deleted_at.is_(None)
        )
    )
    return Progress(int(ballots or 0), int(people or 0), int(paper or 0))


def close_round(session: Session, round_id: str) -> RoundInfo:
    row = _round(session, round_id)
    if row.status == CLOSED:
        return _info(session, row)
    if row.status != OPEN:
        raise ValidationError("Open the round before closing it.")
    if not _any_dots(session, round_id):
        raise ValidationError(
            "Nobody has voted in this round yet: record the paper dots or let people vote "
            "before closing it."
        )
    touch(session, row)
    row.status = CLOSED
    row.closed_at = now_iso()
    return _info(session, row)


def reveal(session: Session, round_id: str) -> RoundInfo:
    row = _round(session, round_id)
    if row.status != CLOSED:
        raise ValidationError("Close the round before revealing the result.")
    if not row.revealed:
        touch(session, row)
        row.revealed = True
    return _info(session, row)


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
    person_key = case((and_(Vote.source != "paper", Vote.dots > 0), Vote.voter_key))
    paper_dots = case((Vote.source == "paper", Vote.dots), else_=0)
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


def results(session: Session, round_id: str, peek: bool = False) -> Results:
    """The ranked result. Only a closed round has one, unless the facilitator peeks on purpose."""
    row = _round(session, round_id)
    if row.status != CLOSED and not peek:
        raise ValidationError(
            "The round is still open: results are shown when it closes (the facilitator can "
            "peek on purpose)."
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
    ordered = sorted(info.options, key=lambda o: (-dots[o.id], o.label.casefold(), o.id))
    counts = [dots[o.id] for o in ordered]
    margin = max(1, round(NEAR_TIE_SHARE * total))
    lines = []
    for i, option in enumerate(ordered):
        d = dots[option.id]
        rank = 1 + sum(1 for c in counts if c > d)  # ties share a rank: 1, 1, 3
        tied = counts.count(d) > 1
        neighbours = [counts[j] for j in (i - 1, i + 1) if 0 <= j < len(counts)]
        near = not tied and any(c != d and abs(c - d) <= margin for c in neighbours)
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
                near,
            )
        )
    voters, dots_unused = _ballot_totals(session, round_id)
    rules = {
        "dots_per_person": row.dots_per_person,
        "cap_per_option": row.cap_per_option,
        "criterion": row.criterion,
        "objection_dots": OBJECTION_DOTS if row.objections else 0,
        "options": len(info.options),
        "near_tie_margin": margin,
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
    )


def make_runoff(session: Session, round_id: str, name: str | None = None) -> RoundInfo:
    """A new round of only the options in the highest-placed tie (for first place, or for the
    last place that goes forward), one dot each, in one action."""
    row = _round(session, round_id)
    result = results(session, round_id)
    groups = result.tie_groups()
    if not groups:
        raise ValidationError("There is no tie in this round to run off.")
    tied = groups[0]
    targets = [(ln.target_kind, ln.target_id) for ln in tied]
    return create_round(
        session,
        row.workshop_id,
        name or f"{row.name}: run-off",
        targets,
        dots_per_person=1,
        cap_per_option=None,
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
        names = ", ".join(r.name for r in rounds) or "none yet"
        raise NotFoundError(f"No round called '{name}' (rounds: {names}).")
    closed = [r for r in rounds if r.status == CLOSED]
    if not closed:
        raise NotFoundError("This workshop has no closed voting round yet.")
    return closed[-1]
