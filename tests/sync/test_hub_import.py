"""Importing bundles into the hub (SQLite and PostgreSQL): a faithful round trip, laptops held
until approved, revoked ones refused, re-imports and simultaneous imports that change nothing,
and the same hub whatever order bundles arrive in."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select
from sync_support import (
    PASSPHRASE,
    export,
    hub_conflicts,
    hub_dump,
    install,
    one_note_on_two_laptops,
)

from workshop_app.core.consent import ConsentChoices
from workshop_app.core.notes import add_note, delete_notes, edit_note
from workshop_app.core.participants import (
    ParticipantFields,
    add_participant,
    update_participant,
    withdraw_participant,
)
from workshop_app.core.workshops import WorkshopFields, create_workshop, update_workshop
from workshop_app.store.hub_models import HubBundle, HubSetting
from workshop_app.sync import keys
from workshop_app.sync.bundle_write import workshop_rows
from workshop_app.sync.errors import SyncError

ODD_TEXTS = [
    "Café ☕ & <b>chips</b>",
    "=SUM(A1:A9)",
    "שלום עולם — right to left",
    "line one\nline two\r\nline three",
    "🧡💚💙",
    "  spaces kept  ",
]


def _bundles(hub) -> int:
    return hub.hub.store.read(lambda s: s.scalar(select(func.count()).select_from(HubBundle)))


def test_a_workshop_exported_and_imported_is_equal_record_for_record(
    laptop, workshop, hub, tmp_path
):
    install(laptop, hub)
    for text in ODD_TEXTS:
        laptop.run(lambda s, t=text: add_note(s, workshop.id, t))
    data = export(laptop, workshop.id, tmp_path / "w.wsbundle")
    outcome = hub.bring_approved(data)
    assert outcome.status == "merged", outcome.reason
    expected = laptop.read(lambda s: workshop_rows(s, workshop.id))
    got = hub_dump(hub.hub)
    for table, rows in expected.items():
        assert got[table] == rows, table
    texts = {row["text"] for row in got["notes"]}
    assert texts == set(ODD_TEXTS)  # byte-exact
    assert outcome.merge.inserted == sum(len(rows) for rows in expected.values())


def test_the_first_bundle_of_an_unknown_laptop_is_held_until_staff_approve_it(
    laptop, workshop, hub, tmp_path
):
    install(laptop, hub)
    laptop.run(lambda s: add_note(s, workshop.id, "Held back"))
    data = export(laptop, workshop.id, tmp_path / "w.wsbundle")
    held = hub.bring(data)
    assert held.status == "held"
    assert hub_dump(hub.hub)["notes"] == []
    [lap] = hub.hub.laptops()
    assert (lap.status, lap.held, lap.merged) == ("pending", 1, 0)
    assert lap.fingerprint == keys.laptop_fingerprint(laptop.data_dir)

    fp = hub.hub.resolve_laptop(keys.show_fingerprint(lap.fingerprint)[:14])
    hub.hub.set_laptop(fp, "approved")
    [(name, kept)] = hub.hub.held_bundles(fp)
    assert kept == data and name == "b.wsbundle"
    released = hub.bring(kept, name)
    assert released.status == "merged"
    assert [row["text"] for row in hub_dump(hub.hub)["notes"]] == ["Held back"]
    assert hub.bring(kept, name).status == "already"


def test_a_revoked_laptops_bundles_are_refused_and_change_nothing(laptop, workshop, hub, tmp_path):
    install(laptop, hub)
    first = export(laptop, workshop.id, tmp_path / "1.wsbundle")
    assert hub.bring_approved(first).status == "merged"
    hub.hub.set_laptop(keys.laptop_fingerprint(laptop.data_dir), "revoked")
    before = hub_dump(hub.hub)
    laptop.run(lambda s: add_note(s, workshop.id, "After revocation"))
    later = export(laptop, workshop.id, tmp_path / "2.wsbundle")
    outcome = hub.bring(later, "2.wsbundle")
    assert outcome.status == "refused"
    assert "revoked" in outcome.reason
    assert hub_dump(hub.hub) == before
    refusal = hub.hub.refusals()[-1]
    assert (refusal.reason, hub.hub.refused_content(refusal.id), refusal.file_name) == (
        outcome.reason,
        later,
        "2.wsbundle",
    )


def test_importing_the_same_bundle_again_changes_nothing_and_says_so(
    laptop, workshop, hub, tmp_path
):
    install(laptop, hub)
    laptop.run(lambda s: add_note(s, workshop.id, "Once only"))
    data = export(laptop, workshop.id, tmp_path / "w.wsbundle")
    assert hub.bring_approved(data).status == "merged"
    before = hub_dump(hub.hub)
    again = hub.bring(data)
    assert again.status == "already"
    assert hub_dump(hub.hub) == before
    assert _bundles(hub) == 1


def test_two_imports_of_one_bundle_at_the_same_moment_merge_it_once(
    laptop, workshop, hub, new_hub, tmp_path
):
    install(laptop, hub)
    for i in range(200):
        laptop.run(lambda s, i=i: add_note(s, workshop.id, f"Note {i}"))
    data = export(laptop, workshop.id, tmp_path / "w.wsbundle")
    url = hub.hub.store.url
    handles = [hub, new_hub(url)]  # two members of staff, two connections
    start = threading.Barrier(2)
    outcomes: list = [None, None]
    errors: list[BaseException] = []

    def run(i: int) -> None:
        try:
            source = handles[i].source()
            source()  # unlock the key before the race, so both reach the insert together
            start.wait()
            outcomes[i] = handles[i].hub.import_bundle(data, "w.wsbundle", source, approve_new=True)
        except BaseException as exc:  # reported below, with the thread's own traceback
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors, errors
    assert sorted(o.status for o in outcomes) == ["already", "merged"]
    assert _bundles(hub) == 1
    assert len(hub_dump(hub.hub)["notes"]) == 200


def _two_laptops_of_one_workshop(laptops, hub):
    """Laptop a starts the workshop; laptop b gets a copy; both take notes and both edit the
    same note from the same base (a conflict). Returns the laptops, the workshop's id and
    that note's."""
    two = one_note_on_two_laptops(laptops, hub)
    a, b, wid, shared = two.a, two.b, two.workshop_id, two.note_id
    for text in ("Warm hub", "Youth club"):
        a.run(lambda s, t=text: add_note(s, wid, t))
    for text in ("Surgery on Saturdays", "Allotments"):
        b.run(lambda s, t=text: add_note(s, wid, t))
    a.run(lambda s: edit_note(s, shared, text="Bus to Machynlleth, hourly"))
    b.run(lambda s: edit_note(s, shared, text="Bus to Machynlleth on Sundays"))
    return a, b, wid, shared


