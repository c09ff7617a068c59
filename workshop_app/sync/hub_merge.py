"""What the hub does with one verified bundle inside the import's transaction: check that
its references stay within its workshop, merge it, list its conflicts, apply its erasures, and
note what staff should hear about (a renamed workshop, a laptop clock far off)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from workshop_app.core.errors import DomainError
from workshop_app.core.export_status import workshop_filter
from workshop_app.core.merge import Conflict, MergeResult
from workshop_app.core.records import MODELS, now_iso
from workshop_app.i18n import N_, _
from workshop_app.store.clock import Stamp
from workshop_app.store.hub_models import HubBundle, HubConflict
from workshop_app.store.models import Workshop
from workshop_app.sync.bundle_read import VerifiedBundle, refuse
from workshop_app.sync.erasure import ERASABLE, apply_erasures
from workshop_app.sync.errors import BundleRefused
from workshop_app.sync.hub_bulk import bulk_merge_tables, held_by_table

HELD, MERGED = "held", "merged"
_CHUNK = 500
# Stamps from a laptop whose clock was far off are merged all the same (the stamps order its
# changes), but staff are told, so they can set that laptop's clock right.
_EARLIEST_PLAUSIBLE = datetime(2024, 1, 1, tzinfo=UTC)
_AHEAD_TOLERANCE_MS = 24 * 3600 * 1000

KeySource = Callable[[], tuple[X25519PrivateKey, str]]


def _ids_in_hub(
    session: Session, table_name: str, ids: set[str], workshop_id: str | None
) -> set[str]:
    """Which of these ids the hub holds in `table_name` (within the workshop, when given)."""
    table = MODELS[table_name].__table__  # type: ignore[attr-defined]
    wanted = sorted(ids)
    found: set[str] = set()
    for start in range(0, len(wanted), _CHUNK):
        query = select(table.c.id).where(table.c.id.in_(wanted[start : start + _CHUNK]))
        if workshop_id is not None:
            query = query.where(workshop_filter(table_name, workshop_id))
        found.update(session.scalars(query))
    return found


def _check_references(
    session: Session, bundle: VerifiedBundle, others: dict[str, set[str]]
) -> None:
    """Every reference leads to a record of the same workshop, in the bundle or the hub; and no
    record of the bundle takes the id of another workshop's record at the hub (`others`, read
    with the hub's rows before the merge)."""
    wid = bundle.workshop_id
    for parent, ids in bundle.references().items():
        missing = sorted(ids - _ids_in_hub(session, parent, ids, wid))
        if missing:
            raise refuse(
                N_(
                    "A record refers to a {kind} record ({id}) that is neither in the "
                    "bundle nor in the hub's copy of this workshop."
                ),
                kind=parent,
                id=missing[0],
            )
    for table in bundle.rows:
        elsewhere = others.get(table)
        if elsewhere:
            raise refuse(
                N_("Its {kind} record {id} has the id of a record of another workshop at the hub."),
                kind=table,
                id=sorted(elsewhere)[0],
            )


def _list_conflicts(session: Session, conflicts: list[Conflict], now: str) -> list[Conflict]:
    """List each version set aside once, for staff to settle (the same bundle or another one
    may have listed it already, settled or not): one query per 500 records, one insert.
    Returns those listed now, the ones this import can truly call new."""
    wanted: dict[tuple[str, str, str], Conflict] = {}
    for conflict in conflicts:
        wanted.setdefault((conflict.table, conflict.record_id, conflict.set_aside_rev), conflict)
    if not wanted:
        return []
    ids = sorted({key[1] for key in wanted})
    listed: set[tuple[str, str, str]] = set()
    for start in range(0, len(ids), _CHUNK):
        query = select(
            HubConflict.table_name, HubConflict.record_id, HubConflict.set_aside_rev
        ).where(HubConflict.record_id.in_(ids[start : start + _CHUNK]))
        listed.update((t, r, rev) for t, r, rev in session.execute(query))
    new = [
        {
            "table_name": c.table,
            "record_id": c.record_id,
            "set_aside_rev": c.set_aside_rev,
            "kept_rev": c.kept_rev,
            "set_aside": json.dumps(c.set_aside, ensure_ascii=False, sort_keys=True),
            "found_at": now,
        }
        for key, c in wanted.items()
        if key not in listed
    ]
    if new:
        # Another import running at this moment may list the same version first.
        dialect = session.get_bind().dialect.name
        make = pg_insert if dialect == "postgresql" else sqlite_insert
        stmt = make(HubConflict.__table__).on_conflict_do_nothing()
        session.execute(stmt if dialect in ("postgresql", "sqlite") else insert(HubConflict), new)
    return [c for key, c in wanted.items() if key not in listed]


