"""Settling a conflict at the hub (SQLite and PostgreSQL): staff see both versions of the note
two laptops changed from one base, and either keep the hub's or take the one set aside; the
choice holds when either bundle is imported again."""

from __future__ import annotations

import pytest
from sync_support import export, one_note_on_two_laptops

from workshop_app.core.merge import merge_tables, record_row
from workshop_app.core.notes import add_note
from workshop_app.store.models import Note
from workshop_app.sync.errors import SyncError
from workshop_app.sync.hub_settle import conflicts_to_settle, settle

EDITS = ("Bus to Machynlleth, hourly", "Bus to Machynlleth on Sundays")


@pytest.fixture
def conflicted(laptops, hub, tmp_path):
    """Two laptops of one workshop edited one note from the same base; both bundles merged."""
    two = one_note_on_two_laptops(laptops, hub, EDITS)
    a, b, w, shared = two.a, two.b, two.workshop_id, two.note_id
    bundles = [export(db, w, tmp_path / f"{n}.wsbundle") for db, n in ((a, "a"), (b, "b"))]
    for data in bundles:
        assert hub.bring_approved(data).status == "merged"
    return hub, shared, bundles


def _text(hub, note_id: str) -> str:
    return hub.hub.store.read(lambda s: s.get(Note, note_id).text)


def test_a_conflict_shows_both_versions_of_the_field_that_differs(conflicted):
    hub, shared, _ = conflicted
    [view] = conflicts_to_settle(hub.hub)
    assert (view.table, view.record_id) == ("notes", shared)
    [diff] = view.differences
    assert diff.field == "text"
    assert {diff.kept, diff.set_aside} == {
        "Bus to Machynlleth, hourly",
        "Bus to Machynlleth on Sundays",
    }
    assert diff.kept == _text(hub, shared)
    assert view.what == diff.kept


def test_keeping_the_hubs_version_settles_it_and_changes_nothing(conflicted):
    hub, shared, _ = conflicted
    before = _text(hub, shared)
    [view] = conflicts_to_settle(hub.hub)
    settle(hub.hub, view.key, take_set_aside=False)
    assert conflicts_to_settle(hub.hub) == []
    assert hub.hub.conflicts() == []
    assert _text(hub, shared) == before
    with pytest.raises(SyncError, match="settled already"):
        settle(hub.hub, view.key, take_set_aside=True)


def test_taking_the_set_aside_version_holds_when_the_bundles_come_again(conflicted):
    hub, shared, bundles = conflicted
    [view] = conflicts_to_settle(hub.hub)
    wanted = view.differences[0].set_aside
    settle(hub.hub, view.key, take_set_aside=True)
    assert _text(hub, shared) == wanted
    assert conflicts_to_settle(hub.hub) == []
    # Imported again, or its losing version merged once more, nothing undoes the choice.
    for data in bundles:
        assert hub.bring(data).status == "already"
    hub.hub.store.run(lambda s: merge_tables(s, {"notes": [{**_row(hub, shared), **_old(view)}]}))
    assert _text(hub, shared) == wanted


def _row(hub, note_id: str) -> dict:
    return hub.hub.store.read(lambda s: record_row(s.get(Note, note_id)))


def _old(view) -> dict:
    """The losing version's stamp and text, as its bundle carries it."""
    return {"rev": view.set_aside_rev, "text": view.differences[0].set_aside}


def test_a_later_bundle_does_not_report_a_conflict_already_listed(laptops, hub, tmp_path):
    """Laptop a's next bundle still carries its side of the conflict: the import must not say
    "1 conflict to settle" again for the one staff already have listed."""
    two = one_note_on_two_laptops(laptops, hub, EDITS)
    a, b, w = two.a, two.b, two.workshop_id
    merged = [
        hub.bring_approved(export(db, w, tmp_path / f"{n}.wsbundle"))
        for db, n in ((a, "a"), (b, "b"))
    ]
    assert sum(len(m.merge.conflicts) for m in merged) == 1
    a.run(lambda s: add_note(s, w, "Benches in the square"))
    later = hub.bring_approved(export(a, w, tmp_path / "a2.wsbundle"))
    assert later.status == "merged"
    assert later.merge.conflicts == []
    assert len(hub.hub.conflicts()) == 1
