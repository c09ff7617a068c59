"""Dot-voting a room can trust: rounds with budgets and caps, paper tallies and per-person
ballots, blind until revealed, results with ties shown as ties, and run-offs.

Rules live here, Qt-free; every function takes a Session and raises a one-line domain error.
`rounds` holds a round's rules and life, `ballots` the dots placed on it, `results` the count.
Callers use the names re-exported here (`voting.results(...)` is the function: it is bound
after the submodule of the same name is imported, so it wins).
"""

from workshop_app.core.voting.ballots import (
    Progress,
    VoteSource,
    anonymous_voter,
    cast_ballot,
    paper_counts,
    parse_count,
    place_dot,
    progress,
    record_paper_tally,
    registered,
    voter_key_for,
)
from workshop_app.core.voting.checks import implausible_counts
from workshop_app.core.voting.results import (
    ResultLine,
    Results,
    find_round,
    make_runoff,
    results,
)
from workshop_app.core.voting.rounds import (
    CLOSED,
    DEFAULT_FORWARD,
    MAX_DOTS,
    MAX_NAME_CHARS,
    MAX_ROOM,
    NEAR_TIE_DOTS,
    OBJECTION_DOTS,
    OPEN,
    SETUP,
    OptionInfo,
    RoundInfo,
    close_round,
    create_round,
    dots_rule,
    get_round,
    list_rounds,
    open_round,
    options_from_board,
    reopen_for_changes,
    reveal,
    set_options,
    set_rules,
    suggested_dots,
)

__all__ = [
    "CLOSED",
    "DEFAULT_FORWARD",
    "MAX_DOTS",
    "MAX_NAME_CHARS",
    "MAX_ROOM",
    "NEAR_TIE_DOTS",
    "OBJECTION_DOTS",
    "OPEN",
    "SETUP",
    "OptionInfo",
    "Progress",
    "ResultLine",
    "Results",
    "RoundInfo",
    "VoteSource",
    "anonymous_voter",
    "cast_ballot",
    "close_round",
    "create_round",
    "dots_rule",
    "find_round",
    "get_round",
    "implausible_counts",
    "list_rounds",
    "make_runoff",
    "open_round",
    "options_from_board",
    "paper_counts",
    "parse_count",
    "place_dot",
    "progress",
    "record_paper_tally",
    "registered",
    "reopen_for_changes",
    "results",
    "reveal",
    "set_options",
    "set_rules",
    "suggested_dots",
    "voter_key_for",
]