def merge_bundle(
    session: Session, bundle: VerifiedBundle, key: KeySource
) -> tuple[MergeResult, bool]:
    """Merge a verified bundle; also says whether it touched erased data (the SQLite log is
    then emptied after the commit, so the erased words survive nowhere on disk)."""
    held, others = held_by_table(session, bundle.rows, bundle.workshop_id)
    _check_references(session, bundle, others)
    # What erased_among would find, from the rows just read: the same ids, the same test.
    erased_before = {
        table: ids
        for table in ERASABLE
        if (ids := {r["id"] for r in held.get(table, {}).values() if r["erased_at"] is not None})
    }
    try:
        result = bulk_merge_tables(session, bundle.rows, held, verified=True)
    except DomainError as exc:
        raise BundleRefused(exc.message) from None
    now = now_iso()
    # What the import reports: the conflicts it found that staff did not have listed yet.
    result.conflicts = _list_conflicts(session, result.conflicts, now)
    # After the merge a record is erased exactly when its held or its incoming version was
    # (erased versions win), so with neither there is nothing for apply_erasures to do.
    erasure = bool(erased_before) or carries_erasure(bundle)
    if erasure:
        apply_erasures(
            session, bundle.workshop_id, bundle.bundle_id, bundle.rows, erased_before, key
        )
    summary = {
        "inserted": result.inserted,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "kept_local": result.kept_local,
        "conflicts": len(result.conflicts),
    }
    session.execute(
        update(HubBundle)
        .where(HubBundle.bundle_id == bundle.bundle_id)
        .values(status=MERGED, merged_at=now, summary=json.dumps(summary))
    )
    return result, erasure


def title_warnings(session: Session, bundle: VerifiedBundle) -> list[str]:
    """The same workshop id under another title: a rename (the later change wins), or a
    laptop mixing up workshops. Either way staff should know."""
    held = session.get(Workshop, bundle.workshop_id)
    incoming = next(iter(bundle.rows.get("workshops", [])), None)
    if held is None or incoming is None or held.title == incoming["title"]:
        return []
    return [
        _(
            "The hub knows this workshop as '{held}'; this bundle calls it "
            "'{incoming}' (the later change is kept)."
        ).format(held=held.title, incoming=incoming["title"])
    ]


def carries_erasure(bundle: VerifiedBundle) -> bool:
    return any(row.get("erased_at") is not None for t in ERASABLE for row in bundle.rows.get(t, []))


def clock_warnings(bundle: VerifiedBundle) -> list[str]:
    revs = [row["rev"] for rows in bundle.rows.values() for row in rows]
    if not revs:
        return []
    newest = Stamp.parse(max(revs)).wall_ms
    now_ms = int(datetime.now(UTC).timestamp() * 1000)
    if newest > now_ms + _AHEAD_TOLERANCE_MS:
        return [_("Its laptop's clock is ahead of the hub's: its changes were merged by stamp.")]
    if newest < _EARLIEST_PLAUSIBLE.timestamp() * 1000:
        return [_("Its laptop's clock looks years behind: its changes were merged by stamp.")]
    return []
