"""Writing a workshop's bundle on the laptop: signed, encrypted to the hub, consent applied."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app import __version__
from workshop_app.core.consent import (
    NO_CONSENT,
    PERSONAL_FIELDS,
    fields_leaving_laptop,
    get_consent,
)
from workshop_app.core.export_status import note_exported, workshop_filter
from workshop_app.core.merge import SYNCED_TABLES, record_row
from workshop_app.core.records import MODELS, now_iso
from workshop_app.core.workshops import get_workshop_record
from workshop_app.errors import os_reason
from workshop_app.i18n import N_, _
from workshop_app.store.database import Database
from workshop_app.store.models import Consent
from workshop_app.sync import keys
from workshop_app.sync.errors import SyncError
from workshop_app.sync.format import (
    ENCRYPTION,
    FORMAT,
    FORMAT_VERSION,
    HPKE_SUITE,
    MANIFEST,
    SIGNATURE,
    binding,
    canonical,
    data_name,
)

NO_HUB_KEY = N_(
    "No hub key is installed on this laptop, so the bundle cannot be encrypted: install the "
    "hub's key with `workshop-app install-key HUBKEY.pub` (or export with --unencrypted)."
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    workshop_id: str
    title: str
    records: dict[str, int]
    encrypted: bool
    fingerprint: str

    @property
    def total(self) -> int:
        return sum(self.records.values())


def _consented(session: Session, row: dict[str, Any]) -> dict[str, Any]:
    """A participant as it may leave the laptop: personal fields consent does not release are
    blanked (the same rule as `participants --json`).

    What leaves depends on the consent record as well as the participant's, so the version
    sent carries the later of the two stamps: when consent is widened later, the name then
    released arrives at the hub as a newer version instead of being taken for one it holds."""
    consent = get_consent(session, row["id"])
    allowed = fields_leaving_laptop(consent.effective if consent else NO_CONSENT)
    out = {**row, **{f: "" for f in PERSONAL_FIELDS if f not in allowed}}
    if consent is not None and row["erased_at"] is None:
        consent_rev = session.get(Consent, consent.id).rev  # type: ignore[union-attr]
        if consent_rev > row["rev"]:
            out["rev"] = consent_rev
    return out


def workshop_rows(session: Session, workshop_id: str) -> dict[str, list[dict[str, Any]]]:
    """Every record of the workshop as the bundle carries it, tombstones included."""
    out: dict[str, list[dict[str, Any]]] = {}
    for table in SYNCED_TABLES:
        model = MODELS[table]
        records = session.scalars(
            select(model).where(workshop_filter(table, workshop_id)).order_by(model.id)
        )
        rows = [record_row(r) for r in records]
        if table == "participants":
            rows = [_consented(session, row) for row in rows]
        out[table] = rows
    return out


def _jsonl(rows: list[dict[str, Any]]) -> bytes:
    return b"".join(canonical(row) + b"\n" for row in rows)


def export_bundle(
    db: Database, workshop_id: str, out: Path, *, unencrypted: bool = False
) -> ExportResult:
    """Write the workshop's bundle to `out` (atomically) and note the export on the laptop."""
    hub_key: X25519PublicKey | None = None
    if not unencrypted:
        hub_key = keys.installed_hub_key(db.data_dir)
        if hub_key is None:
            raise SyncError(_(NO_HUB_KEY))
    signer = keys.signing_key(db.data_dir)
    signer_raw = keys.raw_public(signer.public_key())

    def gather(session: Session) -> tuple[str, dict[str, list[dict[str, Any]]]]:
        title = get_workshop_record(session, workshop_id).title
        rows = workshop_rows(session, workshop_id)
        revs = [row["rev"] for table_rows in rows.values() for row in table_rows]
        note_exported(session, workshop_id, max(revs) if revs else None)
        return title, rows

    # The rows are read and the export noted in one transaction, but the note only stands if
    # the file is written: a failed write rolls it back.
    with db.transaction() as session:
        title, rows = gather(session)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": __version__,
            "bundle_id": str(uuid.uuid4()),
            "workshop_id": workshop_id,
            "device_id": db.device_id,
            "created_at": now_iso(),
            "signer": {
                "algorithm": "Ed25519",
                "public_key": keys.b64(signer_raw),
                "fingerprint": keys.fingerprint(signer_raw),
            },
            "encryption": (
                {**ENCRYPTION, "recipient": keys.fingerprint(keys.raw_public(hub_key))}
                if hub_key is not None
                else {"scheme": "none", "recipient": None}
            ),
            "files": [],
        }
        payloads: list[tuple[str, bytes]] = []
        for table, table_rows in rows.items():
            entry: dict[str, Any] = {
                "name": data_name(table),
                "table": table,
                "records": len(table_rows),
                "encrypted": hub_key is not None,
            }
            data = _jsonl(table_rows)
            if hub_key is not None:
                data = HPKE_SUITE.encrypt(data, hub_key, info=binding(manifest, entry))
            entry["sha256"] = hashlib.sha256(data).hexdigest()
            manifest["files"].append(entry)
            payloads.append((entry["name"], data))
        manifest_bytes = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
        signature = keys.b64(signer.sign(manifest_bytes)).encode("ascii")
        _write_zip(
            out,
            [(MANIFEST, manifest_bytes), (SIGNATURE, signature), *payloads],
            hub_key is not None,
        )
    return ExportResult(
        out,
        manifest["bundle_id"],
        workshop_id,
        title,
        {table: len(r) for table, r in rows.items()},
        hub_key is not None,
        manifest["signer"]["fingerprint"],
    )


def _write_zip(out: Path, entries: list[tuple[str, bytes]], encrypted: bool) -> None:
    tmp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as fh:
            with zipfile.ZipFile(fh, "w") as zf:
                for name, data in entries:
                    # Ciphertext does not compress: store it; plain text is deflated.
                    method = zipfile.ZIP_STORED if encrypted else zipfile.ZIP_DEFLATED
                    zf.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), data, method)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise SyncError(
            _("Cannot write the bundle {file}: {reason}.").format(file=out, reason=os_reason(exc))
        ) from None
