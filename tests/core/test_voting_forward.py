"""What goes forward from a round: the run-off is of the tie across the cut-off line only and
never of options nobody chose; a near tie is the two sides of that line one dot apart; counts
that cannot be true are flagged (not refused); progress counts paper dots; every counted phrase
reads right at 0, 1 and 2."""

from __future__ import annotations

import pytest

from workshop_app.core.errors import ValidationError
from workshop_app.core.notes import add_note
from workshop_app.core.participants import ParticipantFields, add_participant
from workshop_app.core.voting import (
    Progress,
    RoundInfo,
    cast_ballot,
    close_round,
    create_round,
    dots_rule,
    implausible_counts,
    make_runoff,
    open_round,
    progress,
    record_paper_tally,
    results,
)

LABELS = ["Buses", "Co-op shop", "Fair pay", "High street", "Homes", "Solar roofs", "Wages"]


@pytest.fixture
def round_of(db, workshop, themes):
    """An open round on seven notes with paper counts typed in label order."""

    def make(counts: list[int], dots: int = 2, objections: bool = False, people: int = 0):
        def build(s):
            ids = [add_note(s, workshop.id, t, themes[0].id).id for t in LABELS]
            for _ in range(people):
                add_participant(s, workshop.id, ParticipantFields())
            info = create_round(
                s, workshop.id, "Shortlist", [("note", i) for i in ids], dots, None, "", objections
            )
            open_round(s, info.id)
            for option, n in zip(info.options, counts, strict=False):
                record_paper_tally(s, info.id, option.id, n)
            return info

        return db.run(build)

    return make


def _labels(lines) -> list[str]:
    return [ln.label for ln in lines]


def test_the_runoff_is_of_the_tie_across_the_line_not_the_tie_at_the_top(db, round_of):
    # Buses and Co-op tie for first, but both go forward; Fair pay and High street tie for
    # third, one place left: that tie decides what goes forward.
    info = round_of([9, 9, 5, 5, 2, 0, 0])
    db.run(lambda s: close_round(s, info.id))
    result = db.read(lambda s: results(s, info.id, forward=3))
    assert _labels(result.deciding_tie()) == ["Fair pay", "High street"]
    assert result.places_open() == 1
    runoff = db.run(lambda s: make_runoff(s, info.id, forward=3))
    assert sorted(o.label for o in runoff.options) == ["Fair pay", "High street"]
    assert runoff.dots_per_person == 1 and runoff.suggested_forward() == 1
    # With two going forward, the tie at the top is the one that decides.
    top = db.read(lambda s: results(s, info.id, forward=1))
    assert _labels(top.deciding_tie()) == ["Buses", "Co-op shop"]


def test_no_runoff_among_options_nobody_chose(db, round_of):
    # Only two options got dots; the line for three falls among five options with none.
    info = round_of([4, 3, 0, 0, 0, 0, 0])
    db.run(lambda s: close_round(s, info.id))
    result = db.read(lambda s: results(s, info.id, forward=3))
    assert result.deciding_tie() == [] and result.with_dots() == 2
    assert not any(ln.tied for ln in result.lines), "no dots is not a tie"
    with pytest.raises(ValidationError, match="nothing to run off"):
        db.run(lambda s: make_runoff(s, info.id, forward=3))


def test_a_runoff_for_two_places_gives_two_dots_one_per_option(db, round_of):
    info = round_of([9, 5, 5, 5, 1, 0, 0])
    db.run(lambda s: close_round(s, info.id))
    runoff = db.run(lambda s: make_runoff(s, info.id, forward=3))
    assert len(runoff.options) == 3
    assert (runoff.dots_per_person, runoff.cap_per_option) == (2, 1)


def test_near_tie_is_only_at_the_cut_off_line(db, round_of):
    # Seven options whose counts step down one dot at a time: the old rule (3% of all dots)
    # marked six of them. Now only the last one in and the first one out are near.
    info = round_of([8, 7, 6, 5, 4, 3, 2], dots=5)
    db.run(lambda s: close_round(s, info.id))
    lines = db.read(lambda s: results(s, info.id, forward=3)).lines
    assert [ln.label for ln in lines if ln.near_tie] == ["Fair pay", "High street"]
    # The facilitator says two go forward: the line moves, and the mark with it.
    two = db.read(lambda s: results(s, info.id, forward=2)).lines
    assert [ln.label for ln in two if ln.near_tie] == ["Co-op shop", "Fair pay"]


def test_near_tie_needs_a_dot_on_the_side_left_out(db, round_of):
    info = round_of([5, 3, 1, 0, 0, 0, 0])
    db.run(lambda s: close_round(s, info.id))
    lines = db.read(lambda s: results(s, info.id, forward=3)).lines
    assert not any(ln.near_tie for ln in lines)
    gap = db.read(lambda s: results(s, info.id, forward=1)).lines
    assert not any(ln.near_tie for ln in gap), "5 against 3 is two dots apart"


