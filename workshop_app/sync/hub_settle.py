"""Settling the conflicts the hub set aside: two laptops changed one record from the same base,
the higher stamp was kept, and the other version waits for a person.

Staff either keep the hub's version (the conflict is marked settled) or take the set-aside
version: the hub then writes it as a new version of the record, stamped after the one it
replaces with the hub's own device id, so a later import of either bundle cannot undo the
choice (merging follows the stamps). An erased record has nothing to settle."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.records import MODELS, now_iso
from workshop_app.i18n import _
from workshop_app.store.clock import Stamp
from workshop_app.store.hub_models import HubConflict, HubSetting
from workshop_app.sync.errors import SyncError
from workshop_app.sync.hub import Hub

# Columns that say who changed a record and when, not what it says.
BOOKKEEPING = frozenset({"id", "rev", "base_rev", "device_id", "created_at", "updated_at"})
_DESCRIBING = ("text", "title", "name", "label", "summary", "display_name")
HUB_DEVICE_KEY = "device_id"


@dataclass(frozen=True)
class Difference:
    field: str
    kept: Any
    set_aside: Any


@dataclass(frozen=True)
class ConflictView:
    table: str
    record_id: str
    set_aside_rev: str
    kept_rev: str
    found_at: str
    what: str  # a few words that say which record (its text, title or name)
    differences: tuple[Difference, ...]
    # The device that wrote each version (device_origins says which laptop that is).
    kept_device: str = ""
    set_aside_device: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.table, self.record_id, self.set_aside_rev)


def _describe(row: dict[str, Any]) -> str:
    for name in _DESCRIBING:
        value = row.get(name)
        if isinstance(value, str) and value.strip():
            line = value.strip().splitlines()[0]
            return line if len(line) <= 80 else line[:79] + "…"
    return ""


def _current(session: Session, table: str, record_id: str) -> dict[str, Any] | None:
    model = MODELS.get(table)
    if model is None:
        return None
    record = session.get(model, record_id)
    if record is None:
        return None
    return {c.key: getattr(record, c.key) for c in model.__table__.columns}  # type: ignore[attr-defined]


def conflicts_to_settle(hub: Hub) -> list[ConflictView]:
    """Every unsettled conflict, with the fields in which the two versions differ."""

    def query(session: Session) -> list[ConflictView]:
        out: list[ConflictView] = []
        rows = session.scalars(
            select(HubConflict)
            .where(HubConflict.settled_at.is_(None))
            .order_by(HubConflict.found_at, HubConflict.table_name, HubConflict.record_id)
        )
        for c in rows:
            other = json.loads(c.set_aside)
            kept = _current(session, c.table_name, c.record_id) or {}
            differences = tuple(
                Difference(name, kept.get(name), value)
                for name, value in sorted(other.items())
                if name not in BOOKKEEPING and kept.get(name) != value
            )
            out.append(
                ConflictView(
                    c.table_name,
                    c.record_id,
                    c.set_aside_rev,
                    c.kept_rev,
                    c.found_at,
                    _describe(kept) or _describe(other),
                    differences,
                    str(kept.get("device_id") or ""),
                    str(other.get("device_id") or ""),
                )
            )
        return out

    return hub.store.read(query)


def device_origins(hub: Hub) -> tuple[dict[str, str], str | None]:
    """Which laptop (fingerprint) each device id belongs to, and the hub's own device id (it
    writes the version staff take when settling), for saying where a version came from."""
    laptops = {lap.device_id: lap.fingerprint for lap in reversed(hub.laptops())}
    own = hub.store.read(lambda s: s.get(HubSetting, HUB_DEVICE_KEY))
    return laptops, own.value if own is not None else None


def _hub_device(session: Session) -> str:
    setting = session.get(HubSetting, HUB_DEVICE_KEY)
    if setting is None:
        setting = HubSetting(key=HUB_DEVICE_KEY, value=str(uuid.uuid4()))
        session.add(setting)
        session.flush()
    return setting.value


def _after(rev: str, device: str) -> Stamp:
    """A stamp later than `rev`, even when the laptop that wrote it had its clock ahead."""
    last = Stamp.parse(rev)
    now_ms = time.time_ns() // 1_000_000
    if now_ms > last.wall_ms:
        return Stamp(now_ms, 0, device)
    return Stamp(last.wall_ms + 1, 0, device)


def settle(hub: Hub, key: tuple[str, str, str], *, take_set_aside: bool) -> None:
    """Settle one conflict: keep the hub's version, or take the one set aside."""
    table, record_id, set_aside_rev = key

    def change(session: Session) -> None:
        conflict = session.get(HubConflict, (table, record_id, set_aside_rev))
        if conflict is None or conflict.settled_at is not None:
            raise SyncError(_("That conflict was settled already (or its record erased)."))
        now = now_iso()
        if take_set_aside:
            model = MODELS[table]
            record = session.get(model, record_id)
            if record is None:
                raise SyncError(_("The record of that conflict is no longer in the hub."))
            if getattr(record, "erased_at", None) is not None:
                raise SyncError(_("That person's data was erased: there is nothing to settle."))
            other = json.loads(conflict.set_aside)
            columns = {c.key for c in model.__table__.columns}  # type: ignore[attr-defined]
            for name, value in other.items():
                if name in columns and name not in BOOKKEEPING:
                    setattr(record, name, value)
            stamp = _after(max(record.rev, set_aside_rev), _hub_device(session))
            record.base_rev = record.rev
            record.rev = str(stamp)
            record.device_id = stamp.device_id
            record.updated_at = now
        conflict.settled_at = now

    hub.store.run(change)
