"""Bringing a database to the newest schema with Alembic, after copying it aside."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from workshop_app.i18n import _
from workshop_app.store.datafolder import BACKUPS_DIRNAME
from workshop_app.store.errors import ForeignDatabaseError, NewerDatabaseError

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def alembic_config(connection: Any = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = connection
    return cfg


def _backup(db_path: Path, from_rev: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = db_path.parent / BACKUPS_DIRNAME / f"workshop-{stamp}-before-{from_rev}.db"
    target.parent.mkdir(exist_ok=True)
    src = sqlite3.connect(db_path)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def _has_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        names = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).all()
    return bool(names)


def migrate(engine: Engine, db_path: Path) -> Path | None:
    """Bring the schema to head. Returns the backup path when an existing database was migrated."""
    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
    if current == head:
        return None
    if current is None and _has_tables(engine):
        raise ForeignDatabaseError(
            _(
                "{file} is another program's database, not Workshop App's: it was left as it is."
            ).format(file=db_path)
        )
    known = {rev.revision for rev in script.walk_revisions()}
    if current is not None and current not in known:
        raise NewerDatabaseError(
            _("This data was saved by a newer Workshop App: update the app to open it.")
        )
    backup = _backup(db_path, current) if current is not None else None
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
    except Exception:
        # A retry of a migration that keeps failing must not fill backups/ with copies of the
        # same database: the first copy from before this revision is the one worth keeping.
        if backup is not None and _earlier_copy(backup, current):
            backup.unlink(missing_ok=True)
        raise
    return backup


def _earlier_copy(backup: Path, from_rev: str) -> bool:
    return any(other != backup for other in backup.parent.glob(f"workshop-*-before-{from_rev}.db"))
