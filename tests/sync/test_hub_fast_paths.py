"""The hub's fast import keeps every rule (SQLite and PostgreSQL): its bulk merge decides
exactly as the general merge does, a bundle with both a conflict and an erasure merges, a
refused bundle brought again is checked again (never waved through as already imported), and
an erasure's log scrub a reader held up is done by the next import, even one with no erasure."""

from __future__ import annotations

import sqlite3

import pytest
from sync_support import export, hub_conflicts, hub_dump, install, kept_plaintext

from workshop_app.core.consent import ConsentChoices
from workshop_app.core.merge import merge_tables
from workshop_app.core.notes import add_note, edit_note
from workshop_app.core.participants import ParticipantFields, add_participant, erase_participant
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.sync.bundle_write import workshop_rows
from workshop_app.sync.hub_bulk import bulk_merge_tables

NAME = "Zebedee Quartermaine"


def _shared_workshop(laptops, hub):
    """Laptop a starts a workshop with a named person and a note; laptop b gets a copy; both
    then edit that note from the same base (a conflict) and add notes of their own."""
    a, b = laptops("a"), laptops("b")
    install(a, hub)
    install(b, hub)
    w = a.run(lambda s: create_workshop(s, WorkshopFields(title="Tywyn"), "building-blocks"))
    person = a.run(
        lambda s: add_participant(
            s,
            w.id,
            ParticipantFields(name=NAME),
            ConsentChoices(take_part=True, quote="full_name", use_report=True),
            "Desk",
        )
    )
    shared = a.run(lambda s: add_note(s, w.id, "Bus to Machynlleth")).id
    b.run(lambda s: merge_tables(s, a.read(lambda r: workshop_rows(r, w.id))))
    a.run(lambda s: add_note(s, w.id, "Warm hub"))
    b.run(lambda s: add_note(s, w.id, "Allotments"))
    a.run(lambda s: edit_note(s, shared, text="Bus to Machynlleth, hourly"))
    b.run(lambda s: edit_note(s, shared, text="Bus to Machynlleth on Sundays"))
    return a, b, w, person, shared


def test_the_bulk_merge_decides_exactly_as_the_general_merge(laptops, new_hub):
    """Same rows, either order: the same hub and the same counts and conflicts both ways."""
    first = new_hub()
    a, b, w, _person, _shared = _shared_workshop(laptops, first)
    rows_a = a.read(lambda r: workshop_rows(r, w.id))
    rows_b = b.read(lambda r: workshop_rows(r, w.id))
    for order in ((rows_a, rows_b), (rows_b, rows_a)):
        general, bulk = new_hub(), new_hub()
        for rows in (*order, order[0]):
            slow = general.hub.store.run(lambda s, r=rows: merge_tables(s, r))
            fast = bulk.hub.store.run(lambda s, r=rows: bulk_merge_tables(s, r))
            assert fast == slow
        assert hub_dump(bulk.hub) == hub_dump(general.hub)


def test_a_bundle_with_a_conflict_and_an_erasure_merges_and_scrubs_the_kept_copies(
    laptops, hub, tmp_path
):
    a, b, w, person, shared = _shared_workshop(laptops, hub)
    assert hub.bring_approved(export(a, w.id, tmp_path / "a.wsbundle"), "a").status == "merged"
    b.run(lambda s: erase_participant(s, person.id, keep_words=False))
    outcome = hub.bring_approved(export(b, w.id, tmp_path / "b.wsbundle"), "b")
    assert outcome.status == "merged", outcome.reason
    assert [(c[0], c[1]) for c in hub_conflicts(hub.hub)] == [("notes", shared)]
    [held] = hub_dump(hub.hub)["participants"]
    assert held["name"] == "" and held["erased_at"] is not None
    for name, plain in kept_plaintext(hub).items():
        assert NAME.encode() not in plain, name


