"""One writer per data folder (issue 9, point 4): a second process is told the folder is in
use, and a crashed process never leaves it stuck."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from workshop_app.store.database import Database
from workshop_app.store.errors import FolderInUseError

HOLDER = (
    "import sys, time\n"
    "from pathlib import Path\n"
    "from workshop_app.store.database import Database\n"
    "db = Database.open(Path(sys.argv[1]))\n"
    "print('open', flush=True)\n"
    "time.sleep(120)\n"
)


def _hold(data_dir: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data_dir)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "open"
    return proc


def test_a_second_process_is_told_the_folder_is_in_use(tmp_path: Path) -> None:
    data = tmp_path / "data"
    holder = _hold(data)
    try:
        with pytest.raises(FolderInUseError) as caught:
            Database.open(data)
        message = str(caught.value)
        assert str(data) in message and "already open" in message and "\n" not in message
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_app_does_not_leave_the_folder_stuck(tmp_path: Path) -> None:
    data = tmp_path / "data"
    holder = _hold(data)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    db = Database.open(data)
    try:
        assert db.integrity_check() == "ok"
    finally:
        db.close()


def test_closing_lets_another_process_open_the_folder(tmp_path: Path) -> None:
    data = tmp_path / "data"
    Database.open(data).close()
    holder = _hold(data)  # would fail to print "open" if this process still held the folder
    holder.kill()
    holder.wait()


def test_two_stores_in_one_process_share_the_folder(tmp_path: Path) -> None:
    first = Database.open(tmp_path / "data")
    second = Database.open(tmp_path / "data")
    first.close()
    try:
        assert second.integrity_check() == "ok"
        # Still held by `second`: another process is kept out until it closes too.
        proc = subprocess.run(
            [sys.executable, "-c", HOLDER.replace("time.sleep(120)", ""), str(tmp_path / "data")],
            capture_output=True,
            text=True,
        )
        assert proc.returncode != 0 and "already open" in proc.stderr
    finally:
        second.close()
