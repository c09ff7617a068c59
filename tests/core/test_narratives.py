"""Narratives for priorities: one per cluster or note, a word count with a 120-200 aim, and a
print preview that leaves out what was not written."""

from __future__ import annotations

import pytest

from workshop_app.core.clusters import create_cluster
from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.narratives import (
    MAX_FIELD_CHARS,
    NarrativeFields,
    delete_narrative,
    get_narrative,
    list_narratives,
    narrative_for,
    preview_sections,
    save_narrative,
    word_count,
    words_hint,
)
from workshop_app.core.notes import add_note, delete_notes
from workshop_app.core.outcomes import choose_outcome_set
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.store.models import Narrative

WALES = "wellbeing-future-generations-wales"


@pytest.fixture
def cluster(db, add) -> str:
    notes = [add("No bus after six"), add("Cannot get to the evening clinic")]
    return db.run(lambda s: create_cluster(s, notes, "Evening buses")).id


def _save(db, workshop_id, kind, target_id, outcomes=None, **values):
    return db.run(
        lambda s: save_narrative(
            s, workshop_id, kind, target_id, NarrativeFields(**values), outcomes
        )
    )


def test_a_narrative_is_created_for_a_cluster_and_titled_by_it(db, workshop, cluster):
    info = _save(db, workshop.id, "cluster", cluster, issue="The last bus leaves at six.")
    assert info.title == "Evening buses"
    assert info.fields.issue == "The last bus leaves at six."
    assert db.read(lambda s: narrative_for(s, "cluster", cluster)).id == info.id
    assert info.as_json()["priority"] == {
        "kind": "cluster",
        "id": cluster,
        "title": "Evening buses",
    }


def test_saving_again_updates_the_one_narrative_of_a_priority(db, workshop, add):
    note = add("The library is closing")
    first = _save(db, workshop.id, "note", note, issue="The library is closing.")
    second = _save(
        db, workshop.id, "note", note, issue="The library closes in March.", change="Keep it open."
    )

    assert second.id == first.id
    assert second.title == "The library is closing"
    assert second.fields.issue == "The library closes in March."
    assert second.fields.change == "Keep it open."
    assert [n.id for n in db.read(lambda s: list_narratives(s, workshop.id))] == [first.id]
    assert db.read(lambda s: s.query(Narrative).count()) == 1
    assert db.read(lambda s: get_narrative(s, first.id)).fields.change == "Keep it open."


def test_a_deleted_narrative_is_gone_and_a_new_one_can_be_written(db, workshop, add):
    note = add("The library is closing")
    first = _save(db, workshop.id, "note", note, issue="Old words.")
    db.run(lambda s: delete_narrative(s, first.id))
    assert db.read(lambda s: narrative_for(s, "note", note)) is None
    with pytest.raises(NotFoundError, match="no longer exists"):
        db.read(lambda s: get_narrative(s, first.id))

    second = _save(db, workshop.id, "note", note, issue="New words.")
    assert second.id != first.id
    assert [n.fields.issue for n in db.read(lambda s: list_narratives(s, workshop.id))] == [
        "New words."
    ]


def test_a_deleted_note_cannot_get_a_narrative(db, workshop, add):
    note = add("The library is closing")
    db.run(lambda s: delete_notes(s, [note]))
    with pytest.raises(NotFoundError, match="no longer on this workshop's board"):
        _save(db, workshop.id, "note", note, issue="Words.")
    assert db.read(lambda s: s.query(Narrative).count()) == 0


def test_a_priority_of_another_workshop_is_refused(db, workshop):
    other = db.run(lambda s: create_workshop(s, WorkshopFields(title="Newtown"), "blank"))
    foreign = db.run(lambda s: add_note(s, other.id, "Newtown needs a bank")).id
    with pytest.raises(NotFoundError, match="no longer on this workshop's board"):
        _save(db, workshop.id, "note", foreign, issue="Words.")


def test_a_narrative_belongs_to_a_cluster_or_a_note_only(db, workshop, add):
    note = add("The library is closing")
    with pytest.raises(ValidationError, match="not 'theme'"):
        _save(db, workshop.id, "theme", note, issue="Words.")


def test_a_narrative_shows_when_its_priority_has_been_removed(db, workshop, add):
    note = add("The library is closing")
    info = _save(db, workshop.id, "note", note, issue="Words.")
    db.run(lambda s: delete_notes(s, [note]))
    assert db.read(lambda s: get_narrative(s, info.id)).title == "(priority removed from the board)"


