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
from workshop_app.core.export_status import workshop_filter
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
from workshop_app.i18n import _
from workshop_app.store.models import Base

_CHUNK = 500  # ids per IN (...) query: well under every database's parameter limit
_ID_PARAM = "merge_row_id"  # not a column name, so it cannot clash with a SET value
_OURS = "merge_row_ours"  # nor this one

Rows = dict[str, dict[str, Any]]  # id -> the hub's row


def _held_rows(
    session: Session, tbl: Table, ids: list[str], workshop_id: str | None = None
) -> tuple[Rows, set[str]]:
    """The hub's rows with these ids; and, given a workshop, which of them are another's."""
    held: Rows = {}
    others: set[str] = set()
    query = select(tbl)
    if workshop_id is not None:
        query = query.add_columns(workshop_filter(tbl.name, workshop_id).label(_OURS))
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        for found in session.execute(query.where(tbl.c.id.in_(chunk))).mappings():
            row = dict(found)
            if workshop_id is not None and not row.pop(_OURS):
                others.add(row["id"])
            held[row["id"]] = row
    return held, others


def held_by_table(
    session: Session, rows_by_table: Mapping[str, list[dict[str, Any]]], workshop_id: str
) -> tuple[dict[str, Rows], dict[str, set[str]]]:
    """Before merging a bundle, in one query per table (per 500 ids): the hub's current version
    of every record the bundle carries, and those that belong to another workshop at the hub.
    Merging one table never changes another, so these stay true for the whole merge."""
    held: dict[str, Rows] = {}
    others: dict[str, set[str]] = {}
    for table, rows in rows_by_table.items():
        if table not in MODELS:
            continue  # the merge refuses it, by name
        ids = list(dict.fromkeys(row["id"] for row in rows if "id" in row))
        if not ids:
            held[table], others[table] = {}, set()
            continue
        held[table], others[table] = _held_rows(
            session, Base.metadata.tables[table], ids, workshop_id
        )
    return held, others


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


def bulk_merge_rows(
    session: Session,
    table: str,
    rows: Iterable[dict[str, Any]],
    known: Rows | None = None,
    *,
    verified: bool = False,
) -> MergeResult:
    """`core.merge.merge_rows`, in bulk; `known` is the hub's current version of these records
    when the caller read them already. `verified` rows passed a bundle's record checks (every
    column present, none unknown, readable stamps), which the general merge's own check would
    only repeat. The caller owns the transaction."""
    model = MODELS.get(table)
    if model is None:
        raise ValidationError(
            _("There is no kind of record called {kind} to merge.").format(kind=repr(table))
        )
    tbl = Base.metadata.tables[table]
    columns = frozenset(c.key for c in tbl.columns)
    result = MergeResult()

    incoming: dict[str, dict[str, Any]] = {}
    for raw in rows:
        row = raw if verified else _check(table, raw, columns)
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

    local = known if known is not None else _held_rows(session, tbl, list(incoming))[0]
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
        # Verified rows all carry every column: one run.
        for run in [ordered] if verified else _runs(ordered):
            session.connection().execute(insert(tbl), run)
        result.inserted += len(to_insert)
    return result


def bulk_merge_tables(
    session: Session,
    rows_by_table: Mapping[str, Iterable[dict[str, Any]]],
    held: Mapping[str, Rows] | None = None,
    *,
    verified: bool = False,
) -> MergeResult:
    """`core.merge.merge_tables`, in bulk: parents before children, verbatim, idempotent, and
    the same hub whatever order bundles arrive in."""
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
            known = None if held is None else held.get(table)
            merged = bulk_merge_rows(session, table, rows_by_table[table], known, verified=verified)
            result.add(merged)
    return result
