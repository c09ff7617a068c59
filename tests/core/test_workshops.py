"""Workshops: templates, editing, archiving, listing with live counts, finding by id prefix."""

from __future__ import annotations

import pytest

from workshop_app.core.clusters import create_cluster, dissolve_cluster
from workshop_app.core.errors import AmbiguousReferenceError, NotFoundError, ValidationError
from workshop_app.core.notes import delete_notes
from workshop_app.core.templates import PARKING_LOT_NAME, theme_templates
from workshop_app.core.themes import delete_theme, list_themes
from workshop_app.core.workshops import (
    WorkshopFields,
    create_workshop,
    get_workshop,
    list_workshops,
    resolve_workshop,
    set_archived,
    update_workshop,
)

BUILDING_BLOCKS = [
    "Community wealth and ownership",
    "Zero carbon and green jobs",
    "Good work and decent pay",
    "Reviving places",
]


def _create(db, title: str = "Workshop", template: str = "blank", **fields):
    return db.run(lambda s: create_workshop(s, WorkshopFields(title=title, **fields), template))


def test_building_blocks_template_gives_the_four_blocks_then_the_parking_lot(db, workshop):
    themes = db.read(lambda s: list_themes(s, workshop.id))
    assert [t.name for t in themes] == [*BUILDING_BLOCKS, PARKING_LOT_NAME]
    assert [t.is_parking_lot for t in themes] == [False, False, False, False, True]
    expected_colours = [c for _, c in theme_templates()["building-blocks"].themes]
    assert [t.colour for t in themes[:4]] == expected_colours
    assert workshop.themes == 5
    assert workshop.theme_template == "building-blocks"


def test_blank_template_gives_only_the_parking_lot(db):
    info = _create(db, "Blank one", "blank")
    themes = db.read(lambda s: list_themes(s, info.id))
    assert [(t.name, t.is_parking_lot) for t in themes] == [(PARKING_LOT_NAME, True)]


def test_unknown_template_is_refused(db):
    with pytest.raises(ValidationError):
        _create(db, "x", "no-such-template")
    assert db.read(lambda s: list_workshops(s, include_archived=True)) == []


def test_workshop_fields_are_kept_exactly(db):
    info = _create(
        db,
        "Caffi Cymunedol <b>&</b> ŵ",
        programme="Local economic transformation",
        place="Machynlleth",
        venue="Y Plas",
        starts_at="2026-11-23T18:30",
        facilitators="Siân, Rhodri",
        prompts=("What would make this town better?", "ماذا تحتاج؟"),
    )
    again = db.read(lambda s: get_workshop(s, info.id))
    assert again.title == "Caffi Cymunedol <b>&</b> ŵ"
    assert again.place == "Machynlleth"
    assert again.venue == "Y Plas"
    assert again.starts_at == "2026-11-23T18:30"
    assert again.facilitators == "Siân, Rhodri"
    assert again.prompts == ("What would make this town better?", "ماذا تحتاج؟")
    assert not again.archived


def test_update_changes_the_fields(db, workshop):
    db.run(
        lambda s: update_workshop(
            s,
            workshop.id,
            WorkshopFields(title="Renamed", venue="Library", starts_at="2027-01-05T10:00"),
        )
    )
    again = db.read(lambda s: get_workshop(s, workshop.id))
    assert (again.title, again.venue, again.starts_at) == ("Renamed", "Library", "2027-01-05T10:00")


@pytest.mark.parametrize("title", ["", "   ", "\n\t"])
def test_a_workshop_needs_a_title(db, title):
    with pytest.raises(ValidationError) as caught:
        _create(db, title)
    assert "\n" not in str(caught.value)


def test_update_with_an_empty_title_is_refused_and_changes_nothing(db, workshop):
    with pytest.raises(ValidationError):
        db.run(lambda s: update_workshop(s, workshop.id, WorkshopFields(title=" ")))
    assert db.read(lambda s: get_workshop(s, workshop.id)).title == workshop.title


@pytest.mark.parametrize("starts_at", ["next Tuesday", "2026-13-01T10:00", "23/11/2026 18:30"])
def test_a_bad_start_time_is_refused(db, starts_at):
    with pytest.raises(ValidationError) as caught:
        _create(db, "Evening session", starts_at=starts_at)
    assert "\n" not in str(caught.value)
    assert db.read(lambda s: list_workshops(s, include_archived=True)) == []


