"""Voting rounds: their rules, options and life (set up, open, closed, revealed)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workshop_app.core.board import load_board
from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.records import created, now_iso, touch
from workshop_app.core.workshops import get_workshop_record
from workshop_app.i18n import _, ngettext
from workshop_app.store.models import RoundOption, Vote, VotingRound

MAX_NAME_CHARS = 120
MAX_DOTS = 50
# Without a register the room size is unknown: this bounds a typed paper count.
MAX_ROOM = 500
OBJECTION_DOTS = 1
# A near tie is at the cut-off line only: the last option going forward and the first left out,
# when they are this many dots apart (and the one left out has a dot at all).
NEAR_TIE_DOTS = 1
# How many options go forward when the facilitator has not said: the top three priorities.
DEFAULT_FORWARD = 3
SETUP, OPEN, CLOSED = "setup", "open", "closed"


def suggested_dots(option_count: int) -> int:
    """About a third of the options (at least one): enough to express priorities, few enough
    to force a choice."""
    return max(1, round(option_count / 3))


def dots_rule(option_count: int) -> str:
    options = ngettext("{n} option", "{n} options", option_count)
    dots = ngettext("{n} dot each", "{n} dots each", suggested_dots(option_count))
    return _("{options}: about a third of that, {dots}, is suggested.").format(
        options=options, dots=dots
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
        parts = [ngettext("{n} dot each", "{n} dots each", self.dots_per_person)]
        if self.cap_per_option:
            parts.append(
                ngettext(
                    "at most {n} dot on one option",
                    "at most {n} dots on one option",
                    self.cap_per_option,
                )
            )
        if self.criterion:
            parts.append(_("criterion: {criterion}").format(criterion=self.criterion))
        if self.objections:
            parts.append(
                ngettext(
                    "{n} red objection dot each, counted separately",
                    "{n} red objection dots each, counted separately",
                    OBJECTION_DOTS,
                )
            )
        return "; ".join(parts)

    def suggested_forward(self) -> int:
        """How many options go forward unless the facilitator says otherwise: a run-off fills
        the places its tie left open (one dot per place), any other round sends its top three
        (never all of its options)."""
        wanted = self.dots_per_person if self.runoff_of else DEFAULT_FORWARD
        return max(1, min(wanted, len(self.options) - 1))


def _round(session: Session, round_id: str) -> VotingRound:
    row = session.get(VotingRound, round_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(_("That voting round no longer exists."))
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
            labels.append(board.clusters[target_id].name or _("(unnamed cluster)"))
        elif kind == "note" and target_id in board.cards:
            labels.append(board.cards[target_id].text)
        else:
            raise ValidationError(
                _("An option is no longer on the board; choose the options again.")
            )
    return labels


def _check_rules(dots: int, cap: int | None) -> None:
    if not 1 <= dots <= MAX_DOTS:
        raise ValidationError(
            _("Dots per person must be between 1 and {most}.").format(most=MAX_DOTS)
        )
    if cap is not None and not 1 <= cap <= dots:
        raise ValidationError(_("The cap per option must be between 1 and the dots per person."))


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
        raise ValidationError(
            ngettext(
                "Give the round a name (at most {n} character).",
                "Give the round a name (at most {n} characters).",
                MAX_NAME_CHARS,
            )
        )
    taken = session.scalar(
        select(func.count()).where(
            VotingRound.workshop_id == workshop_id,
            VotingRound.name == name,
            VotingRound.deleted_at.is_(None),
        )
    )
    if taken:
        raise ValidationError(
            _("This workshop already has a round called '{name}'.").format(name=name)
        )
    targets = list(dict.fromkeys(targets))
    if len(targets) < 2:
        raise ValidationError(_("A vote needs at least two options."))
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
            _("The options are locked while the round is open: reopen it to change them.")
        )
    targets = list(dict.fromkeys(targets))
    if len(targets) < 2:
        raise ValidationError(_("A vote needs at least two options."))
    current = {(o.target_kind, o.target_id): o for o in _options(session, round_id)}
    voted = _voted_option_ids(session, round_id)
    for key, option in current.items():
        if key not in targets:
            if option.id in voted:
                raise ValidationError(
                    _("'{option}' already has dots: it cannot be taken out of the round.").format(
                        option=option.label[:40]
                    )
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
        raise ValidationError(_("The rules are locked while the round is open: reopen it first."))
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
        raise ValidationError(_("This round is closed; make a new round (or a run-off) instead."))
    if len(_options(session, round_id)) < 2:
        raise ValidationError(_("A vote needs at least two options."))
    touch(session, row)
    row.status = OPEN
    row.opened_at = row.opened_at or now_iso()
    return _info(session, row)


def reopen_for_changes(session: Session, round_id: str) -> RoundInfo:
    """Unlock an open round's options and rules; the room is told, and it is counted."""
    row = _round(session, round_id)
    if row.status != OPEN:
        raise ValidationError(_("Only an open round can be reopened for changes."))
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


def close_round(session: Session, round_id: str) -> RoundInfo:
    row = _round(session, round_id)
    if row.status == CLOSED:
        return _info(session, row)
    if row.status != OPEN:
        raise ValidationError(_("Open the round before closing it."))
    if not _any_dots(session, round_id):
        raise ValidationError(
            _(
                "Nobody has voted in this round yet: record the paper dots or let people vote "
                "before closing it."
            )
        )
    touch(session, row)
    row.status = CLOSED
    row.closed_at = now_iso()
    return _info(session, row)


def reveal(session: Session, round_id: str) -> RoundInfo:
    row = _round(session, round_id)
    if row.status != CLOSED:
        raise ValidationError(_("Close the round before revealing the result."))
    if not row.revealed:
        touch(session, row)
        row.revealed = True
    return _info(session, row)
