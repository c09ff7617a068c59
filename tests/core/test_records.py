"""Every synced record carries what a merge across laptops needs (DESIGN.md, data rules)."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime, timedelta

from sqlalchemy import text

from workshop_app.core import records
from workshop_app.core.clusters import create_cluster, dissolve_cluster
from workshop_app.core.notes import delete_notes, edit_note, move_notes, stack_duplicates
from workshop_app.core.themes import add_theme, delete_theme, rename_theme
from workshop_app.core.workshops import set_archived
from workshop_app.store.clock import Stamp

TABLES = ("workshops", "themes", "clusters", "notes")


def _is_utc_iso(value: str) -> bool:
    if not value.endswith("Z"):
        return False
    parsed = datetime.fromisoformat(value)
    return parsed.utcoffset() == timedelta(0)


def _busy_board(db, workshop, themes, add):
    """Exercise every kind of change so every kind of record gets written and rewritten."""
    a, b = add("Warm hubs", themes[0].id), add("Warm spaces", themes[0].id)
    c, d = add("Skills centre", themes[2].id), add("Apprenticeships")
    cluster = db.run(lambda s: create_cluster(s, [a, c], "Warmth"))
    db.run(lambda s: stack_duplicates(s, a, [a, b]))
    db.run(lambda s: edit_note(s, c, text="Skills centre in the old bank"))
    db.run(lambda s: move_notes(s, [d], themes[3].id))
    other = db.run(lambda s: create_cluster(s, [d], ""))
    db.run(lambda s: dissolve_cluster(s, other.id))
    extra = db.run(lambda s: add_theme(s, workshop.id, "Transport"))
    db.run(lambda s: rename_theme(s, extra.id, "Transport & travel"))
    db.run(lambda s: delete_notes(s, [c]))
    db.run(lambda s: delete_theme(s, themes[1].id))
    db.run(lambda s: set_archived(s, workshop.id, True))
    with db.transaction() as s:
        delete_notes(s, [a])
        change = records.take_change(s)
    db.run(lambda s: records.apply_states(s, change.before))
    return cluster


def _all_rows(db) -> list[tuple[str, dict]]:
    def query(session):
        return [
            (table, dict(row))
            for table in TABLES
            for row in session.execute(text(f"SELECT * FROM {table}")).mappings()
        ]

    return db.read(query)


def test_every_record_has_uuid_utc_times_device_and_a_parseable_rev(db, workshop, themes, add):
    _busy_board(db, workshop, themes, add)
    rows = _all_rows(db)
    assert {table for table, _ in rows} == set(TABLES)

    for table, row in rows:
        where = f"{table} {row['id']}"
        assert str(uuid.UUID(row["id"])) == row["id"], where
        assert _is_utc_iso(row["created_at"]), where
        assert _is_utc_iso(row["updated_at"]), where
        assert row["created_at"] <= row["updated_at"], where
        assert row["device_id"] == db.device_id, where
        stamp = Stamp.parse(row["rev"])
        assert str(stamp) == row["rev"], where
        assert stamp.device_id == db.device_id, where
        if row["base_rev"] is not None:
            assert Stamp.parse(row["base_rev"]) < stamp, where
        if row["deleted_at"] is not None:
            assert _is_utc_iso(row["deleted_at"]), where
        if table == "workshops" and row["archived_at"] is not None:
            assert _is_utc_iso(row["archived_at"]), where


def test_revs_are_unique_across_the_store(db, workshop, themes, add):
    _busy_board(db, workshop, themes, add)
    revs = [row["rev"] for _, row in _all_rows(db)]
    assert len(revs) == len(set(revs))


def test_after_a_restart_the_clock_moves_past_the_newest_rev_on_disk(db, workshop, add):
    from workshop_app.store.database import Database

    nid = add("Written while the clock ran fast")
    # A wall clock a month fast (then put right): its stamps are the newest on disk.
    db.clock._last = Stamp(db.clock.last.wall_ms + 30 * 86_400_000, 0, db.device_id)
    db.run(lambda s: edit_note(s, nid, text="Still fast"))
    fast = max(Stamp.parse(row["rev"]) for _, row in _all_rows(db))
    db.close()
    with sqlite3.connect(db.path) as conn:
        conn.execute("DELETE FROM local_meta WHERE key = 'hlc'")  # nothing written down

    reopened = Database.open(db.data_dir)
    try:
        reopened.run(lambda s: edit_note(s, nid, text="After the restart"))
        rev, base = _rev_pair(reopened, nid)
    finally:
        reopened.close()
    assert Stamp.parse(rev) > fast, "a later change must order after every earlier one"
    assert base == str(fast)


def test_changed_records_point_back_at_the_rev_they_replaced(db, workshop, add):
    nid = add("First words")

    def rev_pair():
        with db.engine.connect() as conn:
            return conn.exec_driver_sql(
                "SELECT rev, base_rev FROM notes WHERE id = ?", (nid,)
            ).one()

    first_rev, first_base = rev_pair()
    assert first_base is None
    db.run(lambda s: edit_note(s, nid, text="Second words"))
    second_rev, second_base = rev_pair()
    assert second_base == first_rev
    assert Stamp.parse(second_rev) > Stamp.parse(first_rev)


def _rev_pair(db, nid: str) -> tuple[str, str | None]:
    with db.engine.connect() as conn:
        return tuple(
            conn.exec_driver_sql("SELECT rev, base_rev FROM notes WHERE id = ?", (nid,)).one()
        )


def test_a_record_made_and_changed_in_one_action_has_no_base(db, workshop, themes):
    from workshop_app.core.notes import add_note

    with db.transaction() as s:
        nid = add_note(s, workshop.id, "Draft", themes[0].id).id
        edit_note(s, nid, text="Final words")
        move_notes(s, [nid], themes[1].id)
    rev, base = _rev_pair(db, nid)
    # Any base would be a stamp that never left the transaction: no other laptop can hold it.
    assert base is None
    assert Stamp.parse(rev).device_id == db.device_id


def test_a_record_changed_twice_in_one_action_keeps_the_base_it_had(db, workshop, themes, add):
    nid = add("First words")
    first_rev, _ = _rev_pair(db, nid)
    with db.transaction() as s:
        edit_note(s, nid, text="Second words")
        move_notes(s, [nid], themes[2].id)
        edit_note(s, nid, text="Third words")
    rev, base = _rev_pair(db, nid)
    assert base == first_rev
    assert Stamp.parse(rev) > Stamp.parse(first_rev)


def test_a_change_that_forgets_to_journal_cannot_pass_silently(db, workshop, add):
    import pytest

    from workshop_app.store.models import Note

    nid = add("Stamped properly")
    before = _rev_pair(db, nid)

    def edit_without_touch(s):
        s.get(Note, nid).text = "Sneaked in"

    def add_without_created(s):
        s.add(Note(id=records.new_id(), workshop_id=workshop.id, theme_id="x", text="Sneaked"))

    for unjournaled in (
        edit_without_touch,
        add_without_created,
        lambda s: s.delete(s.get(Note, nid)),
    ):
        with pytest.raises(records.UnjournaledChangeError):
            db.run(unjournaled)
    assert _rev_pair(db, nid) == before
    assert db.read(lambda s: s.get(Note, nid).text) == "Stamped properly"


def test_the_journal_of_a_failed_action_does_not_leak_into_a_reused_session(db, add):
    from workshop_app.store.models import Note

    nid, other = add("One"), add("Two")
    session = db.session()
    try:
        edit_note(session, nid, text="Half done")
        session.rollback()
        edit_note(session, other, text="Done")
        change = records.take_change(session)
        session.commit()
    finally:
        session.close()
    assert set(change.before) == {("notes", other)}
    assert db.read(lambda s: s.get(Note, nid).text) == "One"
