"""A data folder that cannot be used, or a damaged database: one line, non-zero, no traceback."""

from __future__ import annotations

import os
from pathlib import Path

from e2e_support import Cli


def test_data_dir_is_a_file(cli: Cli, tmp_path: Path) -> None:
    a_file = tmp_path / "not-a-folder"
    a_file.write_bytes(b"precious")
    message = cli.fails("workshops", data_dir=a_file)
    assert str(a_file) in message
    assert a_file.read_bytes() == b"precious"


def test_data_dir_under_a_file(cli: Cli, tmp_path: Path) -> None:
    a_file = tmp_path / "plain-file"
    a_file.write_bytes(b"precious")
    message = cli.fails("demo", data_dir=a_file / "sub")
    assert "plain-file" in message
    assert a_file.read_bytes() == b"precious"


def test_garbage_database_is_reported_damaged_and_left_alone(cli: Cli) -> None:
    cli.data_dir.mkdir()
    db_file = cli.data_dir / "workshop.db"
    garbage = b"this is not SQLite\x00" + os.urandom(8192)
    db_file.write_bytes(garbage)
    message = cli.fails("workshops", "--json")
    assert "damaged" in message
    assert db_file.read_bytes() == garbage
