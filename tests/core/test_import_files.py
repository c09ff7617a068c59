"""Hostile import files (issue 9, points 2 and 5): never a hang, never more read than the limit,
and every refusal a sentence a facilitator can act on, the same for notes and participants."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from workshop_app.core import notes_io, participants_io
from workshop_app.core.errors import ImportFormatError
from workshop_app.core.import_files import megabytes

MB = 1024 * 1024
READERS = {
    "notes": notes_io.read_notes_file,
    "participants": participants_io.read_participants_csv,
}


def refusal(kind: str, path: Path) -> str:
    with pytest.raises(ImportFormatError) as caught:
        READERS[kind](path)
    message = str(caught.value)
    assert message.strip() and "\n" not in message
    return message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
@pytest.mark.parametrize("kind", READERS)
def test_a_named_pipe_is_refused_at_once(kind: str, tmp_path: Path) -> None:
    fifo = tmp_path / "list.csv"
    os.mkfifo(fifo)
    outcome: list[str] = []
    worker = threading.Thread(target=lambda: outcome.append(refusal(kind, fifo)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():
        # Release the stuck reader before failing, so the test run can end.
        with open(fifo, "wb"):
            pass
        worker.join(timeout=5)
        pytest.fail("reading a named pipe waited for a writer instead of refusing it")
    assert "not a file" in outcome[0] and str(fifo) in outcome[0]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
@pytest.mark.parametrize("kind", READERS)
def test_an_endless_device_is_refused(kind: str) -> None:
    assert "not a file" in refusal(kind, Path("/dev/zero"))


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux /proc")
def test_a_file_that_claims_no_size_is_read_no_further_than_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """/proc files are ordinary files whose size says 0 whatever they hold: the limit holds
    on what is read, not on what the size claims."""
    assert Path("/proc/self/maps").stat().st_size == 0
    monkeypatch.setattr(notes_io, "MAX_IMPORT_BYTES", 64)
    message = refusal("notes", Path("/proc/self/maps"))
    assert "larger than" in message and "at most" in message


@pytest.mark.parametrize(
    ("kind", "limit"), [("notes", notes_io.MAX_IMPORT_BYTES), ("participants", 5 * MB)]
)
def test_a_file_just_over_the_limit_is_not_said_to_be_at_the_limit(
    kind: str, limit: int, tmp_path: Path
) -> None:
    path = tmp_path / "big.csv"
    with open(path, "wb") as fh:
        fh.truncate(limit + 105)  # 20.0001 MB: sparse, so the test writes nothing much
    message = refusal(kind, path)
    whole = limit // MB
    assert f"is {whole}.1 MB" in message and f"at most {whole} MB" in message


def test_sizes_are_rounded_up_never_down() -> None:
    assert megabytes(20 * MB) == "20 MB"
    assert megabytes(20 * MB + 1) == "20.1 MB"
    assert megabytes(int(20.5 * MB)) == "20.5 MB"


@pytest.mark.parametrize("kind", READERS)
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf16_spreadsheet_export_says_to_save_as_csv_utf8(
    kind: str, codec: str, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes("name,email,text\nZoë,z@example.org,Mwy o fysiau\n".encode(codec))
    message = refusal(kind, path)
    assert "UTF-16" in message and "'CSV UTF-8'" in message
    assert "binary" not in message


@pytest.mark.parametrize("kind", READERS)
def test_an_empty_file_is_called_empty(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    message = refusal(kind, path)
    assert "is empty" in message
    assert "column" not in message or "starts with" in message


def test_a_huge_cell_is_measured_against_the_notes_rule(db, workshop, tmp_path: Path) -> None:
    path = tmp_path / "notes.csv"
    path.write_text("text\nshort\n" + '"' + "y" * 150_000 + '"\n', encoding="utf-8")
    rows = notes_io.read_notes_file(path)
    assert len(rows[1].text) == 150_000
    with pytest.raises(ImportFormatError) as caught:
        db.run(lambda s: notes_io.import_notes(s, workshop.id, rows))
    message = str(caught.value)
    assert "field limit" not in message
    assert "Line 3" in message and "150,000 characters" in message


def test_a_huge_cell_in_a_participants_file_names_its_line(db, workshop, tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("name,email,take_part\n" + "z" * 150_000 + ",,yes\n", encoding="utf-8")
    rows = participants_io.read_participants_csv(path)
    with pytest.raises(ImportFormatError) as caught:
        db.run(lambda s: participants_io.import_participants(s, workshop.id, rows, "test"))
    message = str(caught.value)
    assert "field limit" not in message
    assert "Line 2" in message and "at most 200 characters" in message
