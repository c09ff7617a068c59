"""Merging records that travelled from another store (a bundle, the hub) into this one.

The rules, so every store that sees the same versions ends with the same rows:

- Incoming rows are copied verbatim (rev, base_rev, device_id...): merging mints no stamps.
- For one record the version kept is the greatest by (erased, rev): an erased version beats
  any version that is not (erasure is final, even against a later edit made on a laptop that
  had not heard of it), otherwise the greater revision stamp wins. Stamps are hybrid-logical
  clock text that sorts, so "greater" is the same on every store, and the result does not
  depend on the order rows or bundles arrive in; merging the same rows twice changes nothing.
- A tombstone is just a version: it wins when its rev is greater, and an older live version
  never brings a deleted record back.
- Two laptops changing a record from the same base revision is a conflict: the greater rev is
  kept and the other version is listed whole, so a person can settle it later. An erased
  winner is not a conflict (there is nothing to settle, and the loser would hold the erased
  words). Versions written by one laptop form a line, so they never conflict.
- This store's clock moves past every rev it saw, so its next change orders after them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from workshop_app.core.errors import ValidationError
from workshop_app.core.records import MODELS, key_of, note_clock_seen
from workshop_app.i18n import _
from workshop_app.store.clock import Stamp
from workshop_app.store.models import Base, SyncedRecord

# Table names, parents before children.
SYNCED_TABLES: tuple[str, ...] = tuple(MODELS)
_CHUNK = 500  # ids per IN (...) query: well under every database's parameter limit


def record_row(record: SyncedRecord) -> dict[str, Any]:
    """Every column of a synced record (bookkeeping included), JSON-safe values only."""
    table = Base.metadata.tables[key_of(record)[0]]
    return {c.key: getattr(record, c.key) for c in table.columns}


@dataclass(frozen=True)
class Conflict:
    table: str
    record_id: str
    kept_rev: str
    set_aside_rev: str
    set_aside: dict[str, Any]


@dataclass
class MergeResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_local: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    def add(self, other: MergeResult) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.kept_local += other.kept_local
        self.conflicts.extend(other.conflicts)


def _rank(row: Mapping[str, Any]) -> tuple[bool, str, str]:
    # The last part only orders two different rows carrying one rev, which no store writes;
    # it keeps the choice deterministic even then.
    return (
        row.get("erased_at") is not None,
        row["rev"],
        json.dumps(row, sort_keys=True, default=str),
    )


def _author(rev: str) -> str:
    return Stamp.parse(rev).device_id


def _is_conflict(kept: Mapping[str, Any], other: Mapping[str, Any]) -> bool:
    if kept.get("erased_at") is not None or kept["rev"] == other["rev"]:
        return False
    return kept["base_rev"] == other["base_rev"] and _author(kept["rev"]) != _author(other["rev"])


def _check(table: str, row: Mapping[str, Any], columns: frozenset[str]) -> dict[str, Any]:
    missing = {"id", "rev"} - row.keys()
    if missing:
        raise ValidationError(
            _("A {kind} record has no {field}: it cannot be merged.").format(
                kind=table, field=sorted(missing)[0]
            )
        )
    unknown = row.keys() - columns
    if unknown:
        raise ValidationError(
            _(
                "A {kind} record has a field this app does not know ({field}): "
                "it may come from a newer version."
            ).format(kind=table, field=sorted(unknown)[0])
        )
    try:
        Stamp.parse(str(row["rev"]))
        if row.get("base_rev") is not None:
            Stamp.parse(str(row["base_rev"]))
    except ValueError:
        raise ValidationError(
            _("The {kind} record {id} has an unreadable revision stamp.").format(
                kind=table, id=row["id"]
            )
        ) from None
    return {"base_rev": None, **row}


def _parents_first(table: Table, rows: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Order rows so one that points at another row of the same table (a stacked duplicate, a
    run-off) comes after it: foreign keys are checked row by row."""
    self_refs = [fk.parent.key for fk in table.foreign_keys if fk.column.table is table]
    if not self_refs:
        return list(rows.values())
    ordered: list[dict[str, Any]] = []
    placed: set[str] = set()

    def place(rid: str, seen: frozenset[str]) -> None:
        if rid in placed or rid in seen:
            return
        row = rows[rid]
        for key in self_refs:
            parent = row.get(key)
            if parent in rows:
                place(parent, seen | {rid})
        placed.add(rid)
        ordered.append(row)

    for rid in rows:
        place(rid, frozenset())
    return ordered


