"""Opening the local store: SQLite pragmas, device identity and the hybrid logical clock."""

from __future__ import annotations

import uuid
from itertools import pairwise

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from workshop_app.core.board import load_board
from workshop_app.core.notes import add_note
from workshop_app.core.workshops import WorkshopFields, create_workshop, update_workshop
from workshop_app.store.clock import HybridClock, Stamp
from workshop_app.store.database import Database
from workshop_app.store.models import LocalMeta, Workshop

YEAR_2100_MS = 4_102_444_800_000
YEAR_2019_MS = 1_546_300_800_000


def _wall(*values: int):
    """A wall clock that reads the given times in turn, then keeps reading the last one."""
    readings = list(values)

    def read() -> int:
        return readings.pop(0) if len(readings) > 1 else readings[0]

    return read


def _pragma(conn, name: str):
    return conn.exec_driver_sql(f"PRAGMA {name}").scalar()


def test_every_connection_is_wal_full_sync_with_foreign_keys_and_secure_delete(db):
    # Twice: once on the pooled connection, once on a brand-new one after the pool is emptied.
    for _ in range(2):
        with db.engine.connect() as conn:
            assert str(_pragma(conn, "journal_mode")).lower() == "wal"
            assert _pragma(conn, "synchronous") == 2  # FULL
            assert _pragma(conn, "foreign_keys") == 1
            assert _pragma(conn, "secure_delete") == 1
        db.engine.dispose()


def test_foreign_keys_are_enforced_not_just_declared(db, workshop):
    with pytest.raises(IntegrityError), db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO notes (id, workshop_id, theme_id, text, table_label, position, seq,"
                " created_at, updated_at, device_id, rev) VALUES ('n1', :w, 'no-such-theme', 'x',"
                " '', 0, 0, 'now', 'now', 'dev', 'rev')"
            ),
            {"w": workshop.id},
        )


def test_device_id_is_minted_once_and_kept_on_reopen(tmp_path):
    data = tmp_path / "data"
    first = Database.open(data)
    device = first.device_id
    first.close()
    assert str(uuid.UUID(device)) == device

    again = Database.open(data)
    try:
        assert again.device_id == device
        stored = again.read(
            lambda s: s.scalars(select(LocalMeta.value).where(LocalMeta.key == "device_id")).all()
        )
        assert stored == [device]
    finally:
        again.close()


def test_a_second_data_folder_is_a_different_device(tmp_path):
    one = Database.open(tmp_path / "one")
    two = Database.open(tmp_path / "two")
    try:
        assert one.device_id != two.device_id
    finally:
        one.close()
        two.close()


def test_reopening_an_existing_store_makes_no_backup(tmp_path):
    data = tmp_path / "data"
    Database.open(data).close()
    again = Database.open(data)
    again.close()
    assert again.backup_path is None
    assert not (data / "backups").exists()


def test_hybrid_clock_never_goes_backwards_when_the_wall_clock_does():
    walls = _wall(1_000, 2_000, 1_500, 1_500, 500, 2_000, 3_000, 10, 3_000)
    clock = HybridClock("device-a", wall_ms=walls)
    stamps = [clock.tick() for _ in range(9)]

    for earlier, later in pairwise(stamps):
        assert later > earlier
        # The text form (what is stored and synced) must sort the same way.
        assert str(later) > str(earlier)
        assert Stamp.parse(str(later)) == later
    assert stamps[-1].wall_ms >= 3_000
    assert all(s.device_id == "device-a" for s in stamps)


def test_stamp_text_keeps_sorting_after_a_long_run_behind_the_wall_clock():
    # A laptop once set to 2100 and then corrected keeps stamping on the 2100 wall time and a
    # climbing counter. Stored revs are compared as text (SQL, JSON lines, merge winners), so
    # the text form must keep sorting like the stamps themselves when the counter gets large.
    clock = HybridClock(
        "device-a", last=Stamp(YEAR_2100_MS, 999_998, "device-a"), wall_ms=lambda: YEAR_2019_MS
    )
    stamps = [clock.tick() for _ in range(3)]
    assert stamps == sorted(stamps)
    assert [str(s) for s in stamps] == sorted(str(s) for s in stamps)


def test_hybrid_clock_moves_past_a_stamp_seen_from_another_laptop():
    clock = HybridClock("device-a", wall_ms=lambda: YEAR_2019_MS)
    remote = Stamp(YEAR_2100_MS, 7, "device-b")
    clock.observe(remote)
    mine = clock.tick()
    assert mine > remote
    assert mine.device_id == "device-a"


def test_changes_keep_capture_order_when_the_laptop_clock_jumps_back(db, workshop):
    # A flat CMOS battery: the wall clock falls back to 2019 halfway through the session.
    walls = _wall(YEAR_2100_MS, YEAR_2100_MS + 5, YEAR_2019_MS, YEAR_2019_MS, YEAR_2019_MS + 1)
    lying = Database(
        db.data_dir,
        db.engine,
        db.device_id,
        HybridClock(db.device_id, db.clock.last, wall_ms=walls),
    )
    ids = [lying.run(lambda s, i=i: add_note(s, workshop.id, f"note {i}")).id for i in range(5)]

    revs = lying.read(
        lambda s: {row.id: row.rev for row in s.execute(text("SELECT id, rev FROM notes"))}
    )
    stamps = [Stamp.parse(revs[i]) for i in ids]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == 5

    board = lying.read(lambda s: load_board(s, workshop.id))
    assert [c.text for c in board.cards.values()] == [f"note {i}" for i in range(5)]


def test_clock_survives_reopen_so_new_stamps_sort_after_old_ones(tmp_path):
    data = tmp_path / "data"
    first = Database.open(data)
    # Changes made while the clock said 2100; then the laptop restarts with a sane clock.
    ahead = Database(
        first.data_dir,
        first.engine,
        first.device_id,
        HybridClock(first.device_id, first.clock.last, wall_ms=lambda: YEAR_2100_MS),
    )
    info = ahead.run(lambda s: create_workshop(s, WorkshopFields(title="Before"), "blank"))
    old_rev = ahead.read(lambda s: s.get(Workshop, info.id).rev)
    first.close()

    reopened = Database.open(data)
    try:
        reopened.run(lambda s: update_workshop(s, info.id, WorkshopFields(title="After")))
        workshop = reopened.read(lambda s: s.get(Workshop, info.id))
        assert workshop.title == "After"
        assert Stamp.parse(workshop.rev) > Stamp.parse(old_rev)
        assert workshop.rev > old_rev
        assert workshop.base_rev == old_rev
    finally:
        reopened.close()