def test_progress_counts_paper_dots(db, round_of):
    # Seen: "0 of 11 have voted" on the projector after 34 paper dots were recorded.
    info = round_of([10, 8, 6, 4, 3, 2, 1], dots=5, people=11)
    shown = db.read(lambda s: progress(s, info.id)).text()
    assert shown == "34 of 55 dots placed"
    db.run(lambda s: cast_ballot(s, info.id, "v1", {info.options[0].id: 5}))
    shown = db.read(lambda s: progress(s, info.id)).text()
    assert shown == "39 of 55 dots placed · 1 person voted at the laptop"


def test_counts_that_cannot_be_true_are_flagged_not_refused(db, round_of):
    # Four people, two dots each: 8 dots given out; one option has 9 paper dots on it.
    info = round_of([9, 3], dots=2, objections=True, people=4)
    flags = db.read(lambda s: implausible_counts(s, info.id))
    assert (
        flags[0]
        == "12 dots are recorded, but only 8 were given out (4 people are registered, 2 dots each)."
    )
    assert flags[1].startswith("“Buses”: 9 paper dots, more than the registered people")
    ids = [o.id for o in info.options]
    for option in ids[:5]:
        db.run(lambda s, o=option: record_paper_tally(s, info.id, o, 1, objection=True))
    flags = db.read(lambda s: implausible_counts(s, info.id))
    assert (
        "5 objection dots are recorded, but 4 people are registered (one objection dot each)."
        in flags
    )
    # Recounted: the flags go.
    db.run(lambda s: record_paper_tally(s, info.id, ids[0], 4))
    db.run(lambda s: record_paper_tally(s, info.id, ids[0], 0, objection=True))
    assert db.read(lambda s: implausible_counts(s, info.id)) == []
    db.run(lambda s: close_round(s, info.id))


def test_without_a_register_nothing_is_flagged(db, round_of):
    info = round_of([40, 30], dots=1)
    assert db.read(lambda s: implausible_counts(s, info.id)) == []


def _info(dots: int, cap: int | None = None, objections: bool = False) -> RoundInfo:
    return RoundInfo("r", "w", "R", "", dots, cap, objections, "open", False, 0, None, ())


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "0 dots each"),
        (1, "1 dot each; at most 1 dot on one option"),
        (2, "2 dots each; at most 2 dots on one option"),
    ],
)
def test_round_rules_in_both_numbers(n, expected):
    # Seen: "1 dots each".
    assert _info(n, cap=n or None).rules() == expected


def test_objection_rule_reads_in_the_singular():
    assert (
        _info(2, objections=True).rules().endswith("1 red objection dot each, counted separately")
    )


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (0, "0 options: about a third of that, 1 dot each, is suggested."),
        (1, "1 option: about a third of that, 1 dot each, is suggested."),
        (2, "2 options: about a third of that, 1 dot each, is suggested."),
        (6, "6 options: about a third of that, 2 dots each, is suggested."),
    ],
)
def test_dots_rule_in_both_numbers(options, expected):
    assert dots_rule(options) == expected


@pytest.mark.parametrize(
    ("progress_", "expected"),
    [
        (Progress(0, 0, 0), "0 people have voted"),
        (Progress(1, 0, 0), "1 person has voted"),
        (Progress(2, 0, 0), "2 people have voted"),
        (Progress(0, 1, 0), "0 of 1 has voted"),
        (Progress(1, 1, 0), "1 of 1 has voted"),
        (Progress(1, 2, 0), "1 of 2 have voted"),
        (Progress(0, 0, 1), "1 dot placed"),
        (Progress(0, 0, 2), "2 dots placed"),
        (Progress(0, 1, 1, 0, 1), "1 of 1 dot placed"),
        (Progress(0, 2, 1, 0, 1), "1 of 2 dots placed"),
        (Progress(1, 2, 1, 1, 1), "2 of 2 dots placed · 1 person voted at the laptop"),
        (Progress(2, 3, 1, 2, 1), "3 of 3 dots placed · 2 people voted at the laptop"),
        # More placed than given out: the room sees the count only (the facilitator is told).
        (Progress(0, 2, 5, 0, 1), "5 dots placed"),
    ],
)
def test_progress_in_both_numbers(progress_, expected):
    assert progress_.text() == expected


@pytest.mark.parametrize(
    ("dots", "cap", "allocation", "message"),
    [
        (1, None, {0: 2}, "That is 2 dots; each person has 1 in this round."),
        (2, None, {0: 2, 1: 1}, "That is 3 dots; each person has 2 in this round."),
        (2, 1, {0: 2}, "At most 1 dot on one option in this round."),
        (3, 2, {0: 3}, "At most 2 dots on one option in this round."),
    ],
)
def test_budget_refusals_read_right(db, workshop, themes, dots, cap, allocation, message):
    def build(s):
        ids = [add_note(s, workshop.id, t, themes[0].id).id for t in LABELS[:3]]
        info = create_round(s, workshop.id, "R", [("note", i) for i in ids], dots, cap)
        return open_round(s, info.id)

    info = db.run(build)
    alloc = {info.options[k].id: v for k, v in allocation.items()}
    with pytest.raises(ValidationError) as caught:
        db.run(lambda s: cast_ballot(s, info.id, "v1", alloc))
    assert str(caught.value) == message
