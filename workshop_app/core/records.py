"""Stamping records on every change, and the journal that makes any action undoable.

Every mutation in core goes through `created()` or `touch()`. They mint the revision stamp and
note each record's state before the action, so the UI can undo and redo any action by asking
core to put the recorded states back (itself a new, stamped change that travels to the hub).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from workshop_app.store.clock import HybridClock, Stamp
from workshop_app.store.models import Base, Cluster, LocalMeta, Note, SyncedRecord, VotingRound

# Bookkeeping columns are re-minted on every change; the rest is what undo restores.
_BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "device_id", "rev", "base_rev"})
# Every synced kind of record by table name, parents before children (foreign keys hold while
# undo restores records or a merge inserts them), read from the models so none is forgotten.
MODELS: dict[str, type[SyncedRecord]] = {
    table.name: mapper.class_
    for table in Base.metadata.sorted_tables
    for mapper in Base.registry.mappers
    if mapper.local_table is table and issubclass(mapper.class_, SyncedRecord)
}
_RESTORE_ORDER = {name: i for i, name in enumerate(MODELS)}

RecordKey = tuple[str, str]  # (table name, id)
State = dict[str, Any] | None  # None: the record did not exist


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Change:
    """What one action did: each touched record's state before and after."""

    before: dict[RecordKey, State] = field(default_factory=dict)
    after: dict[RecordKey, State] = field(default_factory=dict)

    def ids(self, table: str) -> list[str]:
        return [rid for (tbl, rid) in self.before if tbl == table]

    @property
    def empty(self) -> bool:
        return self.before == self.after


def _journal(session: Session) -> dict[RecordKey, tuple[State, Base]]:
    return session.info.setdefault("journal", {})


def _state(record: Base) -> dict[str, Any]:
    return {
        c.key: getattr(record, c.key) for c in record.__table__.columns if c.key not in _BOOKKEEPING
    }


def _save_clock(session: Session, stamp: str) -> None:
    # Persisted with the change itself, so the clock never runs backwards after a restart.
    # An ORM statement, so it also flushes what came before: inserts then reach the database
    # in the order they were made, parents first (the models declare no relationships).
    session.execute(insert(LocalMeta).values(key="hlc", value=stamp).prefix_with("OR REPLACE"))


def _stamp(session: Session) -> tuple[str, str]:
    clock: HybridClock = session.info["clock"]
    stamp = str(clock.tick())
    _save_clock(session, stamp)
    return stamp, now_iso()


def note_clock_seen(session: Session, rev: str) -> None:
    """A stamp arrived from another store: our next change must order after it, even after a
    restart (else a local edit of a merged record could lose to the version it replaced)."""
    clock: HybridClock | None = session.info.get("clock")
    if clock is None:  # a store without a clock of its own (the hub) mints no stamps
        return
    before = clock.last
    clock.observe(Stamp.parse(rev))
    if clock.last != before:
        _save_clock(session, str(clock.last))


def stamp_seq(session: Session) -> int:
    """A capture-order number that only grows on this device, whatever the wall clock does."""
    clock: HybridClock = session.info["clock"]
    last = clock.last
    return last.wall_ms * 1_000_000 + last.counter


def created(session: Session, record: Base) -> Base:
    stamp, now = _stamp(session)
    if not getattr(record, "id", None):
        record.id = new_id()  # type: ignore[attr-defined]
    record.created_at = now  # type: ignore[attr-defined]
    record.updated_at = now  # type: ignore[attr-defined]
    record.device_id = session.info["device_id"]  # type: ignore[attr-defined]
    record.rev = stamp  # type: ignore[attr-defined]
    record.base_rev = None  # type: ignore[attr-defined]
    if isinstance(record, Note | Cluster | VotingRound) and not record.seq:
        record.seq = stamp_seq(session)
    session.add(record)
    _journal(session).setdefault((record.__tablename__, record.id), (None, record))  # type: ignore[attr-defined]
    return record


def touch(session: Session, record: Base) -> None:
    """Call before changing a record: journals its prior state and mints a new revision."""
    key = (record.__tablename__, record.id)  # type: ignore[attr-defined]
    journal = _journal(session)
    if key not in journal:
        journal[key] = (_state(record), record)
    stamp, now = _stamp(session)
    record.base_rev = record.rev  # type: ignore[attr-defined]
    record.rev = stamp  # type: ignore[attr-defined]
    record.updated_at = now  # type: ignore[attr-defined]
    record.device_id = session.info["device_id"]  # type: ignore[attr-defined]


def forget_journal(session: Session) -> None:
    """Drop what this transaction journaled, so the action cannot be undone."""
    session.flush()
    session.info.pop("journal", None)


def take_change(session: Session) -> Change:
    """The journal of this transaction as a Change; call just before commit."""
    session.flush()
    journal = session.info.pop("journal", {})
    change = Change()
    for key, (before, record) in journal.items():
        change.before[key] = before
        change.after[key] = _state(record)
    return change


def apply_states(session: Session, states: dict[RecordKey, State]) -> None:
    """Put records back to recorded states (undo/redo). A missing record becomes a tombstone."""
    for (table, rid), state in sorted(states.items(), key=lambda kv: _RESTORE_ORDER[kv[0][0]]):
        record = session.get(MODELS[table], rid)
        if record is None or getattr(record, "erased_at", None) is not None:
            # Erasure is final: no undo brings a person's data back.
            continue
        if state is None:
            if record.deleted_at is None:  # type: ignore[attr-defined]
                touch(session, record)
                record.deleted_at = now_iso()  # type: ignore[attr-defined]
            continue
        if _state(record) == state:
            continue
        touch(session, record)
        for key, value in state.items():
            setattr(record, key, value)
