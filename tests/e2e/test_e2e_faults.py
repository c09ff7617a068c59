"""Hostile input and faults through the real command (issue 9): each refused in one clear line,
never a traceback, never a hang."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest
from e2e_support import Cli, assert_one_line_error, new_workshop


def test_a_relative_data_dir_is_the_same_folder_for_every_command(cli: Cli) -> None:
    made = cli.raw("--data-dir", "rel", "demo")
    assert made.returncode == 0, made.stderr
    listed = cli.raw("--data-dir", "rel", "workshops")
    assert listed.returncode == 0, listed.stderr
    assert "Traceback" not in listed.stderr
    assert made.stdout.strip() in listed.stdout
    assert (cli.tmp_path / "rel" / "workshop.db").is_file()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")
def test_importing_a_named_pipe_is_refused_not_waited_on(cli: Cli, tmp_path: Path) -> None:
    workshop = new_workshop(cli.data_dir)
    fifo = tmp_path / "notes.txt"
    os.mkfifo(fifo)
    result = cli.raw("notes", "import", workshop.id, fifo, "--data-dir", cli.data_dir, timeout=20)
    message = assert_one_line_error(result)
    assert "notes.txt" in message and "not a file" in message


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_importing_an_endless_device_is_refused(cli: Cli) -> None:
    workshop = new_workshop(cli.data_dir)
    for command in (("notes", "import", workshop.id), ("participants", "import", workshop.id)):
        result = cli.raw(*command, "/dev/zero", "--data-dir", cli.data_dir, timeout=20)
        assert "not a file" in assert_one_line_error(result)


def _wind_back_schema(data_dir: Path, revision: str) -> None:
    conn = sqlite3.connect(data_dir / "workshop.db")
    try:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        conn.commit()
    finally:
        conn.close()


def test_a_wound_back_schema_is_one_line_naming_the_file_and_backups(cli: Cli) -> None:
    new_workshop(cli.data_dir)
    _wind_back_schema(cli.data_dir, "0003")
    before = (cli.data_dir / "workshop.db").read_bytes()
    messages = [cli.fails("workshops") for _ in range(3)]
    assert all(m == messages[0] for m in messages)
    assert str(cli.data_dir / "workshop.db") in messages[0]
    assert "backups" in messages[0]
    # Retrying does not pile up copies of the same database in backups/.
    assert len(list((cli.data_dir / "backups").glob("*.db"))) == 1
    assert (cli.data_dir / "workshop.db").read_bytes() == before


def test_an_unexpected_error_at_the_top_is_one_line(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Whatever goes wrong below (here a bug raising a plain RuntimeError), the command line
    ends with one line on stderr and exit code 1, never a traceback."""
    from workshop_app import cli as cli_module
    from workshop_app import commands

    def broken(_args: object) -> int:
        raise RuntimeError("something nobody foresaw")

    monkeypatch.setitem(commands.COMMANDS, "demo", broken)
    code = cli_module.main(["demo", "--data-dir", str(cli.data_dir)])
    captured = capsys.readouterr()
    assert code == 1
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("workshop-app: ")
    assert "something nobody foresaw" in lines[0]
    assert "Traceback" not in captured.err
    # The whole story is in the data folder's log, which the line names.
    log = cli.data_dir / "logs" / "workshop-app.log"
    assert str(log) in lines[0]
    assert "Traceback" in log.read_text(encoding="utf-8")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_an_export_gets_the_usual_permissions_of_a_file_the_person_asked_for(
    cli: Cli, tmp_path: Path
) -> None:
    workshop = new_workshop(cli.data_dir)
    old = os.umask(0o022)
    try:
        cli.ok("notes", "export", workshop.id, "--out", tmp_path / "notes.csv")
    finally:
        os.umask(old)
    assert (tmp_path / "notes.csv").stat().st_mode & 0o777 == 0o644


def test_typed_escape_sequences_cannot_drive_the_terminal(cli: Cli) -> None:
    from workshop_app.core.consent import ConsentChoices
    from workshop_app.core.participants import ParticipantFields, add_participant
    from workshop_app.store.database import Database

    title = "Hall \x1b]0;pwned\x07 \x1b[2J\x9b done"
    workshop = new_workshop(cli.data_dir, title)
    db = Database.open(cli.data_dir)
    try:
        db.run(
            lambda s: add_participant(
                s,
                workshop.id,
                ParticipantFields(name="Ann \x1b[2J\x1b[31mRed"),
                ConsentChoices(take_part=True),
                "desk",
            )
        )
    finally:
        db.close()
    for command in (("workshops",), ("participants", workshop.id)):
        out = cli.ok(*command)
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out, out
        assert "␛" in out
    # JSON keeps the text exactly (escaped the JSON way).
    import json

    listed = json.loads(cli.ok("workshops", "--json"))
    assert listed["workshops"][0]["title"] == title


def test_an_empty_data_dir_is_refused_not_taken_for_the_current_folder(cli, tmp_path) -> None:
    import subprocess

    done = subprocess.run(
        cli.argv("--data-dir=", "workshops"), cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "give the folder's name" in done.stderr
    assert list(tmp_path.iterdir()) == []  # no store was made where the command was typed
