"""The demo workshop a newcomer opens first: it must show every part of the app working."""

from __future__ import annotations

from workshop_app.core.board import load_board
from workshop_app.core.demo import DEMO_TITLE, DEMO_WALK_INS, create_demo_workshop
from workshop_app.core.equality import SECONDARY, SUPPRESSED, reach_summary
from workshop_app.core.narratives import list_narratives
from workshop_app.core.outcomes import workshop_outcome_set
from workshop_app.core.participants import list_participants
from workshop_app.core.stories import list_stories


def test_demo_board_has_notes_clusters_and_duplicates(db):
    info = db.run(create_demo_workshop)
    board = db.read(lambda s: load_board(s, info.id))
    assert board.workshop.title == DEMO_TITLE
    assert board.total_notes == 40
    assert len(board.clusters) == 7
    assert sorted(c.count for c in board.cards.values() if c.count > 1) == [2, 3]


def test_demo_register_has_mixed_consent_and_no_unconsented_names(db):
    info = db.run(create_demo_workshop)
    people = db.read(lambda s: list_participants(s, info.id))
    # Six signed up beforehand; the rest came in on the day (codes only, nothing consented).
    assert len(people) == 6 + DEMO_WALK_INS
    assert len({p.code for p in people}) == len(people)
    assert sum(1 for p in people if p.consent is not None) == 6
    for p in people:
        if p.name:
            assert p.choices.take_part, f"{p.name} is kept without consent to take part"
        if p.email:
            assert p.choices.contact
    quotes = {p.choices.quote for p in people}
    assert {"no", "anonymous", "first_name_area", "full_name"} <= quotes
    assert any(not p.choices.take_part for p in people)


def test_demo_narratives_stories_outcomes_and_reach(db):
    info = db.run(create_demo_workshop)
    narratives = db.read(lambda s: list_narratives(s, info.id))
    assert [n.title for n in narratives] == ["Getting about", "Fair pay"]
    assert 120 <= narratives[0].words <= 200, narratives[0].words
    assert "Local conditions" in narratives[0].outcome_labels
    outcome_set = db.read(lambda s: workshop_outcome_set(s, info.id))
    assert outcome_set is not None and outcome_set.version == "2024"
    stories = db.read(lambda s: list_stories(s, info.id))
    assert len(stories) == 1 and stories[0].publish
    assert stories[0].credit == "Megan, Abercwm"
    reach = db.read(lambda s: reach_summary(s, info.id))
    assert reach.cards == "7"
    counts = [line.shown for q in reach.questions for line in q.lines]
    assert SUPPRESSED in counts
    assert all(c in (SUPPRESSED, SECONDARY) or int(c) >= 5 for c in counts)


def test_demo_has_a_closed_round_ending_in_a_tie_and_an_open_blind_round(db):
    from workshop_app.core.voting import list_rounds, progress, results

    info = db.run(create_demo_workshop)
    shortlist, final = db.read(lambda s: list_rounds(s, info.id))
    result = db.read(lambda s: results(s, shortlist.id))
    assert result.paper_dots > 0 and result.voters > 0
    [tie] = result.tie_groups()
    assert sorted(ln.label for ln in tie) == ["Fair pay", "High street"]
    assert final.status == "open" and not final.revealed
    assert db.read(lambda s: progress(s, final.id)).text() == f"2 of {6 + DEMO_WALK_INS} have voted"
