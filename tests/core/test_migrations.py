"""Schema migrations: a fresh store is at head, newer or damaged files are refused untouched,
and the pre-migration backup is a working copy."""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from workshop_app.core.board import load_board
from workshop_app.core.notes import add_note
from workshop_app.store import migrate as migrate_mod
from workshop_app.store.database import DB_FILENAME, Database
from workshop_app.store.errors import CorruptDatabaseError, NewerDatabaseError, StorageError
from workshop_app.store.migrate import alembic_config
from workshop_app.store.models import Base
from workshop_app.store.schema_version import head_revision, known_revisions


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def _rows(path, table: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return sorted(conn.execute(f"SELECT * FROM {table}").fetchall(), key=repr)
    finally:
        conn.close()


def test_a_fresh_folder_gets_the_schema_at_head(db):
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == _head()
        tables = {
            name
            for (name,) in conn.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'table'"
            )
        }
    assert {"workshops", "themes", "clusters", "notes", "local_meta"} <= tables
    assert db.backup_path is None


def test_migrated_schema_matches_the_models(db):
    # A column in the models but missing from the migrations would fail at the first save.
    with db.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diffs == []


def test_a_database_from_a_newer_app_is_refused_and_left_untouched(tmp_path):
    data = tmp_path / "data"
    db = Database.open(data)
    with db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff'")
    db.close()
    before = (data / DB_FILENAME).read_bytes()

    with pytest.raises(NewerDatabaseError) as caught:
        Database.open(data)

    assert isinstance(caught.value, StorageError)
    message = str(caught.value)
    assert message and "\n" not in message
    assert "newer" in message.lower()
    assert (data / DB_FILENAME).read_bytes() == before
    assert not (data / "backups").exists()
    assert _rows(data / DB_FILENAME, "alembic_version") == [("ffff",)]


def test_a_file_that_is_not_a_database_is_a_storage_error_and_is_kept(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    junk = random.Random(20261123).randbytes(16_384)
    (data / DB_FILENAME).write_bytes(junk)

    with pytest.raises(CorruptDatabaseError) as caught:
        Database.open(data)

    assert isinstance(caught.value, StorageError)
    message = str(caught.value)
    assert message and "\n" not in message
    # Never overwrite what might still be rescued.
    assert (data / DB_FILENAME).read_bytes() == junk


def test_another_programs_sqlite_file_is_refused_and_left_untouched(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    conn = sqlite3.connect(data / DB_FILENAME)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('someone else''s data')")
    conn.commit()
    conn.close()
    before = (data / DB_FILENAME).read_bytes()

    with pytest.raises(StorageError) as caught:
        Database.open(data)

    message = str(caught.value)
    assert message and "\n" not in message
    assert (data / DB_FILENAME).read_bytes() == before


def test_backup_before_migrating_is_a_complete_working_copy(db, workshop, add, themes):
    for i in range(3):
        add(f"Backup me {i} 🌱", themes[i].id)
    board_before = db.read(lambda s: load_board(s, workshop.id))

    backup = migrate_mod._backup(db.path, "0001")

    assert backup.exists()
    assert backup.parent == db.data_dir / "backups"
    assert "0001" in backup.name
    for table in ("workshops", "themes", "notes", "local_meta"):
        assert _rows(backup, table) == _rows(db.path, table)

    # The copy opens as a store of its own and shows the same board.
    restored_dir = db.data_dir.parent / "restored"
    restored_dir.mkdir()
    shutil.copy(backup, restored_dir / DB_FILENAME)
    restored = Database.open(restored_dir)
    try:
        assert restored.integrity_check() == "ok"
        assert restored.device_id == db.device_id
        board_after = restored.read(lambda s: load_board(s, workshop.id))
        assert board_after.cards == board_before.cards
        assert board_after.themes == board_before.themes
        # And it still takes new notes.
        restored.run(lambda s: add_note(s, workshop.id, "after restore"))
    finally:
        restored.close()


def _make_0001_store(folder):
    """A data folder as version 0001 of the app left it: one workshop, two clusters."""
    from alembic import command
    from sqlalchemy import create_engine

    folder.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{folder / DB_FILENAME}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
        book = "created_at, updated_at, device_id, rev"
        stamp = "'2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'dev', 'r'"
        conn.exec_driver_sql(
            f"INSERT INTO workshops (id, title, programme, place, venue, facilitators, prompts,"
            f" theme_template, {book}) VALUES ('w1', 'Old hall', '', '', '', '', '[]', "
            f"'blank', {stamp})"
        )
        conn.exec_driver_sql(
            f"INSERT INTO themes (id, workshop_id, name, colour, position, is_parking_lot,"
            f" {book}) VALUES ('t1', 'w1', 'Parking lot', '#616161', 1e9, 1, {stamp})"
        )
        for i, name in enumerate(["First made", "Second made"]):
            conn.exec_driver_sql(
                f"INSERT INTO clusters (id, workshop_id, theme_id, name, position, {book})"
                # ids sort against creation order, so only a real order column keeps it
                f" VALUES ('c{9 - i}', 'w1', 't1', '{name}', 0, {stamp})"
            )
            conn.exec_driver_sql(
                f"INSERT INTO notes (id, workshop_id, theme_id, cluster_id, text, table_label,"
                f" position, seq, {book}) VALUES ('n{i}', 'w1', 't1', 'c{9 - i}', 'note {i}',"
                f" '', 0, {i + 1}, {stamp})"
            )
    engine.dispose()


def test_an_old_store_is_migrated_after_a_backup_and_keeps_its_data(tmp_path):
    folder = tmp_path / "data"
    _make_0001_store(folder)
    db = Database.open(folder)
    try:
        assert db.backup_path is not None and db.backup_path.exists()
        assert "0001" in db.backup_path.name
        # The backup is the old database exactly: still at 0001, same rows.
        with sqlite3.connect(db.backup_path) as old:
            assert old.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
            assert old.execute("SELECT count(*) FROM notes").fetchone() == (2,)
        board = db.read(lambda s: load_board(s, "w1"))
        assert [c.name for c in board.clusters.values()] == ["First made", "Second made"]
        assert sorted(c.text for c in board.cards.values()) == ["note 0", "note 1"]
        # New clusters order after the migrated ones.
        from workshop_app.core.clusters import create_cluster

        new = db.run(lambda s: add_note(s, "w1", "fresh"))
        db.run(lambda s: create_cluster(s, [new.id], "Made after the upgrade"))
        board = db.read(lambda s: load_board(s, "w1"))
        assert list(board.clusters.values())[-1].name == "Made after the upgrade"
    finally:
        db.close()
    again = Database.open(folder)
    try:
        assert again.backup_path is None  # already at head: no second backup
    finally:
        again.close()


def test_revisions_read_from_file_names_agree_with_alembic():
    """Opening skips Alembic when the file is at head_revision(); if the file names and Alembic
    disagreed, an old database would be opened without being migrated."""
    script = ScriptDirectory.from_config(alembic_config())
    assert known_revisions() == {rev.revision for rev in script.walk_revisions()}
    assert head_revision() == script.get_current_head()


def test_opening_an_up_to_date_store_does_not_import_alembic(tmp_path):
    Database.open(tmp_path).close()
    code = (
        "import sys; from pathlib import Path; "
        "from workshop_app.store.database import Database; "
        f"Database.open(Path({str(tmp_path)!r})).close(); "
        "print('alembic' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
