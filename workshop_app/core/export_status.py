"""Which records belong to a workshop, and whether it changed since it last went to the hub."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Table, func, select
from sqlalchemy.orm import Session

from workshop_app.core.records import MODELS, now_iso
from workshop_app.store.models import LocalMeta


def _table(name: str) -> Table:
    return MODELS[name].__table__  # type: ignore[attr-defined,no-any-return]


def workshop_filter(name: str, workshop_id: str) -> ColumnElement[bool]:
    """Rows of table `name` that belong to the workshop: directly by workshop_id, or through the
    parent they point at (a round's options, votes and ballots)."""
    tbl = _table(name)
    if name == "workshops":
        return tbl.c.id == workshop_id
    if "workshop_id" in tbl.c:
        return tbl.c.workshop_id == workshop_id
    for fk in tbl.foreign_keys:
        parent = fk.column.table
        if parent is not tbl and parent.name in MODELS and not fk.parent.nullable:
            return fk.parent.in_(
                select(parent.c.id).where(workshop_filter(parent.name, workshop_id))
            )
    raise LookupError(f"{name} records cannot be traced to a workshop")


def high_water_rev(session: Session, workshop_id: str) -> str | None:
    """The greatest revision stamp among the workshop's records: it grows with every change."""
    best: str | None = None
    for name in MODELS:
        tbl = _table(name)
        rev = session.scalar(select(func.max(tbl.c.rev)).where(workshop_filter(name, workshop_id)))
        if rev is not None and (best is None or rev > best):
            best = rev
    return best


def _key(workshop_id: str) -> str:
    return f"exported:{workshop_id}"


@dataclass(frozen=True)
class ExportStatus:
    last_exported_at: str | None  # UTC ISO 8601, None when never exported
    changed_since: bool  # True also when never exported


def note_exported(session: Session, workshop_id: str, rev: str | None) -> None:
    value = json.dumps({"at": now_iso(), "rev": rev})
    session.merge(LocalMeta(key=_key(workshop_id), value=value))


def export_status(session: Session, workshop_id: str) -> ExportStatus:
    row = session.get(LocalMeta, _key(workshop_id))
    if row is None:
        return ExportStatus(None, True)
    saved = json.loads(row.value)
    return ExportStatus(saved["at"], high_water_rev(session, workshop_id) != saved["rev"])
