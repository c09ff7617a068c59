"""Stamping records on every change, and the journal that makes any action undoable.

Every mutation in core goes through `created()` or `touch()`. They mint the revision stamp and
note each record's state before the action, so the UI can undo and redo any action by asking
core to put the recorded states back (itself a new, stamped change that travels to the hub).
"""

from __future__ import annotations

import uuid
import weakref
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Column, Insert, Select, event, func, insert, select, union_all
from sqlalchemy.orm import Session, SessionTransaction

from workshop_app.core.errors import UndoRefusedError
from workshop_app.i18n import N_, _
from workshop_app.store.clock import HybridClock, Stamp
from workshop_app.store.models import Base, Cluster, Note, SyncedRecord, VotingRound

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
_TABLE_OF: dict[type[SyncedRecord], str] = {model: name for name, model in MODELS.items()}
_CONTENT: dict[str, tuple[str, ...]] = {
    name: tuple(c.key for c in Base.metadata.tables[name].columns if c.key not in _BOOKKEEPING)
    for name in MODELS
}

RecordKey = tuple[str, str]  # (table name, id)
State = dict[str, Any] | None  # None: the record did not exist
R = TypeVar("R", bound=SyncedRecord)
# How a refusal names each kind of record (translated where it is shown).
_NOUNS = {
    "workshops": N_("workshop"),
    "equality_responses": N_("equality card"),
    "narratives": N_("narrative"),
    "outcome_tags": N_("outcome tag"),
    "participants": N_("participant"),
    "themes": N_("theme"),
    "voting_rounds": N_("voting round"),
    "ballots": N_("ballot"),
    "clusters": N_("group"),
    "round_options": N_("round option"),
    "stories": N_("story"),
    "consents": N_("consent"),
    "notes": N_("note"),
    "votes": N_("vote"),
}
# Clocks already moved past the newest rev of their store (see _recover_clock).
_RECOVERED: weakref.WeakSet[HybridClock] = weakref.WeakSet()
# What a forgotten journal keeps of a record's prior state: nothing (it may hold erased words).
_FORGOTTEN: State = {}


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class Change:
    """What one action did: each touched record's state before and after."""

    before: dict[RecordKey, State] = field(default_factory=dict)
    after: dict[RecordKey, State] = field(default_factory=dict)
    # The rev each record has as the action (or its last undo or redo) left it: undo refuses
    # to overwrite a record that moved on since (a merged change from another laptop).
    revs: dict[RecordKey, str | None] = field(default_factory=dict)

    def ids(self, table: str) -> list[str]:
        return [rid for (tbl, rid) in self.before if tbl == table]

    @property
    def empty(self) -> bool:
        return self.before == self.after


@dataclass
class _Entry:
    """One record's place in the open transaction's journal."""

    record: SyncedRecord
    before: State  # its state before the action (None: created by it)


def _journal(session: Session) -> dict[RecordKey, _Entry]:
    journal: dict[RecordKey, _Entry] = session.info.setdefault("journal", {})
    return journal


def key_of(record: SyncedRecord) -> RecordKey:
    return _TABLE_OF[type(record)], record.id


def _state(record: SyncedRecord) -> dict[str, Any]:
    return {key: getattr(record, key) for key in _CONTENT[_TABLE_OF[type(record)]]}


def _recover_clock(session: Session, clock: HybridClock) -> None:
    """Once per open store, before its first stamp: move the clock past the newest rev on disk
    (this laptop's or merged from another), so it never runs backwards after a restart even
    when the wall clock does. Every rev is committed with its change, so reading them back
    replaces writing the clock down at every change."""

    def newest_in(name: str) -> Select[tuple[str | None]]:
        rev = Base.metadata.tables[name].c.rev
        # Only text shaped like a stamp (starting with a digit) counts: a stray value must not
        # hide the real newest one, nor stop every change from being saved.
        return select(func.max(rev).label("rev")).where(rev >= "0", rev < ":")

    newest = union_all(*(newest_in(name) for name in MODELS)).subquery()
    found = session.execute(select(func.max(newest.c.rev))).scalar()
    try:
        if found:
            clock.observe(Stamp.parse(found))
    except ValueError:
        pass  # unreadable: the clock keeps what it had (the wall clock, or local_meta's)
    _RECOVERED.add(clock)


def _stamp(session: Session) -> tuple[str, str]:
    clock: HybridClock = session.info["clock"]
    if clock not in _RECOVERED:
        _recover_clock(session, clock)
    # Flushing what came before keeps inserts in the order they were made, parents first
    # (the models declare no relationships for the unit of work to order them by). Changes to
    # records already saved have no order to keep: an undo of a 5,000-note import would
    # otherwise flush 5,000 times.
    if session.new:
        session.flush()
    return str(clock.tick()), now_iso()


def note_clock_seen(session: Session, rev: str) -> None:
    """A stamp arrived from another store: our next change must order after it (else a local
    edit of a merged record could lose to the version it replaced). After a restart the
    merged rows on disk carry it, and _recover_clock reads it back from them."""
    clock: HybridClock | None = session.info.get("clock")
    if clock is not None:  # a store without a clock of its own (the hub) mints no stamps
        clock.observe(Stamp.parse(rev))


