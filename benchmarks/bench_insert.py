"""Measure 2: adding one durable note against a bare sqlite3 INSERT and COMMIT."""

from __future__ import annotations

import cProfile
import gc
import pstats
import sqlite3
import uuid
from pathlib import Path

from common import (
    Config,
    Result,
    format_profile,
    log,
    make_workshop_db,
    median_ms,
    note_text,
    spread,
    time_each,
)

FLOOR_SCHEMA = """
CREATE TABLE workshops (id VARCHAR(36) PRIMARY KEY, title TEXT NOT NULL);
CREATE TABLE themes (
    id VARCHAR(36) PRIMARY KEY,
    workshop_id VARCHAR(36) NOT NULL REFERENCES workshops(id),
    name TEXT NOT NULL
);
CREATE TABLE notes (
    id VARCHAR(36) PRIMARY KEY,
    created_at VARCHAR(32) NOT NULL,
    updated_at VARCHAR(32) NOT NULL,
    device_id VARCHAR(36) NOT NULL,
    rev VARCHAR(80) NOT NULL,
    base_rev VARCHAR(80),
    deleted_at VARCHAR(32),
    workshop_id VARCHAR(36) NOT NULL REFERENCES workshops(id),
    theme_id VARCHAR(36) NOT NULL REFERENCES themes(id),
    cluster_id VARCHAR(36),
    duplicate_of VARCHAR(36) REFERENCES notes(id),
    text TEXT NOT NULL,
    table_label TEXT NOT NULL,
    position FLOAT NOT NULL,
    seq INTEGER NOT NULL
);
CREATE INDEX ix_notes_workshop_theme ON notes (workshop_id, theme_id);
"""


class FloorStore:
    """The least a durable insert can cost: one INSERT and one COMMIT, same pragmas, no ORM."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path)
        for pragma in (
            "journal_mode=WAL",
            "synchronous=FULL",
            "foreign_keys=ON",
            "secure_delete=ON",
            "busy_timeout=5000",
        ):
            self.conn.execute(f"PRAGMA {pragma}")
        self.conn.executescript(FLOOR_SCHEMA)
        self.workshop_id = str(uuid.uuid4())
        self.theme_id = str(uuid.uuid4())
        self.device_id = str(uuid.uuid4())
        self.conn.execute("INSERT INTO workshops VALUES (?, ?)", (self.workshop_id, "Floor"))
        self.conn.execute(
            "INSERT INTO themes VALUES (?, ?, ?)", (self.theme_id, self.workshop_id, "Theme")
        )
        self.conn.commit()
        self.seq = 0

    def insert(self, text: str) -> None:
        self.seq += 1
        now = "2026-11-23T18:30:00.000Z"
        self.conn.execute(
            "INSERT INTO notes (id, created_at, updated_at, device_id, rev, base_rev, deleted_at,"
            " workshop_id, theme_id, cluster_id, duplicate_of, text, table_label, position, seq)"
            " VALUES (?, ?, ?, ?, ?, NULL, NULL, ?, ?, NULL, NULL, ?, '', 0.0, ?)",
            (
                str(uuid.uuid4()),
                now,
                now,
                self.device_id,
                f"{now}-{self.seq}",
                self.workshop_id,
                self.theme_id,
                text,
                self.seq,
            ),
        )
        self.conn.commit()

    def close(self) -> None:
        self.conn.close()


def bench_insert(cfg: Config, tmp: Path) -> tuple[Result, float | None]:
    from workshop_app.core import notes

    db, wid, theme_ids = make_workshop_db(tmp / "insert-data", "Insert workshop")
    floor_store = FloorStore(tmp / "floor.db")
    theme_id = theme_ids[0]

    def ours_add(i: int) -> object:
        return db.run(lambda s: notes.add_note(s, wid, note_text(i), theme_id))

    def floor_add(i: int) -> object:
        floor_store.insert(note_text(i))
        return None

    try:
        time_each(ours_add, 0, 5)  # warm-up: first-use compilation of the ORM's statements
        time_each(floor_add, 0, 5)
        ours: list[float] = []
        floor: list[float] = []
        n = cfg.insert_batch
        for b in range(cfg.insert_batches):
            pair = [(floor_add, floor), (ours_add, ours)]
            for action, out in pair if b % 2 == 0 else reversed(pair):
                gc.collect()
                out.extend(time_each(action, 1000 + b * n, n))
        log(f"  insert ours:  {spread(ours)}")
        log(f"  insert floor: {spread(floor)}")
    finally:
        floor_store.close()
        db.close()
    result = Result("2. Add one durable note", median_ms(ours), median_ms(floor), "<= 2x", None)
    result.met = result.ratio is not None and result.ratio <= 2.0
    return result, median_ms(floor)


def profile_insert(tmp: Path) -> str:
    from workshop_app.core import notes

    db, wid, theme_ids = make_workshop_db(tmp / "insert-profile", "Insert profile")
    try:
        for i in range(5):
            db.run(lambda s, i=i: notes.add_note(s, wid, note_text(i), theme_ids[0]))
        prof = cProfile.Profile()
        prof.enable()
        for i in range(100):
            db.run(lambda s, i=i: notes.add_note(s, wid, note_text(i), theme_ids[0]))
        prof.disable()
    finally:
        db.close()
    return format_profile(pstats.Stats(prof))