def test_bundles_arriving_in_either_order_give_the_same_hub(laptops, new_hub, tmp_path):
    first = new_hub()
    a, b, wid, shared = _two_laptops_of_one_workshop(laptops, first)
    bundle_a = export(a, wid, tmp_path / "a.wsbundle")
    bundle_b = export(b, wid, tmp_path / "b.wsbundle")
    second = new_hub()
    # The second hub holds the same key pair (the bundles are encrypted to the first).
    sealed = first.hub.store.read(lambda s: s.get(HubSetting, "private_key").value)
    public = first.hub.store.read(lambda s: s.get(HubSetting, "public_key").value)

    def copy_key(s):
        s.get(HubSetting, "private_key").value = sealed
        s.get(HubSetting, "public_key").value = public

    second.hub.store.run(copy_key)

    for data in (bundle_a, bundle_b):
        assert first.bring_approved(data).status == "merged"
    for data in (bundle_b, bundle_a, bundle_b):
        assert second.bring_approved(data).status in ("merged", "already")
    dump_1, dump_2 = hub_dump(first.hub), hub_dump(second.hub)
    assert dump_1 == dump_2
    texts = sorted(row["text"] for row in dump_1["notes"])
    assert len(texts) == len(set(texts)) == 5  # no duplicates, no lost notes
    assert len(dump_1["workshops"]) == 1  # two laptops, one workshop
    conflicts = hub_conflicts(first.hub)
    assert conflicts == hub_conflicts(second.hub)
    assert [(c[0], c[1]) for c in conflicts] == [("notes", shared)]
    [listed] = first.hub.conflicts()
    assert "Bus to Machynlleth" in listed.set_aside


def test_an_old_bundle_never_brings_a_deleted_note_back(laptop, workshop, hub, tmp_path):
    install(laptop, hub)
    note = laptop.run(lambda s: add_note(s, workshop.id, "Soon deleted")).id
    old = export(laptop, workshop.id, tmp_path / "old.wsbundle")
    laptop.run(lambda s: delete_notes(s, [note]))
    new = export(laptop, workshop.id, tmp_path / "new.wsbundle")
    assert hub.bring_approved(new, "new.wsbundle").status == "merged"
    outcome = hub.bring(old, "old.wsbundle")
    assert outcome.status == "merged" and outcome.merge.kept_local >= 1
    [row] = hub_dump(hub.hub)["notes"]
    assert row["id"] == note and row["deleted_at"] is not None


def test_a_wrong_passphrase_imports_nothing_and_keeps_nothing_aside(
    laptop, workshop, hub, tmp_path
):
    install(laptop, hub)
    data = export(laptop, workshop.id, tmp_path / "w.wsbundle")
    with pytest.raises(SyncError, match="passphrase is wrong"):
        hub.hub.import_bundle(data, "w.wsbundle", hub.source("not " + PASSPHRASE))
    assert _bundles(hub) == 0
    assert hub.hub.refusals() == []
    assert hub_dump(hub.hub)["workshops"] == []


