"""Erasure at the hub: once a person's data is erased (on any laptop), it must not survive in
the hub's kept copies of earlier bundles, nor in the versions set aside for staff to settle.

A kept copy keeps its original manifest and signature (the record of what arrived), its data
files are rewritten with the erased versions, and an `erasure.json` entry says so. Such a copy
no longer verifies, by design: the words it held are gone.

Refused files are kept too, so an erasure reaches them the same way, whatever workshop their
manifest names. One the hub cannot read through (not a bundle, damaged, encrypted to another
key) could hold the person with nothing to show it, so its bytes are dropped; its name, size
and reason stay listed. A file refused after an erasure is kept without the erased records
when the hub can read it."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from workshop_app.core.merge import SYNCED_TABLES
from workshop_app.core.records import MODELS, now_iso
from workshop_app.store.hub_models import HubBundle, HubConflict, HubRefusal
from workshop_app.sync.bundle_read import DEFAULT_LIMITS, check_entries
from workshop_app.sync.format import ERASURE_NOTE, HPKE_SUITE, MANIFEST, binding, canonical

ERASABLE = tuple(t for t in SYNCED_TABLES if "erased_at" in MODELS[t].__table__.c)  # type: ignore[attr-defined]
_CHUNK = 500
Erased = dict[str, set[str]]  # table -> ids
KeySource = Callable[[], tuple[X25519PrivateKey, str]]


def erased_among(session: Session, rows: dict[str, list[dict[str, Any]]]) -> Erased:
    """Which of these records the hub holds in an erased version."""
    out: Erased = {}
    for table in ERASABLE:
        ids = [row["id"] for row in rows.get(table, [])]
        tbl = MODELS[table].__table__  # type: ignore[attr-defined]
        found: set[str] = set()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            found.update(
                session.scalars(
                    select(tbl.c.id).where(tbl.c.id.in_(chunk), tbl.c.erased_at.is_not(None))
                )
            )
        if found:
            out[table] = found
    return out


def holds_erasures(session: Session) -> bool:
    """Whether the hub holds any record in an erased version."""
    for table in ERASABLE:
        tbl = MODELS[table].__table__  # type: ignore[attr-defined]
        if session.scalar(select(tbl.c.id).where(tbl.c.erased_at.is_not(None)).limit(1)):
            return True
    return False


def _current_rows(session: Session, erased: Erased) -> dict[str, dict[str, dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for table, ids in erased.items():
        tbl = MODELS[table].__table__  # type: ignore[attr-defined]
        wanted = sorted(ids)
        rows: dict[str, dict[str, Any]] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            for row in session.execute(select(tbl).where(tbl.c.id.in_(chunk))).mappings():
                rows[row["id"]] = dict(row)
        out[table] = rows
    return out


def scrub_content(
    content: bytes, erased_rows: dict[str, dict[str, dict[str, Any]]], key: KeySource
) -> bytes | None:
    """The kept bundle with every erased record replaced by its erased version; None when it
    held none of them (it is then left exactly as it was)."""
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        files = {info.filename: zf.read(info) for info in zf.infolist()}
    manifest = json.loads(files[MANIFEST])
    changed = 0
    for entry in manifest["files"]:
        table_rows = erased_rows.get(entry["table"])
        if not table_rows:
            continue
        data = files[entry["name"]]
        private = None
        if entry["encrypted"]:
            private = key()[0]
            data = HPKE_SUITE.decrypt(data, private, info=binding(manifest, entry))
        lines = []
        touched = False
        for line in data.decode("utf-8").splitlines():
            row = json.loads(line)
            replacement = table_rows.get(row["id"])
            if replacement is not None and row != replacement and row["erased_at"] is None:
                row = replacement
                touched = True
                changed += 1
            lines.append(canonical(row) + b"\n")
        if touched:
            plain = b"".join(lines)
            if private is not None:
                plain = HPKE_SUITE.encrypt(
                    plain, private.public_key(), info=binding(manifest, entry)
                )
            files[entry["name"]] = plain
    if not changed:
        return None
    note = {"scrubbed_at": now_iso(), "records_erased": changed}
    previous = json.loads(files[ERASURE_NOTE]) if ERASURE_NOTE in files else None
    if previous:
        note["records_erased"] += previous.get("records_erased", 0)
    files[ERASURE_NOTE] = json.dumps(note).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in files.items():
            zf.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data, zipfile.ZIP_STORED)
    return out.getvalue()


def apply_erasures(
    session: Session,
    workshop_id: str,
    bundle_id: str,
    rows: dict[str, list[dict[str, Any]]],
    erased_before: Erased,
    key: KeySource,
) -> int:
    """After merging a bundle: erasures new to the hub reach every kept copy of the workshop's
    bundles and the conflicts listed for staff; an erased record this bundle still carried in
    full is scrubbed from this bundle's own kept copy. Returns how many copies were rewritten."""
    erased_now = erased_among(session, rows)
    new: Erased = {t: ids - erased_before.get(t, set()) for t, ids in erased_now.items()}
    new = {t: ids for t, ids in new.items() if ids}
    stale: Erased = {
        t: {r["id"] for r in rows.get(t, []) if r["id"] in ids and r.get("erased_at") is None}
        for t, ids in erased_now.items()
    }
    stale = {t: ids for t, ids in stale.items() if ids}
    for table, ids in new.items():
        wanted = sorted(ids)
        for start in range(0, len(wanted), _CHUNK):
            session.execute(
                delete(HubConflict).where(
                    HubConflict.table_name == table,
                    HubConflict.record_id.in_(wanted[start : start + _CHUNK]),
                )
            )
    targets: list[tuple[str, Erased]] = []
    if new:
        others = session.scalars(
            select(HubBundle.bundle_id).where(
                HubBundle.workshop_id == workshop_id, HubBundle.bundle_id != bundle_id
            )
        ).all()
        targets += [(other, new) for other in others]
    if stale or new:
        own = {t: new.get(t, set()) | stale.get(t, set()) for t in {*new, *stale}}
        targets.append((bundle_id, own))
    rewritten = 0
    for target, erased in targets:
        content = session.scalar(select(HubBundle.content).where(HubBundle.bundle_id == target))
        scrubbed = scrub_content(content, _current_rows(session, erased), key)
        if scrubbed is not None:
            bundle = session.get(HubBundle, target)
            bundle.content = scrubbed  # type: ignore[union-attr]
            rewritten += 1
    if new:
        rewritten += scrub_refusals(session, new, key)
    return rewritten


