"""Creating many records at once (imports): one executemany instead of one flush per record.

Each record is still stamped on its own (its own revision and capture order from the clock)
and journaled as created, exactly as `created()` would, so the whole import is one action
that one undo takes back and that travels to the hub like any other change.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

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
    table = model.__table__  # type: ignore[attr-defined]
    base = _defaults(table)
    full_rows = []
    with _no_cycle_collection():
        for values in rows[1:]:
            stamp = clock.tick()
            row = {**base, **values}
            row["id"] = row["id"] or new_id()
            row.update(created_at=now, updated_at=now, device_id=device_id, rev=str(stamp))
            if sequenced and not row["seq"]:
                row["seq"] = stamp.wall_ms * 1_000_000 + stamp.counter
            full_rows.append(row)
    session.flush()  # the first record (and whatever came before) reaches the database first
    if full_rows:
        # Straight to the driver's executemany, in the session's own transaction: the ORM's
        # per-row parameter processing would cost more than the insert itself.
        keys = list(base)
        sql = (
            f"INSERT INTO {table.name} ({', '.join(keys)}) VALUES ({', '.join('?' for _ in keys)})"
        )
        session.connection().exec_driver_sql(
            sql, [tuple(row[k] for k in keys) for row in full_rows]
        )
    journal = _journal(session)
    table_name = key_of(first)[0]
    new_instance = model._sa_class_manager.new_instance  # type: ignore[attr-defined]
    with _no_cycle_collection():
        for row in full_rows:
            # A detached stand-in carries the state the journal reports; the rows are in.
            record = new_instance()
            record.__dict__.update(row)
            journal.setdefault((table_name, row["id"]), _Entry(record, None))
    return [first.id, *(row["id"] for row in full_rows)]


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Thousands of new objects would set off the cycle collector again and again, for
    nothing: none of them is garbage yet."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _defaults(table: Any) -> dict[str, Any]:
    """Every column with the value the ORM would give it when a row leaves it out (its
    Python-side default, or NULL): one executemany needs the same columns in each row."""
    values: dict[str, Any] = {}
    for column in table.columns:
        default = column.default
        values[column.key] = default.arg if default is not None and default.is_scalar else None
    return values
