"""The hub's merge at the speed of the database: the same rules as `core.merge.merge_tables`
(greatest (erased, rev) wins, conflicts from one base kept whole, verbatim copies, parents
first), but one SELECT per few hundred ids and one executemany per table for the inserts and
for the updates, each statement compiled once, instead of a statement built per row.

The hub imports thousands of rows per bundle, so the per-row statement building of the
general merge was most of an import's time. The decisions (which version is kept, what is a
conflict) come from `core.merge` itself, so both paths decide alike."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from workshop_app.core.errors import ValidationError
from workshop_app.core.merge import (
    SYNCED_TABLES,
    MergeResult,
    _check,
    _expire,
    _note,
    _parents_first,
    _rank,
)
from workshop_app.core.records import MODELS, note_clock_seen
from workshop_app.store.models import Base

_CHUNK = 500  # ids per IN (...) query: well under every database's parameter limit
_ID_PARAM = "merge_row_id"  # not a column name, so it cannot clash with a SET value


def _held_rows(session: Session, tbl: Table, ids: list[str]) -> dict[str, dict[str, Any]]:
    held: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for found in session.execute(select(tbl).where(tbl.c.id.in_(chunk))).mappings():
            held[found["id"]] = dict(found)
    return held


def _runs(rows: list[dict[str, Any]]) -> Iterable[list[dict[str, Any]]]:
    """Consecutive rows with the same columns, in order: one executemany per run."""
    run: list[dict[str, Any]] = []
    for row in rows:
        if run and row.keys() != run[0].keys():
            yield run
            run = []
        run.append(row)
    if run:
        yield run


def bulk_merge_rows(session: Session, table: str, rows: Iterable[dict[str, Any]]) -> MergeResult:
    """`core.merge.merge_rows`, in bulk. The caller owns the transaction."""
    model = MODELS.get(table)
    if model is None:
        raise ValidationError(f"There is no kind of record called {table!r} to merge.")
    tbl = Base.metadata.tables[table]
    columns = frozenset(c.key for c in tbl.columns)
    result = MergeResult()

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
    if not incoming:
        return result
    note_clock_seen(session, max(row["rev"] for row in incoming.values()))

    local = _held_rows(session, tbl, list(incoming))
    to_insert: dict[str, dict[str, Any]] = {}
    to_update: list[dict[str, Any]] = []
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
        # Columns the sender did not send keep the held values (as in merge_rows): every
        # update then carries every column, so one statement serves them all.
        to_update.append({**held, **row, _ID_PARAM: rid})

    if to_update:
        stmt = update(tbl).where(tbl.c.id == bindparam(_ID_PARAM))
        session.connection().execute(stmt, to_update)
        for values in to_update:
            _expire(session, model, values[_ID_PARAM])
        result.updated += len(to_update)
    if to_insert:
        ordered = _parents_first(tbl, to_insert)
        for run in _runs(ordered):
            session.connection().execute(insert(tbl), run)
        result.inserted += len(to_insert)
    return result


def bulk_merge_tables(
    session: Session, rows_by_table: Mapping[str, Iterable[dict[str, Any]]]
) -> MergeResult:
    """`core.merge.merge_tables`, in bulk: parents before children, verbatim, idempotent, and
    the same hub whatever order bundles arrive in."""
    unknown = set(rows_by_table) - set(SYNCED_TABLES)
    if unknown:
        raise ValidationError(f"There is no kind of record called {sorted(unknown)[0]!r} to merge.")
    result = MergeResult()
    for table in SYNCED_TABLES:
        if table in rows_by_table:
            result.add(bulk_merge_rows(session, table, rows_by_table[table]))
    return result