def merge_rows(session: Session, table: str, rows: Iterable[dict[str, Any]]) -> MergeResult:
    """Merge one table's incoming rows. The caller owns the transaction."""
    model = MODELS.get(table)
    if model is None:
        raise ValidationError(
            _("There is no kind of record called {kind} to merge.").format(kind=repr(table))
        )
    tbl = Base.metadata.tables[table]
    columns = frozenset(c.key for c in tbl.columns)
    result = MergeResult()

    # Several versions of one record in the input: keep the best, as if merged one by one.
    incoming: dict[str, dict[str, Any]] = {}
    for raw in rows:
        row = _check(table, raw, columns)
        held = incoming.get(row["id"])
        if held is None:
            incoming[row["id"]] = row
            continue
        best, other = (row, held) if _rank(row) > _rank(held) else (held, row)
        incoming[row["id"]] = best
        _note(result, table, best, other)
    if incoming:
        note_clock_seen(session, max(row["rev"] for row in incoming.values()))

    ids = list(incoming)
    local: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for found in session.execute(select(tbl).where(tbl.c.id.in_(chunk))).mappings():
            local[found["id"]] = dict(found)

    to_insert: dict[str, dict[str, Any]] = {}
    for rid, row in incoming.items():
        held = local.get(rid)
        if held is None:
            to_insert[rid] = row
            continue
        if _rank(held) >= _rank(row):
            if held["rev"] == row["rev"]:
                result.unchanged += 1
            else:
                result.kept_local += 1
                _note(result, table, held, row)
            continue
        _note(result, table, row, held)
        # The whole row is replaced, columns the sender did not send back to their defaults
        # would differ by arrival order, so the held values stay for those.
        session.execute(update(tbl).where(tbl.c.id == rid).values(**{**held, **row}))
        result.updated += 1
        _expire(session, model, rid)

    if to_insert:
        for row in _parents_first(tbl, to_insert):
            session.execute(insert(tbl).values(**row))
        result.inserted += len(to_insert)
    return result


def merge_tables(
    session: Session, rows_by_table: Mapping[str, Iterable[dict[str, Any]]]
) -> MergeResult:
    """Parents before children. Copies incoming rows verbatim (rev, base_rev, device_id...),
    mints no new stamps, advances this store's hybrid clock past every rev it saw.
    Result is the same whatever order rows/bundles arrive in; idempotent; an older version
    never overwrites a newer one, so an old bundle never brings a deleted record back."""
    unknown = set(rows_by_table) - set(SYNCED_TABLES)
    if unknown:
        raise ValidationError(
            _("There is no kind of record called {kind} to merge.").format(
                kind=repr(sorted(unknown)[0])
            )
        )
    result = MergeResult()
    for table in SYNCED_TABLES:
        if table in rows_by_table:
            result.add(merge_rows(session, table, rows_by_table[table]))
    return result


def _note(result: MergeResult, table: str, kept: Mapping[str, Any], other: dict[str, Any]) -> None:
    if _is_conflict(kept, other):
        result.conflicts.append(Conflict(table, other["id"], kept["rev"], other["rev"], other))


def _expire(session: Session, model: type, rid: str) -> None:
    # The row changed under the ORM: a record already loaded must be read again.
    key = session.identity_key(model, rid)
    record = session.identity_map.get(key)
    if record is not None:
        session.expire(record)
