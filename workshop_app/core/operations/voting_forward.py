"""Queries and operations on what goes forward from a round: the result counted with the
facilitator's number of places going forward, the run-off of the tie across that line, and
the counts that cannot be true (flagged, never refused)."""

from __future__ import annotations

from workshop_app.core import voting as core
from workshop_app.core.operations import Operation, Query, op, query
from workshop_app.core.voting import Results, RoundInfo


def results(round_id: str, peek: bool = False, forward: int | None = None) -> Query[Results]:
    return query(core.results, round_id, peek=peek, forward=forward)


def make_runoff(round_id: str, forward: int | None = None) -> Operation[RoundInfo]:
    return op("Make a run-off", core.make_runoff, round_id, None, forward)


def implausible_counts(round_id: str) -> Query[list[str]]:
    return query(core.implausible_counts, round_id)