def test_an_over_long_section_is_refused_by_its_title(db, workshop, add):
    note = add("The library is closing")
    with pytest.raises(ValidationError, match="'First steps' can be at most 5,000 characters"):
        _save(db, workshop.id, "note", note, first_steps="x" * (MAX_FIELD_CHARS + 1))
    assert db.read(lambda s: narrative_for(s, "note", note)) is None
    ok = _save(db, workshop.id, "note", note, first_steps="x" * MAX_FIELD_CHARS)
    assert len(ok.fields.first_steps) == MAX_FIELD_CHARS


@pytest.mark.parametrize("value", ["maybe", "Yes", "y"])
def test_led_by_the_communities_affected_is_yes_partly_no_or_blank(db, workshop, add, value):
    note = add("The library is closing")
    with pytest.raises(ValidationError, match="yes, partly, no or blank"):
        _save(db, workshop.id, "note", note, community_led=value)
    for ok in ("yes", "partly", "no", ""):
        assert _save(db, workshop.id, "note", note, community_led=ok).fields.community_led == ok


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("The bus doesn't run after six.", 6),
        ("Our well-being depends on the bus", 6),
        ("We’re cut off — truly.", 4),
        ("  lots   of\n\nspace  ", 3),
        ("Ysgol Gymraeg Llanidloes", 3),
    ],
)
def test_words_are_counted_as_a_reader_would(text, words):
    assert word_count(NarrativeFields(issue=text)) == words


def test_the_word_count_spans_every_section_but_not_the_led_by_choice():
    values = NarrativeFields(
        issue="one two", change="three", progress="four five six", community_led="partly"
    )
    assert word_count(values) == 6


@pytest.mark.parametrize(
    ("count", "says"),
    [
        (0, "aim for 120-200"),
        (119, "aim for 120-200"),
        (120, "a good length"),
        (200, "a good length"),
        (201, "a little long, aim for 120-200"),
    ],
)
def test_the_words_hint_points_at_the_120_to_200_aim(count, says):
    hint = words_hint(count)
    assert hint.startswith(f"{count} words")
    assert says in hint


def test_the_preview_leaves_out_empty_sections(db, workshop, add):
    note = add("The library is closing")
    info = _save(db, workshop.id, "note", note, issue="It closes in March.", progress="  ")
    assert preview_sections(info) == [("The issue", "It closes in March.")]


def test_the_preview_shows_outcomes_and_who_leads(db, workshop, cluster):
    db.run(lambda s: choose_outcome_set(s, workshop.id, WALES))
    info = _save(
        db,
        workshop.id,
        "cluster",
        cluster,
        outcomes=["healthier", "more-equal"],
        issue="The last bus leaves at six.",
        institution="The county council",
        community_led="partly",
    )
    assert info.outcomes == ("healthier", "more-equal")
    sections = dict(preview_sections(info))
    assert list(sections) == ["The issue", "How it improves people's lives", "Who needs to act"]
    assert sections["How it improves people's lives"] == (
        "Outcomes: A healthier Wales, A more equal Wales"
    )
    assert sections["Who needs to act"] == (
        "The county council\nLed by the communities affected: Partly"
    )


def test_outcomes_can_be_changed_and_cleared_with_the_narrative(db, workshop, cluster):
    db.run(lambda s: choose_outcome_set(s, workshop.id, WALES))
    _save(db, workshop.id, "cluster", cluster, outcomes=["healthier"], issue="Words.")
    kept = _save(db, workshop.id, "cluster", cluster, issue="Words.")  # None: leave tags alone
    assert kept.outcome_labels == ("A healthier Wales",)
    cleared = _save(db, workshop.id, "cluster", cluster, outcomes=[], issue="Words.")
    assert cleared.outcomes == ()
    assert "Outcomes" not in dict(preview_sections(cleared)).get(
        "How it improves people's lives", ""
    )


def test_tagging_outcomes_before_a_set_is_chosen_saves_nothing(db, workshop, add):
    note = add("The library is closing")
    with pytest.raises(ValidationError, match="outcome set"):
        _save(db, workshop.id, "note", note, outcomes=["healthier"], issue="Words.")
    assert db.read(lambda s: narrative_for(s, "note", note)) is None


def test_outcomes_belong_to_the_priority_and_outlive_its_narrative(db, workshop, cluster):
    db.run(lambda s: choose_outcome_set(s, workshop.id, WALES))
    first = _save(db, workshop.id, "cluster", cluster, outcomes=["resilient"], issue="Words.")
    db.run(lambda s: delete_narrative(s, first.id))
    # A narrative written again for the same cluster starts with the cluster's outcomes.
    again = _save(db, workshop.id, "cluster", cluster, issue="New words.")
    assert again.id != first.id
    assert again.outcome_labels == ("A resilient Wales",)
    assert (
        "Outcomes: A resilient Wales"
        in dict(preview_sections(again))["How it improves people's lives"]
    )