def scrub_refusals(session: Session, erased: Erased, key: KeySource) -> int:
    """Erasures new to the hub reach every refused file it keeps: rewritten with the erased
    versions, or its bytes dropped when it cannot be read through. Returns how many changed."""
    rows = _current_rows(session, erased)
    ids = session.scalars(select(HubRefusal.id).where(HubRefusal.content.is_not(None))).all()
    changed = 0
    for refusal_id in ids:  # one at a time: each may be hundreds of megabytes
        content = session.scalar(select(HubRefusal.content).where(HubRefusal.id == refusal_id))
        if content is None:
            continue
        try:
            scrubbed = _scrub_refused(content, rows, key)
        except _Unreadable:
            scrubbed = None
        else:
            if scrubbed is None:
                continue
        session.execute(
            update(HubRefusal)
            .where(HubRefusal.id == refusal_id)
            .values(content=scrubbed, scrubbed_at=now_iso())
        )
        changed += 1
    return changed


def scrub_new_refusal(session: Session, content: bytes, key: KeySource | None) -> bytes | None:
    """A file about to be kept as refused, without any record the hub holds erased. None:
    none of it is kept, because it names an erased record but cannot be rewritten, or the hub
    cannot read it through (damaged, another hub's) and holds an erasure it may carry."""
    if key is None:
        key = _no_key
    try:
        rows = _refused_rows(content, key)
    except _Unreadable:
        return None if holds_erasures(session) else content
    erased = erased_among(session, rows)
    if not erased:
        return content
    try:
        return _scrub_refused(content, _current_rows(session, erased), key) or content
    except _Unreadable:
        return None


class _Unreadable(Exception):
    """A refused file the hub cannot read through."""


def _readable(content: bytes) -> None:
    # Only what a bundle may hold is unpacked (a refused file may be a ZIP bomb).
    try:
        check_entries(content, DEFAULT_LIMITS)
    except Exception as exc:
        raise _Unreadable from exc


def _scrub_refused(
    content: bytes, erased_rows: dict[str, dict[str, dict[str, Any]]], key: KeySource
) -> bytes | None:
    _readable(content)
    try:
        return scrub_content(content, erased_rows, key)
    except Exception as exc:  # whatever stops it (damage, another hub's key): unreadable
        raise _Unreadable from exc


def _refused_rows(content: bytes, key: KeySource) -> dict[str, list[dict[str, Any]]]:
    """The erasable records of a refused file, each with a text id."""
    _readable(content)
    rows: dict[str, list[dict[str, Any]]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as zf:
            manifest = json.loads(zf.read(MANIFEST))
            for entry in manifest["files"]:
                if entry["table"] not in ERASABLE:
                    continue
                data = zf.read(entry["name"])
                if entry["encrypted"]:
                    data = HPKE_SUITE.decrypt(data, key()[0], info=binding(manifest, entry))
                found = [json.loads(line) for line in data.decode("utf-8").splitlines()]
                rows[entry["table"]] = [
                    r for r in found if isinstance(r, dict) and isinstance(r.get("id"), str)
                ]
    except Exception as exc:
        raise _Unreadable from exc
    return rows


def _no_key() -> tuple[X25519PrivateKey, str]:
    raise _Unreadable
