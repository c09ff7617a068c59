"""Dot-voting rules: budgets, caps, replacing a turn, paper and per-person votes together, blind
rounds, ties and near-ties, objection dots and run-offs."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop_app.core.errors import ValidationError
from workshop_app.core.notes import add_note
from workshop_app.core.voting import (
    anonymous_voter,
    cast_ballot,
    close_round,
    create_round,
    make_runoff,
    open_round,
    options_from_board,
    parse_count,
    place_dot,
    progress,
    record_paper_tally,
    reopen_for_changes,
    results,
    reveal,
    set_options,
    suggested_dots,
)


@pytest.fixture
def option_notes(db, workshop, themes):
    texts = ["Evening buses", "Warm homes", "Youth club", "Market day", "Real Living Wage"]
    return [db.run(lambda s, t=t: add_note(s, workshop.id, t, themes[0].id)).id for t in texts]


@pytest.fixture
def open_vote(db, workshop, option_notes):
    def make(name="Shortlist", **rules):
        targets = [("note", n) for n in option_notes]
        info = db.run(lambda s: create_round(s, workshop.id, name, targets, **rules))
        return db.run(lambda s: open_round(s, info.id))

    return make


def _ids(info):
    return [o.id for o in info.options]


def test_suggested_dots_are_about_a_third_of_the_options():
    assert [suggested_dots(n) for n in (1, 2, 5, 9, 12, 30)] == [1, 1, 2, 3, 4, 10]


def test_a_round_defaults_to_the_suggested_budget(db, workshop, option_notes):
    targets = options_from_board_all(db, workshop)
    info = db.run(lambda s: create_round(s, workshop.id, "All", targets))
    assert info.dots_per_person == suggested_dots(len(targets))
    assert info.status == "setup"


def options_from_board_all(db, workshop):
    return db.read(lambda s: options_from_board(s, workshop.id))


def test_budget_and_cap_are_enforced(db, open_vote):
    info = open_vote(dots_per_person=3, cap_per_option=2)
    a, b, c = _ids(info)[:3]
    with pytest.raises(ValidationError, match="each person has 3"):
        db.run(lambda s: cast_ballot(s, info.id, "v1", {a: 2, b: 2}))
    with pytest.raises(ValidationError, match="At most 2"):
        db.run(lambda s: cast_ballot(s, info.id, "v1", {a: 3}))
    db.run(lambda s: cast_ballot(s, info.id, "v1", {a: 2, c: 1}))


def test_a_second_turn_replaces_the_first_and_unused_dots_are_recorded(db, open_vote):
    info = open_vote(dots_per_person=3)
    a, b = _ids(info)[:2]
    db.run(lambda s: cast_ballot(s, info.id, "v1", {a: 3}))
    ballot = db.run(lambda s: cast_ballot(s, info.id, "v1", {b: 1}))
    assert (ballot.dots_used, ballot.dots_unused) == (1, 2)
    db.run(lambda s: close_round(s, info.id))
    result = db.read(lambda s: results(s, info.id))
    by_id = {ln.option_id: ln for ln in result.lines}
    assert by_id[a].dots == 0 and by_id[b].dots == 1
    assert result.voters == 1 and result.dots_unused == 2


def test_paper_and_per_person_votes_add_up_and_ties_are_ties(db, open_vote):
    info = open_vote(dots_per_person=2)
    a, b, c = _ids(info)[:3]
    db.run(lambda s: record_paper_tally(s, info.id, a, 4))
    db.run(lambda s: record_paper_tally(s, info.id, b, 3))
    db.run(lambda s: cast_ballot(s, info.id, anonymous_voter(), {b: 1, c: 1}))
    db.run(lambda s: close_round(s, info.id))
    result = db.read(lambda s: results(s, info.id))
    top = result.lines[:2]
    assert {ln.option_id for ln in top} == {a, b}
    assert all(ln.rank == 1 and ln.tied for ln in top)
    assert result.lines[2].rank == 3
    assert result.dots_cast == 9 and result.paper_dots == 7
    assert result.tie_groups()[0][0].dots == 4


def test_near_ties_are_marked(db, open_vote):
    info = open_vote(dots_per_person=1)
    a, b, c = _ids(info)[:3]
    db.run(lambda s: record_paper_tally(s, info.id, a, 10))
    db.run(lambda s: record_paper_tally(s, info.id, b, 9))
    db.run(lambda s: record_paper_tally(s, info.id, c, 2))
    db.run(lambda s: close_round(s, info.id))
    # One goes forward: 10 against 9 is one dot across the line.
    lines = db.read(lambda s: results(s, info.id, forward=1)).lines
    assert [ln.near_tie for ln in lines[:3]] == [True, True, False]
    assert not any(ln.tied for ln in lines[:3])


def test_objection_dots_are_counted_apart(db, open_vote):
    info = open_vote(dots_per_person=2, objections=True)
    a, b = _ids(info)[:2]
    db.run(lambda s: cast_ballot(s, info.id, "v1", {a: 2}, {b: 1}))
    with pytest.raises(ValidationError, match="objection dot"):
        db.run(lambda s: cast_ballot(s, info.id, "v2", {a: 1}, {a: 1, b: 1}))
    db.run(lambda s: close_round(s, info.id))
    result = db.read(lambda s: results(s, info.id))
    line_b = next(ln for ln in result.lines if ln.option_id == b)
    assert (line_b.dots, line_b.objections) == (0, 1)
    assert result.dots_cast == 2 and result.objections_cast == 1


def test_blind_until_closed_unless_the_facilitator_peeks(db, open_vote):
    info = open_vote(dots_per_person=2)
    db.run(lambda s: cast_ballot(s, info.id, "v1", {_ids(info)[0]: 2}))
    with pytest.raises(ValidationError, match="still open"):
        db.read(lambda s: results(s, info.id))
    peek = db.read(lambda s: results(s, info.id, peek=True))
    assert not peek.final
    assert db.read(lambda s: progress(s, info.id)).text() == "1 person has voted"
    with pytest.raises(ValidationError, match="Close the round"):
        db.run(lambda s: reveal(s, info.id))


def test_closing_with_nobody_voted_says_so(db, open_vote):
    info = open_vote()
    with pytest.raises(ValidationError, match="Nobody has voted"):
        db.run(lambda s: close_round(s, info.id))


def test_options_are_locked_while_open_and_reopening_is_recorded(db, open_vote, option_notes):
    info = open_vote()
    targets = [("note", n) for n in option_notes[:3]]
    with pytest.raises(ValidationError, match="locked"):
        db.run(lambda s: set_options(s, info.id, targets))
    reopened = db.run(lambda s: reopen_for_changes(s, info.id))
    assert reopened.reopened == 1 and reopened.status == "setup"
    changed = db.run(lambda s: set_options(s, info.id, targets))
    assert len(changed.options) == 3


@pytest.mark.parametrize(
    ("typed", "message"),
    [("-1", "negative"), ("seven", "not a number"), ("2.5", "not a number")],
)
def test_bad_tally_counts_are_refused(typed, message):
    with pytest.raises(ValidationError, match=message):
        parse_count(typed)


def test_a_count_more_than_any_room_could_place_is_refused(db, open_vote):
    info = open_vote(dots_per_person=2)
    with pytest.raises(ValidationError, match="more than any room"):
        db.run(lambda s: record_paper_tally(s, info.id, _ids(info)[0], 1001))


def test_runoff_of_the_tied_options_in_one_action(db, open_vote):
    info = open_vote(dots_per_person=1)
    a, b, c = _ids(info)[:3]
    for option, n in ((a, 5), (b, 5), (c, 2)):
        db.run(lambda s, o=option, k=n: record_paper_tally(s, info.id, o, k))
    db.run(lambda s: close_round(s, info.id))
    runoff = db.run(lambda s: make_runoff(s, info.id, forward=1))
    assert runoff.runoff_of == info.id
    tied_labels = {o.label for o in info.options if o.id in (a, b)}
    assert {o.label for o in runoff.options} == tied_labels
    assert runoff.dots_per_person == 1


_ACTIONS = st.lists(
    st.tuples(
        st.sampled_from(["place", "take", "ballot"]),
        st.integers(0, 4),
        st.integers(0, 2),
        st.dictionaries(st.integers(0, 4), st.integers(0, 4), max_size=4),
    ),
    max_size=25,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions=_ACTIONS)
def test_no_sequence_of_actions_exceeds_budget_or_cap(db, open_vote, actions):
    info = open_vote(name=anonymous_voter(), dots_per_person=3, cap_per_option=2)
    ids = _ids(info)
    voters = ["v0", "v1", "v2"]
    for kind, option, voter, allocation in actions:
        try:
            if kind == "place":
                db.run(lambda s, o=option, v=voter: place_dot(s, info.id, voters[v], ids[o], 1))
            elif kind == "take":
                db.run(lambda s, o=option, v=voter: place_dot(s, info.id, voters[v], ids[o], -1))
            else:
                alloc = {ids[k]: n for k, n in allocation.items()}
                db.run(lambda s, a=alloc, v=voter: cast_ballot(s, info.id, voters[v], a))
        except ValidationError:
            pass
    with db.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT voter_key, option_id, SUM(dots) FROM votes WHERE round_id = ? "
            "AND deleted_at IS NULL AND objection = 0 GROUP BY voter_key, option_id",
            (info.id,),
        ).all()
    per_voter: dict[str, int] = {}
    for voter_key, _option, dots in rows:
        assert dots <= 2
        per_voter[voter_key] = per_voter.get(voter_key, 0) + dots
    assert all(total <= 3 for total in per_voter.values())


def test_a_participants_dots_placed_one_by_one_stay_theirs(db, open_vote, workshop):
    from sqlalchemy import select

    from workshop_app.core.participants import add_participant
    from workshop_app.store.models import Ballot

    info = open_vote(dots_per_person=2)
    person = db.run(lambda s: add_participant(s, workshop.id))
    a = _ids(info)[0]
    db.run(lambda s: place_dot(s, info.id, person.id, a, 1, participant_id=person.id))
    db.run(lambda s: place_dot(s, info.id, person.id, a, 1))
    ballot = db.read(lambda s: s.scalars(select(Ballot).where(Ballot.voter_key == person.id)).one())
    assert ballot.participant_id == person.id and ballot.dots_used == 2


def test_paper_counts_show_only_what_was_typed(db, open_vote):
    from workshop_app.core.voting import paper_counts

    info = open_vote(dots_per_person=2)
    a, b = _ids(info)[:2]
    db.run(lambda s: record_paper_tally(s, info.id, a, 4))
    db.run(lambda s: cast_ballot(s, info.id, "v1", {b: 2}))
    assert db.read(lambda s: paper_counts(s, info.id)) == {(a, False): 4}


def test_votes_store_where_their_dots_came_from_as_the_same_words_as_before(db, open_vote):

    from workshop_app.core.voting import VoteSource

    info = open_vote(dots_per_person=2)
    a, b = _ids(info)[:2]
    db.run(lambda s: record_paper_tally(s, info.id, a, 4))
    db.run(lambda s: cast_ballot(s, info.id, "v1", {b: 2}))
    with db.engine.connect() as conn:
        stored = dict(
            conn.exec_driver_sql(
                "SELECT option_id, source FROM votes WHERE round_id = ?", (info.id,)
            ).all()
        )
    # Bundles and older databases carry these exact words: the enum must not change them.
    assert stored == {a: "paper", b: "person"}
    assert stored[a] == VoteSource.PAPER and stored[b] == VoteSource.PERSON
    # and the count still tells them apart: paper dots are anonymous, laptop dots have people.
    lines = {ln.option_id: ln for ln in db.read(lambda s: results(s, info.id, peek=True)).lines}
    assert (lines[a].paper_dots, lines[a].supporters) == (4, 0)
    assert (lines[b].paper_dots, lines[b].supporters) == (0, 1)


def test_options_with_equal_dots_read_in_counting_order(db, workshop, themes):
    """A tie lists "Option 2" before "Option 10", as people count, not as text sorts."""
    notes = [
        db.run(lambda s, t=t: add_note(s, workshop.id, t, themes[0].id)).id
        for t in ("Option 10", "Option 2", "Option 1")
    ]
    targets = [("note", n) for n in notes]
    info = db.run(lambda s: create_round(s, workshop.id, "Tie", targets, dots_per_person=1))
    db.run(lambda s: open_round(s, info.id))
    for option in info.options:
        db.run(lambda s, o=option.id: record_paper_tally(s, info.id, o, 3))
    db.run(lambda s: close_round(s, info.id))
    assert [ln.label for ln in db.read(lambda s: results(s, info.id)).lines] == [
        "Option 1",
        "Option 2",
        "Option 10",
    ]
