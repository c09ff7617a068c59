"""Operations and queries on voting rounds: setting up, opening, ballots, paper tallies,
closing, revealing and run-offs."""

from __future__ import annotations

from sqlalchemy.orm import Session

from workshop_app.core import voting as core
from workshop_app.core.operations import Operation, Query, op, query
from workshop_app.core.voting import Progress, Results, RoundInfo

Targets = list[tuple[str, str]]


def list_rounds(workshop_id: str) -> Query[list[RoundInfo]]:
    return query(core.list_rounds, workshop_id)


def progress(round_id: str) -> Query[Progress]:
    return query(core.progress, round_id)


def results(round_id: str, peek: bool = False) -> Query[Results]:
    return query(core.results, round_id, peek=peek)


def paper_counts(round_id: str) -> Query[dict[tuple[str, bool], int]]:
    return query(core.paper_counts, round_id)


def voter_key_for(workshop_id: str, code: str) -> Query[tuple[str, str]]:
    return query(core.voter_key_for, workshop_id, code)


def options_from_board(workshop_id: str, theme_ids: list[str]) -> Query[Targets]:
    return query(core.options_from_board, workshop_id, theme_ids)


def create_round(
    workshop_id: str,
    name: str,
    targets: Targets,
    dots: int,
    cap: int | None,
    criterion: str,
    objections: bool,
) -> Operation[RoundInfo]:
    return op(
        "New voting round",
        core.create_round,
        workshop_id,
        name,
        targets,
        dots,
        cap,
        criterion,
        objections,
    )


def _change_round(
    session: Session,
    round_id: str,
    targets: Targets,
    dots: int,
    cap: int | None,
    criterion: str,
    objections: bool,
) -> RoundInfo:
    core.set_options(session, round_id, targets)
    return core.set_rules(session, round_id, dots, cap, criterion, objections)


def change_round(
    round_id: str, targets: Targets, dots: int, cap: int | None, criterion: str, objections: bool
) -> Operation[RoundInfo]:
    """New options and rules for a round still being set up, as one undoable step."""
    return op(
        "Change voting round", _change_round, round_id, targets, dots, cap, criterion, objections
    )


def open_round(round_id: str) -> Operation[RoundInfo]:
    return op("Open voting", core.open_round, round_id)


def close_round(round_id: str) -> Operation[RoundInfo]:
    return op("Close voting", core.close_round, round_id)


def reveal(round_id: str) -> Operation[RoundInfo]:
    return op("Reveal results", core.reveal, round_id)


def make_runoff(round_id: str) -> Operation[RoundInfo]:
    return op("Make a run-off", core.make_runoff, round_id)


def reopen_for_changes(round_id: str) -> Operation[RoundInfo]:
    return op("Reopen round", core.reopen_for_changes, round_id)


def _record_paper(
    session: Session, round_id: str, option_id: str, typed: str, objection: bool
) -> int:
    return core.record_paper_tally(session, round_id, option_id, core.parse_count(typed), objection)


def record_paper_dots(round_id: str, option_id: str, typed: str, objection: bool) -> Operation[int]:
    """The count typed for one option's paper dots (checked here, so a typo is one clear
    error); returns the count now recorded."""
    return op("Record paper dots", _record_paper, round_id, option_id, typed, objection)


def _cast(
    session: Session,
    round_id: str,
    voter_key: str,
    allocation: dict[str, int],
    objections: dict[str, int],
    participant_id: str | None,
) -> None:
    # The stored ballot stays in core: screens re-read the progress instead.
    core.cast_ballot(session, round_id, voter_key, allocation, objections, participant_id)


def cast_ballot(
    round_id: str,
    voter_key: str,
    allocation: dict[str, int],
    objections: dict[str, int],
    participant_id: str | None,
    shown_as: str,
) -> Operation[None]:
    return op(
        f"Ballot of {shown_as}",
        _cast,
        round_id,
        voter_key,
        allocation,
        objections,
        participant_id,
    )


def _projector_view(session: Session, round_id: str) -> tuple[RoundInfo, Progress, Results | None]:
    info = core.get_round(session, round_id)
    shown = core.results(session, round_id) if info.revealed else None
    return info, core.progress(session, round_id), shown


def projector_view(round_id: str) -> Query[tuple[RoundInfo, Progress, Results | None]]:
    """What the projector shows of a round: the results only once they are revealed."""
    return query(_projector_view, round_id)