def test_a_refused_bundle_brought_again_is_checked_again_and_refused_again(
    laptop, workshop, hub, tmp_path
):
    install(laptop, hub)
    laptop.run(lambda s: add_note(s, workshop.id, "Repair café"))
    data = export(laptop, workshop.id, tmp_path / "w.wsbundle")
    hub.bring_approved(data)
    fingerprint = hub.hub.laptops()[0].fingerprint
    hub.hub.set_laptop(fingerprint, "revoked")
    laptop.run(lambda s: add_note(s, workshop.id, "Tool library"))
    later = export(laptop, workshop.id, tmp_path / "later.wsbundle")
    for _ in range(2):
        outcome = hub.bring(later, "later")
        assert outcome.status == "refused" and "revoked" in outcome.reason
    assert [r.file_name for r in hub.hub.refusals()] == ["later", "later"]
    assert sorted(n["text"] for n in hub_dump(hub.hub)["notes"]) == ["Repair café"]


def test_a_log_scrub_a_reader_held_up_is_done_by_the_next_import_without_an_erasure(
    laptop, workshop, hub, backend, tmp_path
):
    if backend != "sqlite":
        pytest.skip("the write-ahead log is SQLite's")
    install(laptop, hub)
    person = laptop.run(
        lambda s: add_participant(
            s,
            workshop.id,
            ParticipantFields(name=NAME),
            ConsentChoices(take_part=True, quote="full_name", use_report=True),
            "Desk",
        )
    )
    hub.bring_approved(export(laptop, workshop.id, tmp_path / "before.wsbundle"), "before")
    laptop.run(lambda s: erase_participant(s, person.id, keep_words=False))
    after = export(laptop, workshop.id, tmp_path / "after.wsbundle")
    (path,) = (tmp_path / "hub0").glob("hub.sqlite")
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM participants").fetchone()
    try:
        outcome = hub.bring(after, "after")
    finally:
        reader.rollback()
        reader.close()
    assert any("still reading" in w for w in outcome.warnings), outcome.warnings
    # Another workshop, no erasure in it: its import still empties the log it was owed.
    aber = WorkshopFields(title="Aber")
    other = laptop.run(lambda s: create_workshop(s, aber, "building-blocks"))
    laptop.run(lambda s: add_note(s, other.id, "Beach clean"))
    assert hub.bring(export(laptop, other.id, tmp_path / "o.wsbundle"), "o").status == "merged"
    for file in (tmp_path / "hub0").glob("hub.sqlite*"):
        assert NAME.encode() not in file.read_bytes(), file.name


def test_many_conflicts_are_each_listed_once_whatever_bundles_carry_them(laptops, hub, tmp_path):
    a, b = laptops("a"), laptops("b")
    install(a, hub)
    install(b, hub)
    w = a.run(lambda s: create_workshop(s, WorkshopFields(title="Tywyn"), "building-blocks"))
    ids = [a.run(lambda s, n=n: add_note(s, w.id, f"Idea {n}")).id for n in range(30)]
    b.run(lambda s: merge_tables(s, a.read(lambda r: workshop_rows(r, w.id))))
    for n, rid in enumerate(ids):
        a.run(lambda s, r=rid, n=n: edit_note(s, r, text=f"Idea {n}, said at the door"))
        b.run(lambda s, r=rid, n=n: edit_note(s, r, text=f"Idea {n}, said at the table"))
    assert hub.bring_approved(export(a, w.id, tmp_path / "a.wsbundle"), "a").status == "merged"
    assert hub.bring_approved(export(b, w.id, tmp_path / "b1.wsbundle"), "b1").status == "merged"
    b.run(lambda s: add_note(s, w.id, "One more"))
    later = hub.bring_approved(export(b, w.id, tmp_path / "b2.wsbundle"), "b2")
    assert later.status == "merged" and later.merge.inserted == 1
    listed = hub.hub.conflicts()
    assert sorted(c.record_id for c in listed) == sorted(ids)
    assert all("said at the" in c.set_aside for c in listed)
