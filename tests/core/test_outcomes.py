"""Wellbeing outcome sets: the shipped presets, a programme's own set, and tags on clusters and
notes that keep removed ones as tombstones so every laptop learns of the removal."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from workshop_app.core.errors import ValidationError
from workshop_app.core.outcomes import (
    choose_outcome_set,
    preset_sets,
    set_tags,
    tags_of,
    workshop_outcome_set,
)
from workshop_app.store.models import OutcomeTag, Workshop

WALES = "wellbeing-future-generations-wales"
TPI = "thriving-places-index"
ONS = "ons-national-wellbeing"


def _row(db, workshop_id: str) -> Workshop:
    return db.read(lambda s: s.get(Workshop, workshop_id))


def _tag_rows(db, target_id: str) -> list[OutcomeTag]:
    return db.read(
        lambda s: list(s.scalars(select(OutcomeTag).where(OutcomeTag.target_id == target_id)))
    )


def test_the_three_preset_sets_are_shipped():
    sets = preset_sets()
    assert {TPI, ONS, WALES} <= set(sets)
    assert sets[TPI].name == "Thriving Places Index"
    assert "ONS" in sets[ONS].name
    assert "Future Generations" in sets[WALES].name
    for outcome_set in sets.values():
        assert outcome_set.version
        assert outcome_set.outcomes
        keys = [k for k, _ in outcome_set.outcomes]
        assert len(keys) == len(set(keys)), outcome_set.id


def test_the_wales_set_has_the_seven_well_being_goals():
    goals = preset_sets()[WALES]
    assert len(goals.outcomes) == 7
    labels = " ".join(label for _, label in goals.outcomes)
    for word in ("prosperous", "resilient", "healthier", "equal", "cohesive", "Welsh", "global"):
        assert word.casefold() in labels.casefold(), word


def test_choosing_a_preset_records_its_id_and_version_on_the_workshop(db, workshop):
    chosen = db.run(lambda s: choose_outcome_set(s, workshop.id, WALES))
    assert chosen.id == WALES

    row = _row(db, workshop.id)
    assert row.outcome_set == WALES
    assert row.outcome_set_version == preset_sets()[WALES].version
    assert db.read(lambda s: workshop_outcome_set(s, workshop.id)) == preset_sets()[WALES]


def test_a_new_workshop_has_no_outcome_set(db, workshop):
    assert db.read(lambda s: workshop_outcome_set(s, workshop.id)) is None


def test_an_unknown_set_is_refused_and_the_message_lists_the_sets(db, workshop):
    with pytest.raises(ValidationError) as exc:
        db.run(lambda s: choose_outcome_set(s, workshop.id, "happiness-index"))
    message = str(exc.value)
    assert "happiness-index" in message
    assert TPI in message and "custom" in message
    assert _row(db, workshop.id).outcome_set == ""


def test_a_custom_set_keeps_the_programmes_own_labels(db, workshop):
    chosen = db.run(
        lambda s: choose_outcome_set(
            s, workshop.id, "custom", ["  Warm homes ", "", "Buses that run", "warm homes"]
        )
    )
    assert chosen.id == "custom"
    assert [label for _, label in chosen.outcomes] == ["Warm homes", "Buses that run", "warm homes"]
    keys = [k for k, _ in chosen.outcomes]
    assert len(set(keys)) == 3

    row = _row(db, workshop.id)
    assert row.outcome_set == "custom"
    assert row.outcome_set_version  # versioned by when it was defined
    assert [i["label"] for i in json.loads(row.custom_outcomes)] == [
        "Warm homes",
        "Buses that run",
        "warm homes",
    ]
    again = db.read(lambda s: workshop_outcome_set(s, workshop.id))
    assert again == chosen
    assert again.label(keys[1]) == "Buses that run"


def test_a_custom_set_needs_at_least_one_outcome(db, workshop):
    with pytest.raises(ValidationError, match="at least one outcome"):
        db.run(lambda s: choose_outcome_set(s, workshop.id, "custom", ["  ", ""]))
    assert _row(db, workshop.id).outcome_set == ""


def test_tagging_before_choosing_a_set_is_refused(db, workshop, add):
    note = add("Buses stop at six")
    with pytest.raises(ValidationError, match="Choose this workshop's outcome set"):
        db.run(lambda s: set_tags(s, workshop.id, "note", note, ["healthier"]))
    assert _tag_rows(db, note) == []


def test_an_outcome_that_is_not_in_the_set_is_refused(db, workshop, add):
    note = add("Buses stop at six")
    db.run(lambda s: choose_outcome_set(s, workshop.id, WALES))
    with pytest.raises(ValidationError, match="'safety' is not an outcome in"):
        db.run(lambda s: set_tags(s, workshop.id, "note", note, ["healthier", "safety"]))
    assert db.read(lambda s: tags_of(s, "note", note)) == []


def test_only_clusters_notes_and_narratives_can_be_tagged(db, workshop, add):
    db.run(lambda s: choose_outcome_set(s, workshop.id, WALES))
    with pytest.raises(ValidationError, match="not 'vote'"):
        db.run(lambda s: set_tags(s, workshop.id, "vote", "x", ["healthier"]))


def test_setting_tags_replaces_them_and_removed_ones_become_tombstones(db, workshop, add):
    note = add("Buses stop at six")
    db.run(lambda s: choose_outcome_set(s, workshop.id, WALES))
    db.run(lambda s: set_tags(s, workshop.id, "note", note, ["healthier", "more-equal"]))
    assert db.read(lambda s: tags_of(s, "note", note)) == ["healthier", "more-equal"]

    kept = db.run(lambda s: set_tags(s, workshop.id, "note", note, ["more-equal", "resilient"]))
    assert kept == ["more-equal", "resilient"]
    assert db.read(lambda s: tags_of(s, "note", note)) == ["more-equal", "resilient"]

    rows = _tag_rows(db, note)
    by_key = {r.outcome_key: r for r in rows}
    assert len(rows) == 3  # the removed tag is kept, marked deleted
    assert by_key["healthier"].deleted_at is not None
    assert by_key["more-equal"].deleted_at is None
    assert by_key["resilient"].deleted_at is None


def test_clearing_tags_tombstones_them_all_and_a_repeat_is_harmless(db, workshop, add):
    note = add("Buses stop at six")
    db.run(lambda s: choose_outcome_set(s, workshop.id, WALES))
    db.run(lambda s: set_tags(s, workshop.id, "note", note, ["healthier", "healthier"]))
    assert len(_tag_rows(db, note)) == 1  # a key given twice is tagged once

    db.run(lambda s: set_tags(s, workshop.id, "note", note, []))
    assert db.read(lambda s: tags_of(s, "note", note)) == []
    assert [r.deleted_at is not None for r in _tag_rows(db, note)] == [True]

    db.run(lambda s: set_tags(s, workshop.id, "note", note, ["healthier"]))
    assert db.read(lambda s: tags_of(s, "note", note)) == ["healthier"]


def test_tags_of_one_target_do_not_touch_another(db, workshop, add):
    first, second = add("Buses stop at six"), add("No bank in town")
    db.run(lambda s: choose_outcome_set(s, workshop.id, TPI))
    db.run(lambda s: set_tags(s, workshop.id, "note", first, ["safety"]))
    db.run(lambda s: set_tags(s, workshop.id, "note", second, ["equality"]))
    db.run(lambda s: set_tags(s, workshop.id, "note", first, []))
    assert db.read(lambda s: tags_of(s, "note", second)) == ["equality"]


# --- one record of a priority's outcomes (issue 8, point 7) -------------------------------------


def _cluster(db, add, name: str = "Evening buses") -> str:
    from workshop_app.core.clusters import create_cluster

    notes = [add("No bus after six"), add("Cannot get to the evening clinic")]
    return db.run(lambda s: create_cluster(s, notes, name)).id


def _save_narrative(db, workshop_id, cluster, outcomes=None):
    from workshop_app.core.narratives import NarrativeFields, save_narrative

    return db.run(
        lambda s: save_narrative(
            s, workshop_id, "cluster", cluster, NarrativeFields(issue="Words."), outcomes
        )
    )


def test_the_tagging_dialog_the_narrative_and_the_board_share_one_record(db, workshop, add):
    from workshop_app.core.board import load_board
    from workshop_app.core.operations import narratives as ops

    cluster = _cluster(db, add)
    db.run(lambda s: choose_outcome_set(s, workshop.id, WALES))
    # Ctrl+Shift+O tags the cluster itself...
    db.run(lambda s: ops.tag_outcomes(workshop.id, "cluster", cluster, ["healthier"])(s))
    # ...and the narrative written afterwards shows those outcomes ticked.
    info = _save_narrative(db, workshop.id, cluster)
    assert info.outcomes == ("healthier",)
    assert info.outcome_labels == ("A healthier Wales",)
    # Ticking in the narrative is what the dialog and the board then show.
    _save_narrative(db, workshop.id, cluster, ["more-equal", "healthier"])
    _, ticked = db.read(lambda s: ops.outcomes_of(workshop.id, "cluster", cluster)(s))
    assert ticked == ["healthier", "more-equal"]
    board = db.read(lambda s: load_board(s, workshop.id))
    assert board.tags[cluster] == ("A healthier Wales", "A more equal Wales")
    # Nothing is written on the narrative's own id any more.
    rows = db.read(lambda s: list(s.scalars(select(OutcomeTag))))
    assert {(r.target_kind, r.target_id) for r in rows} == {("cluster", cluster)}


def test_legacy_narrative_tags_still_read_and_move_to_the_priority_on_save(db, workshop, add):
    from workshop_app.core.board import load_board
    from workshop_app.core.narratives import narrative_for

    cluster = _cluster(db, add)
    db.run(lambda s: choose_outcome_set(s, workshop.id, WALES))
    narrative = _save_narrative(db, workshop.id, cluster)
    # What an earlier version wrote: the narrative tagged, not its cluster.
    db.run(lambda s: set_tags(s, workshop.id, "narrative", narrative.id, ["resilient"]))
    db.run(lambda s: set_tags(s, workshop.id, "cluster", cluster, ["healthier"]))
    old = {r.outcome_key: r.rev for r in _tag_rows(db, narrative.id)}

    info = db.read(lambda s: narrative_for(s, "cluster", cluster))
    assert info.outcomes == ("resilient", "healthier")  # in the set's order
    board = db.read(lambda s: load_board(s, workshop.id))
    assert board.tags[cluster] == ("A resilient Wales", "A healthier Wales")

    saved = _save_narrative(db, workshop.id, cluster, ["resilient", "more-equal"])
    assert saved.outcomes == ("resilient", "more-equal")
    assert db.read(lambda s: tags_of(s, "cluster", cluster)) == ["more-equal", "resilient"]
    legacy = _tag_rows(db, narrative.id)
    assert [r.deleted_at is not None for r in legacy] == [True]  # a tombstone, kept for sync
    assert legacy[0].rev != old["resilient"]  # a new revision stamp travels to the hub


def test_switching_sets_keeps_old_tags_hidden_until_switching_back(db, workshop, add):
    from workshop_app.core.board import load_board
    from workshop_app.core.narratives import narrative_for
    from workshop_app.core.outcomes import switch_effect

    cluster, note = _cluster(db, add), add("Warm homes")
    db.run(lambda s: choose_outcome_set(s, workshop.id, WALES))
    db.run(lambda s: set_tags(s, workshop.id, "cluster", cluster, ["healthier", "more-equal"]))
    db.run(lambda s: set_tags(s, workshop.id, "note", note, ["resilient"]))
    _save_narrative(db, workshop.id, cluster)

    effect = db.read(lambda s: switch_effect(s, workshop.id, TPI))
    assert effect.old_name == preset_sets()[WALES].name
    assert effect.new_name == "Thriving Places Index"
    assert (effect.hidden, effect.shown_again) == (3, 0)
    db.run(lambda s: choose_outcome_set(s, workshop.id, TPI))
    # Hidden, never shown as raw keys; tagging with the new set leaves them alone.
    info = db.read(lambda s: narrative_for(s, "cluster", cluster))
    assert info.outcomes == () and info.outcome_labels == ()
    assert db.read(lambda s: load_board(s, workshop.id)).tags == {}
    db.run(lambda s: set_tags(s, workshop.id, "cluster", cluster, ["safety"]))
    assert db.read(lambda s: tags_of(s, "cluster", cluster)) == [
        "healthier",
        "more-equal",
        "safety",
    ]

    back = db.read(lambda s: switch_effect(s, workshop.id, WALES))
    assert (back.hidden, back.shown_again) == (1, 3)
    db.run(lambda s: choose_outcome_set(s, workshop.id, WALES))
    info = db.read(lambda s: narrative_for(s, "cluster", cluster))
    assert info.outcome_labels == ("A healthier Wales", "A more equal Wales")
