"""Kill -9 in the middle of work: every note reported saved is still there, the database passes
integrity_check, and an interrupted import is all there or not there at all."""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from e2e_support import Cli, cli_env, live_notes, new_workshop

from workshop_app.store.database import Database
from workshop_app.store.models import Note

pytestmark = pytest.mark.slow

HELPER = Path(__file__).with_name("capture_loop.py")
LINE_TIMEOUT = 30


def reader(stream, lines: queue.Queue) -> threading.Thread:
    def pump() -> None:
        for line in stream:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return thread


def check_store(data_dir: Path, promised: set[str]) -> int:
    """Open the folder as the app would after a crash; return how many live notes it holds."""
    db = Database.open(data_dir)
    try:
        assert db.integrity_check() == "ok"
        with db.session() as s:
            rows = s.query(Note.id, Note.deleted_at).filter(Note.id.in_(promised)).all()
            live = s.query(Note).filter(Note.deleted_at.is_(None)).count()
    finally:
        db.close()
    found = {nid for nid, deleted_at in rows if deleted_at is None}
    assert found == promised, f"lost {len(promised - found)} of {len(promised)} saved notes"
    return live


def capture_then_kill(
    tmp_path: Path, data_dir: Path, workshop: str, label: str, kill_after: int
) -> tuple[str, list[str]]:
    proc = subprocess.Popen(
        [sys.executable, str(HELPER), str(data_dir), workshop, label],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(tmp_path),
        encoding="utf-8",
    )
    lines: queue.Queue = queue.Queue()
    reader(proc.stdout, lines)
    saved: list[str] = []
    try:
        first = lines.get(timeout=LINE_TIMEOUT)
        assert first is not None and first.startswith("workshop "), proc.stderr.read()
        workshop = first.split()[1]
        started = time.monotonic()
        while len(saved) < kill_after or time.monotonic() - started < 0.3:
            line = lines.get(timeout=LINE_TIMEOUT)
            assert line is not None, f"capture loop died: {proc.stderr.read()}"
            saved.append(line)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=LINE_TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    # Lines already printed but not yet read were promised too.
    while (line := lines.get(timeout=LINE_TIMEOUT)) is not None:
        saved.append(line)
    proc.stdout.close()
    proc.stderr.close()
    return workshop, saved


def test_kill_during_capture_loses_nothing_saved(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    rng = random.Random()
    workshop = "new"
    promised: set[str] = set()
    for round_, target in enumerate((50, 120, 200)):
        workshop, saved = capture_then_kill(
            tmp_path, data_dir, workshop, f"round {round_}", target + rng.randrange(10)
        )
        assert len(saved) >= target
        promised.update(saved)
        live = check_store(data_dir, promised)
        # Per kill, at most the one note committed between its commit and its print is unreported.
        assert len(promised) <= live <= len(promised) + round_ + 1
    assert len(promised) >= 370


def big_notes_file(path: Path, count: int = 500) -> list[str]:
    # Big enough (about 4 MB) that SQLite spills pages into the WAL before the commit.
    texts = [f"Imported note {i}: " + "Ysgol, bws, siop; " * 450 + "🚌" for i in range(count)]
    path.write_text("\n".join(texts) + "\n", encoding="utf-8")
    return texts


def test_killed_import_is_all_or_nothing(cli: Cli, tmp_path: Path) -> None:
    wid = new_workshop(cli.data_dir, "Import crash").id
    file = tmp_path / "big.txt"
    texts = big_notes_file(file)
    wal = cli.data_dir / "workshop.db-wal"
    rng = random.Random()
    outcomes = []
    # First kill: once the WAL is growing, i.e. certainly inside the import's transaction.
    # Then two kills after a short random delay.
    for mode in ("wal", "random", "random"):
        before = live_notes(cli.data_dir, wid)
        proc = subprocess.Popen(
            cli.argv("notes", "import", wid, file, "--data-dir", cli.data_dir),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=cli.env,
        )
        try:
            started = time.monotonic()
            if mode == "wal":
                while proc.poll() is None and time.monotonic() - started < LINE_TIMEOUT:
                    if wal.exists() and wal.stat().st_size > 600_000:
                        break
                    time.sleep(0.002)
            else:
                time.sleep(rng.uniform(0.6, 1.8))
            killed = proc.poll() is None
            if killed:
                os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=LINE_TIMEOUT)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        db = Database.open(cli.data_dir)
        try:
            assert db.integrity_check() == "ok"
        finally:
            db.close()
        after = live_notes(cli.data_dir, wid)
        added = sorted(v[0] for k, v in after.items() if k not in before)
        assert after.items() >= before.items()
        assert added in ([], sorted(texts)), f"{mode}: {len(added)} of 500 notes imported"
        outcomes.append((mode, killed, len(added)))
    # The WAL-triggered kill really happened mid-import, and rolled everything back.
    assert outcomes[0] == ("wal", True, 0), outcomes
