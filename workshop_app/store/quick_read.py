"""The list of workshops read with the standard library alone, for the two moments a person
waits on it: the app's first screen and `workshop-app workshops`. Opening the store fully
imports SQLAlchemy and the models (most of a second on a slow laptop); this read needs neither.

It is only ever a shortcut: when it cannot answer for sure (no database yet, a schema this
version must first update, a damaged or busy file) it returns None, and the caller opens the
store the full way, which migrates, repairs or explains."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from workshop_app.store.schema_version import head_revision

DB_FILENAME = "workshop.db"

_COLUMNS = (
    "id",
    "title",
    "programme",
    "place",
    "venue",
    "starts_at",
    "facilitators",
    "prompts",
    "theme_template",
    "archived_at",
    "follow_up_url",
    "contact_phone",
)
_LIVE_COUNT = "(SELECT count(*) FROM {t} WHERE {t}.workshop_id = w.id AND {t}.deleted_at IS NULL)"
_QUERY = (
    f"SELECT {', '.join('w.' + c for c in _COLUMNS)}, "
    f"{_LIVE_COUNT.format(t='notes')}, {_LIVE_COUNT.format(t='themes')}, "
    f"{_LIVE_COUNT.format(t='clusters')} "
    "FROM workshops w WHERE w.deleted_at IS NULL"
)


def read_workshop_rows(data_dir: Path, include_archived: bool) -> list[dict[str, object]] | None:
    """Each live workshop as a dict of its columns plus `notes`, `themes`, `clusters` counts;
    None when only opening the store fully can give a sure answer."""
    path = data_dir / DB_FILENAME
    if not path.is_file():
        return None
    query = _QUERY if include_archived else _QUERY + " AND w.archived_at IS NULL"
    try:
        # Read-only: this path never creates, changes or locks the file for writing.
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True, timeout=2)
    except sqlite3.Error:
        return None
    try:
        version = conn.execute("SELECT version_num FROM alembic_version").fetchall()
        if [row[0] for row in version] != [head_revision()]:
            return None
        rows = conn.execute(query).fetchall()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    names = (*_COLUMNS, "notes", "themes", "clusters")
    return [dict(zip(names, row, strict=True)) for row in rows]