def stamp_seq(session: Session) -> int:
    """A capture-order number that only grows on this device, whatever the wall clock does."""
    clock: HybridClock = session.info["clock"]
    last = clock.last
    return last.wall_ms * 1_000_000 + last.counter


def _stamp_new(session: Session, record: SyncedRecord) -> None:
    """A new record's id, times, device and first revision (no base: nothing came before)."""
    stamp, now = _stamp(session)
    if not record.id:
        record.id = new_id()
    record.created_at = now
    record.updated_at = now
    record.device_id = session.info["device_id"]
    record.rev = stamp
    record.base_rev = None
    if isinstance(record, Note | Cluster | VotingRound) and not record.seq:
        record.seq = stamp_seq(session)


def created(session: Session, record: R) -> R:
    """Call when making a record: stamps it and journals that it did not exist before."""
    _stamp_new(session, record)
    session.add(record)
    _journal(session).setdefault(key_of(record), _Entry(record, None))
    return record


_INSERTS: dict[str, Insert] = {}


def inserted(session: Session, record: R, into: Insert | None = None) -> bool:
    """created() for the path a facilitator waits on most (capturing a note): one Core INSERT,
    executed now, without the unit of work's bookkeeping. The record object stays outside the
    session; a later change to it in the same transaction loads it back (see touch()).

    `into` is an INSERT ... SELECT taking every column as a bind parameter, for a write that
    checks what it depends on in the same statement; False when it wrote nothing."""
    _stamp_new(session, record)
    table = Base.metadata.tables[_TABLE_OF[type(record)]]
    values: dict[str, Any] = {}
    for column in table.columns:
        value = getattr(record, column.key)
        if value is None and column.default is not None and column.default.is_scalar:
            # What the unit of work would fill in, set on the object too: the journal reads it.
            value = column.default.arg
            setattr(record, column.key, value)
        values[column.key] = value
    # Straight to the transaction's connection, with the statement built once per table:
    # the session's ORM dispatch would cost more than the INSERT itself.
    statement = into if into is not None else _INSERTS.get(table.name)
    if statement is None:
        statement = _INSERTS[table.name] = insert(table)
    if session.connection().execute(statement, values).rowcount != 1:
        return False
    _journal(session).setdefault(key_of(record), _Entry(record, None))
    return True


def touch(session: Session, record: SyncedRecord) -> None:
    """Call before changing a record: journals its prior state and mints a new revision.
    base_rev is the rev the record had before this transaction: a stamp minted and replaced
    inside one transaction never left it, so nothing elsewhere can be based on it."""
    key = key_of(record)
    journal = _journal(session)
    entry = journal.get(key)
    if entry is None:
        journal[key] = _Entry(record, _state(record))
        record.base_rev = record.rev
    elif entry.record is not record:
        # Made by inserted() earlier in this transaction and loaded back since: the journal
        # follows the object that the unit of work will save.
        entry.record = record
    stamp, now = _stamp(session)
    record.rev = stamp
    record.updated_at = now
    record.device_id = session.info["device_id"]


def forget_journal(session: Session) -> None:
    """Drop what this transaction journaled, so the action cannot be undone."""
    session.flush()
    for entry in _journal(session).values():
        entry.before = _FORGOTTEN
    session.info["forgotten"] = True


def take_change(session: Session) -> Change:
    """The journal of this transaction as a Change; call just before commit."""
    session.flush()
    journal = session.info.pop("journal", {})
    if session.info.pop("forgotten", False):
        return Change()
    change = Change()
    for key, entry in journal.items():
        change.before[key] = entry.before
        change.after[key] = _state(entry.record)
        change.revs[key] = entry.record.rev
    return change


def record_noun(table: str) -> str:
    """A kind of record as people call it ("note"), in the chosen language."""
    noun = _NOUNS.get(table)
    return _(noun) if noun else table.removesuffix("s").replace("_", " ")


def _refusal(message: str, **values: str) -> UndoRefusedError:
    return UndoRefusedError(message.format(**values))


def _referrers(table: str) -> list[tuple[str, Column[Any]]]:
    """Every foreign key column, in any synced table, that points at records of this table."""
    return [
        (name, fk.parent)
        for name in MODELS
        for fk in Base.metadata.tables[name].foreign_keys
        if fk.column.table.name == table
    ]


def _refuse_if_pointed_at(session: Session, tombstoned: list[RecordKey], undoing: bool) -> None:
    # Flushed first, so the query sees this undo's own changes (a note it moves out too).
    session.flush()
    by_table: dict[str, list[str]] = {}
    for table, rid in tombstoned:
        by_table.setdefault(table, []).append(rid)
    for table, ids in by_table.items():
        for child_table, column in _referrers(table):
            child = Base.metadata.tables[child_table]
            live = None
            for start in range(0, len(ids), 500):  # a few queries, not one per record
                live = (
                    live
                    or session.execute(
                        select(child.c.id)
                        .where(column.in_(ids[start : start + 500]), child.c.deleted_at.is_(None))
                        .limit(1)
                    ).first()
                )
            if live is not None:
                message = (
                    _(
                        "This can't be undone: a {record} changed since (by another laptop or "
                        "another window) still belongs to the {owner}."
                    )
                    if undoing
                    else _(
                        "This can't be redone: a {record} changed since (by another laptop or "
                        "another window) still belongs to the {owner}."
                    )
                )
                raise _refusal(message, record=record_noun(child_table), owner=record_noun(table))


