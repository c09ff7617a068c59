"""Data folders that cannot be used, and a full disk: one clear line, nothing half-written."""

from __future__ import annotations

import os

import pytest
from sqlalchemy import event, func, select

from workshop_app.core.notes import add_note
from workshop_app.store.database import DB_FILENAME, Database
from workshop_app.store.errors import DiskFullError, ReadOnlyError, StorageError
from workshop_app.store.models import Note

RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _assert_one_line(exc: BaseException) -> None:
    message = str(exc)
    assert message.strip()
    assert "\n" not in message and "\r" not in message
    assert "Traceback" not in message


def test_a_data_folder_that_is_a_file_is_refused(tmp_path):
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("my shopping list", encoding="utf-8")

    with pytest.raises(StorageError) as caught:
        Database.open(not_a_folder)

    _assert_one_line(caught.value)
    assert str(not_a_folder) in str(caught.value)
    assert not_a_folder.read_text(encoding="utf-8") == "my shopping list"


def test_a_data_folder_under_a_file_is_refused(tmp_path):
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x", encoding="utf-8")

    with pytest.raises(StorageError) as caught:
        Database.open(a_file / "sub")

    _assert_one_line(caught.value)
    assert a_file.read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(
    RUNNING_AS_ROOT, reason="root ignores folder permissions, so chmod cannot make it read-only"
)
def test_a_read_only_data_folder_is_refused(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(ReadOnlyError) as caught:
            Database.open(folder)
        _assert_one_line(caught.value)
        assert not (folder / DB_FILENAME).exists()
    finally:
        folder.chmod(0o700)


@pytest.mark.skipif(
    RUNNING_AS_ROOT, reason="root ignores folder permissions, so chmod cannot make it read-only"
)
def test_a_data_folder_that_cannot_be_created_is_refused(tmp_path):
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o500)
    try:
        with pytest.raises(StorageError) as caught:
            Database.open(parent / "data")
        _assert_one_line(caught.value)
    finally:
        parent.chmod(0o700)


def test_disk_full_is_reported_and_nothing_is_half_written(db, workshop):
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    limit = pages + 30  # room for a handful of big notes, then the "disk" is full

    def cap_size(dbapi_conn, _record):
        dbapi_conn.execute(f"PRAGMA max_page_count = {limit}")

    db.engine.dispose()
    event.listen(db.engine, "connect", cap_size)

    saved: dict[str, str] = {}
    failure: StorageError | None = None
    for i in range(200):
        body = f"note {i}: " + "the bus to town stops at six " * 700
        try:
            info = db.run(lambda s, body=body: add_note(s, workshop.id, body))
        except StorageError as exc:
            failure = exc
            break
        saved[info.id] = body

    assert isinstance(failure, DiskFullError)
    _assert_one_line(failure)
    assert saved, "the cap should leave room for at least one note"

    assert db.integrity_check() == "ok"
    stored = db.read(lambda s: {row.id: row.text for row in s.execute(select(Note.id, Note.text))})
    assert stored == saved

    # Still true after the app is restarted on the same folder.
    event.remove(db.engine, "connect", cap_size)
    db.close()
    reopened = Database.open(db.data_dir)
    try:
        assert reopened.integrity_check() == "ok"
        count = reopened.read(lambda s: s.scalar(select(func.count()).select_from(Note)))
        assert count == len(saved)
        # Space is back: the next note saves.
        reopened.run(lambda s: add_note(s, workshop.id, "space again"))
    finally:
        reopened.close()


def test_disk_full_inside_a_transaction_block_is_a_disk_full_error(db, workshop):
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def cap_size(dbapi_conn, _record):
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 2}")

    db.engine.dispose()
    event.listen(db.engine, "connect", cap_size)

    with pytest.raises(DiskFullError), db.transaction() as session:
        for _ in range(20):
            add_note(session, workshop.id, "x" * 50_000)

    assert db.integrity_check() == "ok"
    assert db.read(lambda s: s.scalar(select(func.count()).select_from(Note))) == 0
