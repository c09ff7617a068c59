"""A real read-only folder and a real full disk (small tmpfs mounts), not simulations.

Mounting needs root with CAP_SYS_ADMIN; where that is missing these tests skip with the reason,
and test_storage_errors.py still covers the same paths by simulation."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop_app.core.notes import add_note
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.store.database import DB_FILENAME, Database
from workshop_app.store.errors import DiskFullError, ReadOnlyError, StorageError


def _mount(target: Path, options: str) -> None:
    if shutil.which("mount") is None:
        pytest.skip("no mount command here")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(target)],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")


@pytest.fixture
def mounted(tmp_path: Path) -> Iterator[callable]:
    mounts: list[Path] = []

    def mount(name: str, options: str) -> Path:
        target = tmp_path / name
        target.mkdir()
        _mount(target, options)
        mounts.append(target)
        return target

    yield mount
    for target in reversed(mounts):
        subprocess.run(["umount", "-l", str(target)], capture_output=True)


def test_a_read_only_folder_gives_one_clear_line(mounted):
    folder = mounted("ro", "ro,size=1m")
    with pytest.raises(ReadOnlyError) as caught:
        Database.open(folder / "data")
    assert "\n" not in str(caught.value)
    assert "read-only" in str(caught.value) or "permission" in str(caught.value)


def test_a_store_on_a_folder_that_became_read_only_refuses_cleanly(mounted, tmp_path):
    folder = mounted("rw", "size=2m")
    db = Database.open(folder)
    workshop = db.run(lambda s: create_workshop(s, WorkshopFields(title="Hall")))
    saved = db.run(lambda s: add_note(s, workshop.id, "Before the remount"))
    db.close()
    subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
    with pytest.raises(StorageError) as caught:
        db = Database.open(folder)
        db.run(lambda s: add_note(s, workshop.id, "After"))
    assert "\n" not in str(caught.value)
    conn = sqlite3.connect(f"{(folder / DB_FILENAME).as_uri()}?immutable=1", uri=True)
    try:
        texts = [t for (t,) in conn.execute("SELECT text FROM notes")]
    finally:
        conn.close()
    assert texts == ["Before the remount"]
    assert saved.text == "Before the remount"


def test_a_full_disk_loses_nothing_already_saved(mounted):
    folder = mounted("small", "size=512k")
    db = Database.open(folder)
    workshop = db.run(lambda s: create_workshop(s, WorkshopFields(title="Hall")))
    saved: list[str] = []
    error: StorageError | None = None
    for i in range(10_000):
        try:
            note = db.run(lambda s, i=i: add_note(s, workshop.id, f"{i} " + "words " * 400))
        except StorageError as exc:
            error = exc
            break
        saved.append(note.id)
    db.close()
    assert isinstance(error, DiskFullError), repr(error)
    assert "\n" not in str(error) and "full" in str(error)
    assert saved, "some notes should have fitted before the disk filled"
    conn = sqlite3.connect(folder / DB_FILENAME)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        stored = {nid for (nid,) in conn.execute("SELECT id FROM notes WHERE deleted_at IS NULL")}
    finally:
        conn.close()
    assert stored == set(saved)