def test_the_hub_lists_its_workshops_with_counts_and_laptops(laptops, hub, tmp_path):
    a, b, wid, _ = _two_laptops_of_one_workshop(laptops, hub)
    for db, name in ((a, "a"), (b, "b")):
        hub.bring_approved(export(db, wid, tmp_path / f"{name}.wsbundle"), name)
    [listed] = hub.hub.workshops()
    assert (listed.id, listed.title, listed.notes, listed.laptops) == (wid, "Tywyn", 5, 2)
    assert listed.last_import is not None


def test_a_name_released_by_consent_given_later_reaches_the_hub(laptop, workshop, hub, tmp_path):
    install(laptop, hub)
    fields = ParticipantFields(name="Zebedee Quartermaine")
    person = laptop.run(
        lambda s: add_participant(s, workshop.id, fields, ConsentChoices(take_part=True), "Desk")
    )
    hub.bring_approved(export(laptop, workshop.id, tmp_path / "1.wsbundle"), "1")
    [row] = hub_dump(hub.hub)["participants"]
    assert row["name"] == ""  # taking part, but not to be named: the name stays behind

    named = ConsentChoices(take_part=True, quote="full_name")
    laptop.run(lambda s: update_participant(s, person.id, fields, named, "Desk"))
    assert hub.bring(export(laptop, workshop.id, tmp_path / "2.wsbundle"), "2").status == "merged"
    [row] = hub_dump(hub.hub)["participants"]
    assert row["name"] == "Zebedee Quartermaine"

    laptop.run(lambda s: withdraw_participant(s, person.id, "Desk"))
    assert hub.bring(export(laptop, workshop.id, tmp_path / "3.wsbundle"), "3").status == "merged"
    [row] = hub_dump(hub.hub)["participants"]
    assert row["name"] == ""


def test_an_import_killed_part_way_leaves_the_hub_unchanged_and_can_be_run_again(
    laptop, workshop, hub, tmp_path, monkeypatch
):
    from workshop_app.sync import hub_bulk
    from workshop_app.sync import hub_merge as hub_merge_module

    install(laptop, hub)
    for text in ("One", "Two", "Three"):
        laptop.run(lambda s, t=text: add_note(s, workshop.id, t))
    data = export(laptop, workshop.id, tmp_path / "w.wsbundle")

    def dies_after_the_workshop(session, rows_by_table, held=None, **_options):
        hub_bulk.bulk_merge_rows(session, "workshops", rows_by_table["workshops"])
        session.flush()
        raise KeyboardInterrupt  # the power cord, or Ctrl+C, half-way through

    monkeypatch.setattr(hub_merge_module, "bulk_merge_tables", dies_after_the_workshop)
    with pytest.raises(KeyboardInterrupt):
        hub.bring_approved(data)
    assert all(rows == [] for rows in hub_dump(hub.hub).values())
    assert _bundles(hub) == 0
    assert hub.hub.refusals() == []

    monkeypatch.undo()
    assert hub.bring_approved(data).status == "merged"
    assert len(hub_dump(hub.hub)["notes"]) == 3


@pytest.mark.parametrize(("year", "words"), [(2019, "years behind"), (2099, "ahead of the hub's")])
def test_a_laptop_with_a_wrong_clock_still_merges_and_is_flagged(
    laptops, hub, tmp_path, year, words
):
    from datetime import UTC, datetime

    wrong = laptops(f"clock{year}")
    wall = int(datetime(year, 6, 1, tzinfo=UTC).timestamp() * 1000)
    wrong.clock._wall_ms = lambda: wall  # the laptop's CMOS battery, not ours to fix
    install(wrong, hub)
    w = wrong.run(lambda s: create_workshop(s, WorkshopFields(title="Aberdyfi"), "blank"))
    wrong.run(lambda s: add_note(s, w.id, "Tide times on the noticeboard"))
    outcome = hub.bring_approved(export(wrong, w.id, tmp_path / "w.wsbundle"))
    assert outcome.status == "merged"
    assert any(words in warning for warning in outcome.warnings), outcome.warnings
    assert [r["text"] for r in hub_dump(hub.hub)["notes"]] == ["Tide times on the noticeboard"]


def test_a_known_workshop_under_another_title_merges_by_stamp_and_is_flagged(
    laptops, hub, tmp_path
):
    a, b, wid, _ = _two_laptops_of_one_workshop(laptops, hub)
    assert hub.bring_approved(export(a, wid, tmp_path / "a.wsbundle"), "a").warnings == []
    b.run(lambda s: update_workshop(s, wid, WorkshopFields(title="Tywyn (renamed)")))
    outcome = hub.bring_approved(export(b, wid, tmp_path / "b.wsbundle"), "b")
    assert outcome.status == "merged"
    assert any("Tywyn (renamed)" in warning for warning in outcome.warnings)
    assert [row["title"] for row in hub_dump(hub.hub)["workshops"]] == ["Tywyn (renamed)"]