def _load_all(session: Session, keys: list[RecordKey], chunk: int = 500) -> list[object]:
    """Load the records an undo touches a few hundred at a time, so each session.get() after
    finds its record in memory instead of asking the database once per record."""
    by_table: dict[str, list[str]] = {}
    for table, record_id in keys:
        by_table.setdefault(table, []).append(record_id)
    loaded: list[object] = []
    for table, ids in by_table.items():
        model = MODELS[table]
        for start in range(0, len(ids), chunk):
            query = select(model).where(model.id.in_(ids[start : start + chunk]))
            loaded.extend(session.scalars(query).all())
    return loaded


def apply_states(
    session: Session,
    states: dict[RecordKey, State],
    revs: dict[RecordKey, str | None] | None = None,
    *,
    undoing: bool = True,
) -> dict[RecordKey, str | None]:
    """Put records back to recorded states (undo/redo). A missing record becomes a tombstone.

    `revs` is the rev each record had as the action (or its last undo or redo) left it: if a
    record has moved on since, or undoing would delete a record that a live one now belongs
    to, this raises UndoRefusedError before anything is saved (the caller's transaction rolls
    back). Returns the revs this undo or redo leaves, for the next one to check against."""
    ordered = sorted(states.items(), key=lambda kv: _RESTORE_ORDER[kv[0][0]])
    # Held here: the session keeps records only weakly, and they are needed until the end.
    keys = [key for key, _prior in ordered]
    loaded = _load_all(session, keys)
    found: dict[RecordKey, SyncedRecord | None] = {}
    for key in keys:
        record = found[key] = session.get(MODELS[key[0]], key[1])
        if record is None or getattr(record, "erased_at", None) is not None:
            continue  # erasure is final: no undo brings a person's data back
        if revs is not None and key in revs and record.rev != revs[key]:
            message = (
                _(
                    "This can't be undone: the {record} was changed since (by another laptop or "
                    "another window)."
                )
                if undoing
                else _(
                    "This can't be redone: the {record} was changed since (by another laptop or "
                    "another window)."
                )
            )
            raise _refusal(message, record=record_noun(key[0]))
    tombstoned: list[RecordKey] = []
    for key, state in ordered:
        record = found[key]
        if record is None or getattr(record, "erased_at", None) is not None:
            continue
        if state is None:
            if record.deleted_at is None:
                touch(session, record)
                record.deleted_at = now_iso()
                tombstoned.append(key)
            continue
        if _state(record) == state:
            continue
        was_live = record.deleted_at is None
        touch(session, record)
        for name, value in state.items():
            setattr(record, name, value)
        if was_live and record.deleted_at is not None:
            tombstoned.append(key)
    if tombstoned:
        _refuse_if_pointed_at(session, tombstoned, undoing)
    del loaded
    return {key: None if record is None else record.rev for key, record in found.items()}


class UnjournaledChangeError(RuntimeError):
    """A synced record was written without created() or touch(): it would reach other laptops
    unstamped and escape undo. A bug in the code that wrote it, never the user's doing."""


def _check_journaled(session: Session, _context: object, _instances: object) -> None:
    # Only stores that mint stamps (a laptop's Database) keep a journal to check against.
    if "clock" not in session.info:
        return
    journal: dict[RecordKey, _Entry] = session.info.get("journal", {})
    for record in session.deleted:
        if isinstance(record, SyncedRecord):
            raise UnjournaledChangeError(
                f"A {_TABLE_OF[type(record)]} row was deleted: synced records become tombstones."
            )
    dirty = session.dirty  # built on each access: once, not once per record
    for record in (*session.new, *dirty):
        if not isinstance(record, SyncedRecord):
            continue
        if record in dirty and not session.is_modified(record):
            continue
        entry = journal.get(key_of(record))
        if entry is not None and entry.record is not record and entry.before is None:
            # Made by inserted() in this transaction and changed since through the object the
            # session loaded: still part of its making, as with created().
            entry.record = record
        elif entry is None or entry.record is not record:
            raise UnjournaledChangeError(
                f"The {_TABLE_OF[type(record)]} record {record.id} was written without "
                "created() or touch()."
            )


def _end_journal(session: Session, transaction: SessionTransaction) -> None:
    # A journal belongs to one transaction: a failed action must not leak into the next one.
    if transaction.parent is None:
        session.info.pop("journal", None)
        session.info.pop("forgotten", None)


event.listen(Session, "before_flush", _check_journaled)
event.listen(Session, "after_transaction_end", _end_journal)