def test_archived_workshops_are_hidden_unless_asked_for(db, workshop):
    other = _create(db, "Still running")
    db.run(lambda s: set_archived(s, workshop.id, True))

    shown = db.read(lambda s: list_workshops(s))
    assert [w.id for w in shown] == [other.id]
    everything = db.read(lambda s: list_workshops(s, include_archived=True))
    assert {w.id for w in everything} == {workshop.id, other.id}
    assert next(w for w in everything if w.id == workshop.id).archived

    db.run(lambda s: set_archived(s, workshop.id, False))
    shown = db.read(lambda s: list_workshops(s))
    assert {w.id for w in shown} == {workshop.id, other.id}
    assert not any(w.archived for w in shown)


def test_list_orders_newest_event_first_and_undated_last(db):
    _create(db, "Undated")
    _create(db, "Older", starts_at="2026-03-01T10:00")
    _create(db, "Newer", starts_at="2026-11-23T18:30")
    titles = [w.title for w in db.read(lambda s: list_workshops(s))]
    assert titles == ["Newer", "Older", "Undated"]


def test_list_counts_leave_out_deleted_notes_themes_and_clusters(db, workshop, themes, add):
    first, second, _, fourth = themes[:4]
    keep = [add("Keep 1", first.id), add("Keep 2", first.id), add("Keep 3", second.id)]
    gone = add("Deleted note", first.id)
    db.run(lambda s: delete_notes(s, [gone]))
    db.run(lambda s: create_cluster(s, keep[:2], "Kept cluster"))
    doomed = db.run(lambda s: create_cluster(s, [keep[2]], "Dissolved"))
    db.run(lambda s: dissolve_cluster(s, doomed.id))
    db.run(lambda s: delete_theme(s, fourth.id))

    [info] = db.read(lambda s: list_workshops(s))
    assert (info.notes, info.themes, info.clusters) == (3, 4, 1)
    assert info.as_json()["counts"] == {"notes": 3, "themes": 4, "clusters": 1}


def test_resolve_by_full_id_and_by_unique_prefix(db):
    # Seventeen ids over sixteen hex digits: at least two share a first character.
    infos = [_create(db, f"Workshop {i}") for i in range(17)]
    ids = [w.id for w in infos]

    for wid in ids[:3]:
        assert db.read(lambda s, wid=wid: resolve_workshop(s, wid)).id == wid
        assert db.read(lambda s, wid=wid: resolve_workshop(s, f"  {wid.upper()} ")).id == wid

    def shortest_unique_prefix(wid: str) -> str:
        for n in range(1, len(wid) + 1):
            if sum(other.startswith(wid[:n]) for other in ids) == 1:
                return wid[:n]
        raise AssertionError("ids are unique")

    for wid in ids:
        prefix = shortest_unique_prefix(wid)
        assert db.read(lambda s, p=prefix: resolve_workshop(s, p)).id == wid


def test_resolve_finds_archived_workshops_too(db, workshop):
    db.run(lambda s: set_archived(s, workshop.id, True))
    assert db.read(lambda s: resolve_workshop(s, workshop.id[:8])).id == workshop.id


def test_resolve_an_ambiguous_prefix_asks_for_more(db):
    ids = [_create(db, f"Workshop {i}").id for i in range(17)]
    first_chars = [wid[0] for wid in ids]
    shared = next(ch for ch in first_chars if first_chars.count(ch) > 1)

    with pytest.raises(AmbiguousReferenceError) as caught:
        db.read(lambda s: resolve_workshop(s, shared))
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("ref", ["zzzz", "", "   "])
def test_resolve_an_unknown_reference_is_not_found(db, workshop, ref):
    with pytest.raises(NotFoundError):
        db.read(lambda s: resolve_workshop(s, ref))


@pytest.mark.parametrize("ref", ["%", "____"])
def test_resolve_treats_the_reference_as_text_not_a_like_pattern(db, workshop, ref):
    # No workshop id starts with '%' or '_'; they must not act as SQL wildcards.
    with pytest.raises(NotFoundError):
        db.read(lambda s: resolve_workshop(s, ref))
