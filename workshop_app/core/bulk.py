"""Creating many records at once (imports): one executemany instead of one flush per record.

Each record is still stamped on its own (its own revision and capture order from the clock)
and journaled as created, exactly as `created()` would, so the whole import is one action
that one undo takes back and that travels to the hub like any other change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from workshop_app.core.records import (
    _Entry,  # the journal's own entry: bulk records are journaled exactly as created() does
    _journal,
    created,
    key_of,
    new_id,
    now_iso,
)
from workshop_app.store.clock import HybridClock
from workshop_app.store.models import Cluster, Note, SyncedRecord, VotingRound

_SEQUENCED = (Note, Cluster, VotingRound)


def insert_created(
    session: Session, model: type[SyncedRecord], rows: Sequence[dict[str, Any]]
) -> list[str]:
    """Insert new records of one kind; each row holds the record's own columns (an "id" may be
    given). Returns the ids in order. The first goes through `created()` itself, which also
    brings the clock up to date with the store; the rest are stamped from the same clock."""
    if not rows:
        return []
    first = created(session, model(**rows[0]))
    clock: HybridClock = session.info["clock"]
    device_id = session.info["device_id"]
    now = now_iso()
    sequenced = issubclass(model, _SEQUENCED)
    table_rows = []
    for values in rows[1:]:
        stamp = clock.tick()
        row = dict(values)
        row.setdefault("id", None)
        row["id"] = row["id"] or new_id()
        row.update(created_at=now, updated_at=now, device_id=device_id, rev=str(stamp))
        row.update(base_rev=None, deleted_at=row.get("deleted_at"))
        if sequenced and not row.get("seq"):
            row["seq"] = stamp.wall_ms * 1_000_000 + stamp.counter
        table_rows.append(row)
    _default_columns(model, table_rows)
    session.flush()  # the first record (and whatever came before) reaches the database first
    if table_rows:
        session.execute(insert(model.__table__), table_rows)
    journal = _journal(session)
    manager = model._sa_class_manager  # type: ignore[attr-defined]
    for row in table_rows:
        # A detached stand-in carries the state the journal reports; the rows are already in.
        record = manager.new_instance()
        record.__dict__.update(row)
        journal.setdefault(key_of(record), _Entry(record, None))
    return [first.id, *(row["id"] for row in table_rows)]


def _default_columns(model: type[SyncedRecord], rows: list[dict[str, Any]]) -> None:
    """Give every row every column (one executemany needs the same columns in each row): what
    a row leaves out gets the model's Python-side default, as the ORM would give it, or NULL."""
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        default = column.default
        value = default.arg if default is not None and default.is_scalar else None
        for row in rows:
            row.setdefault(column.key, value)
