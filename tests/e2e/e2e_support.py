"""End-to-end helpers: the real `workshop-app` command run as a subprocess.

Every data folder lives under tmp_path, and XDG_DATA_HOME/HOME point into tmp_path as well, so
even a command that ignored --data-dir could not touch the user's real data folder.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from workshop_app.core.workshops import WorkshopFields, WorkshopInfo, create_workshop
from workshop_app.store.database import Database

CLI_TIMEOUT = 60
PREFIX = "workshop-app: "


def cli_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        HOME=str(home),
        XDG_DATA_HOME=str(home / "xdg-data"),
        XDG_CONFIG_HOME=str(home / "xdg-config"),
        # The command line speaks the system's language: the tests read English.
        LANGUAGE="en",
    )
    return env


@dataclass
class Cli:
    tmp_path: Path
    data_dir: Path

    @property
    def env(self) -> dict[str, str]:
        return cli_env(self.tmp_path)

    def argv(self, *args: str | os.PathLike[str]) -> list[str]:
        return [sys.executable, "-m", "workshop_app", *(str(a) for a in args)]

    def raw(self, *args: str | os.PathLike[str], timeout: float = CLI_TIMEOUT):
        """Run the command exactly as given (no --data-dir added)."""
        return subprocess.run(
            self.argv(*args),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=self.env,
            timeout=timeout,
            encoding="utf-8",
            errors="strict",
            cwd=self.tmp_path,
        )

    def run(self, *args: str | os.PathLike[str], data_dir: Path | None = None):
        """Run a sub-command with --data-dir after it (the form scripts use most)."""
        folder = self.data_dir if data_dir is None else data_dir
        return self.raw(*args, "--data-dir", folder) if args else self.raw("--data-dir", folder)

    def ok(self, *args: str | os.PathLike[str], data_dir: Path | None = None) -> str:
        result = self.run(*args, data_dir=data_dir)
        assert result.returncode == 0, (result.returncode, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        return result.stdout

    def fails(self, *args: str | os.PathLike[str], data_dir: Path | None = None) -> str:
        """Run a command that must fail cleanly; returns its one-line message."""
        result = self.run(*args, data_dir=data_dir)
        return assert_one_line_error(result)


def assert_one_line_error(result: subprocess.CompletedProcess, code: int = 1) -> str:
    detail = (result.returncode, result.stdout, result.stderr)
    assert result.returncode == code, detail
    assert "Traceback" not in result.stderr, detail
    assert result.stdout == "", detail
    lines = result.stderr.splitlines()
    assert len(lines) == 1, detail
    assert result.stderr.endswith("\n"), detail
    assert lines[0].startswith(PREFIX), detail
    assert len(lines[0]) > len(PREFIX) + 5, detail
    return lines[0][len(PREFIX) :]


def new_workshop(data_dir: Path, title: str = "Llanidloes town hall") -> WorkshopInfo:
    """Create a workshop in this process (fast) and close the store again."""
    db = Database.open(data_dir)
    try:
        return db.run(lambda s: create_workshop(s, WorkshopFields(title=title)))
    finally:
        db.close()


def table_rows(
    data_dir: Path, tables: Sequence[str] = ("workshops", "themes", "clusters", "notes")
):
    """Every row of the synced tables, for 'nothing changed' checks."""
    conn = sqlite3.connect(data_dir / "workshop.db")
    try:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}
    finally:
        conn.close()


def live_notes(data_dir: Path, workshop_id: str) -> dict[str, tuple[str, str, str | None, str]]:
    """id -> (text, theme name, cluster name, table label) of the workshop's live notes."""
    conn = sqlite3.connect(data_dir / "workshop.db")
    try:
        rows = conn.execute(
            "SELECT n.id, n.text, t.name, c.name, n.table_label FROM notes n "
            "JOIN themes t ON t.id = n.theme_id "
            "LEFT JOIN clusters c ON c.id = n.cluster_id AND c.deleted_at IS NULL "
            "WHERE n.workshop_id = ? AND n.deleted_at IS NULL",
            (workshop_id,),
        ).fetchall()
    finally:
        conn.close()
    return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}
