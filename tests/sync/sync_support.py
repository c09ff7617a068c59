"""Helpers for the bundle and hub tests: laptops, a hub on SQLite or PostgreSQL, and tools to
take a bundle apart and put it back together (to tamper with it as an attacker would)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.consent import ConsentChoices
from workshop_app.core.merge import SYNCED_TABLES, merge_tables
from workshop_app.core.notes import add_note, edit_note
from workshop_app.core.participants import ParticipantFields, ParticipantInfo, add_participant
from workshop_app.core.records import MODELS
from workshop_app.core.stories import add_story
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.store.database import Database
from workshop_app.store.hub_models import HubConflict
from workshop_app.sync import keys
from workshop_app.sync.bundle_write import export_bundle, workshop_rows
from workshop_app.sync.format import MANIFEST, SIGNATURE
from workshop_app.sync.hub import Hub, ImportOutcome

PASSPHRASE = "a long hub passphrase"
Rows = dict[str, list[dict[str, Any]]]


@dataclass
class HubFixture:
    hub: Hub
    pub_file: Path

    def source(self, passphrase: str = PASSPHRASE):
        return self.hub.key_source(lambda: passphrase)

    def bring(self, data: bytes, name: str = "b.wsbundle", **kw: Any) -> ImportOutcome:
        return self.hub.import_bundle(data, name, self.source(), **kw)

    def approve_all(self) -> None:
        for laptop in self.hub.laptops():
            self.hub.set_laptop(laptop.fingerprint, "approved")

    def bring_approved(self, data: bytes, name: str = "b.wsbundle") -> ImportOutcome:
        return self.bring(data, name, approve_new=True)


def install(db: Database, hub: HubFixture) -> None:
    keys.install_hub_key(db.data_dir, hub.pub_file)


def export(db: Database, workshop_id: str, out: Path, *, unencrypted: bool = False) -> bytes:
    export_bundle(db, workshop_id, out, unencrypted=unencrypted)
    return out.read_bytes()


def hub_dump(hub: Hub) -> Rows:
    """Every synced row the hub holds, in a stable order."""

    def query(session: Session) -> Rows:
        out: Rows = {}
        for table in SYNCED_TABLES:
            tbl = MODELS[table].__table__
            out[table] = [
                dict(row) for row in session.execute(select(tbl).order_by(tbl.c.id)).mappings()
            ]
        return out

    return hub.store.read(query)


def hub_conflicts(hub: Hub) -> set[tuple[str, str, str, str]]:
    return {
        (c.table_name, c.record_id, c.kept_rev, c.set_aside_rev)
        for c in hub.store.read(lambda s: s.scalars(select(HubConflict)).all())
    }


def entries(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def pack(items: list[tuple[str, bytes]], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in items:
            zf.writestr(zipfile.ZipInfo(name), data, method)
    return out.getvalue()


def rebuild(
    data: bytes,
    change_manifest: Callable[[dict[str, Any]], None] | None = None,
    change_files: Callable[[dict[str, bytes]], None] | None = None,
    signer: Ed25519PrivateKey | None = None,
    recompute: bool = True,
) -> bytes:
    """Take a bundle apart, change it, recompute every checksum and record count, and (given a
    signer) sign it again: what someone holding that key could produce."""
    files = entries(data)
    manifest = json.loads(files.pop(MANIFEST))
    signature = files.pop(SIGNATURE)
    if change_files:
        change_files(files)
    if recompute:
        for entry in manifest["files"]:
            if entry["name"] in files:
                entry["sha256"] = hashlib.sha256(files[entry["name"]]).hexdigest()
                if not entry["encrypted"]:
                    entry["records"] = files[entry["name"]].count(b"\n")
    if change_manifest:
        change_manifest(manifest)
    raw = json.dumps(manifest, indent=2).encode()
    if signer is not None:
        signature = keys.b64(signer.sign(raw)).encode()
    return pack([(MANIFEST, raw), (SIGNATURE, signature), *files.items()])


def jsonl(rows: list[dict[str, Any]]) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in rows)


def read_jsonl(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.decode().splitlines()]


def share_key(source: HubFixture, target: HubFixture) -> None:
    """Give a second hub the first one's key pair (bundles encrypted to one open in both)."""
    from workshop_app.store.hub_models import HubSetting

    values = {
        key: source.hub.store.read(lambda s, k=key: s.get(HubSetting, k).value)
        for key in ("private_key", "public_key")
    }

    def copy(session: Session) -> None:
        for key, value in values.items():
            session.get(HubSetting, key).value = value

    target.hub.store.run(copy)


def kept_plaintext(hub: HubFixture) -> dict[str, bytes]:
    """Every kept bundle's data files, decrypted with the hub's key: what the hub still holds."""
    from workshop_app.store.hub_models import HubBundle
    from workshop_app.sync.format import HPKE_SUITE, binding

    private, _ = hub.source()()
    out: dict[str, bytes] = {}
    for bundle in hub.hub.store.read(lambda s: s.scalars(select(HubBundle)).all()):
        files = entries(bundle.content)
        manifest = json.loads(files[MANIFEST])
        plain = b""
        for entry in manifest["files"]:
            data = files[entry["name"]]
            if entry["encrypted"]:
                data = HPKE_SUITE.decrypt(data, private, binding(manifest, entry))
            plain += data
        out[bundle.file_name] = plain
    return out


# A named person whose story is in a bundle: what an erasure must take out of the hub.
ERASED_NAME = "Zebedee Quartermaine"
ERASED_WORDS = "The day the mill closed, Zebedee's whole street went quiet"


def named_storyteller(laptop: Database, workshop_id: str) -> ParticipantInfo:
    """A participant who agreed to be quoted by name, and their story on a note."""
    person = laptop.run(
        lambda s: add_participant(
            s,
            workshop_id,
            ParticipantFields(name=ERASED_NAME),
            ConsentChoices(take_part=True, quote="full_name", use_report=True),
            "Desk",
        )
    )
    note = laptop.run(lambda s: add_note(s, workshop_id, "Reopen the mill as workshops"))
    laptop.run(lambda s: add_story(s, workshop_id, "note", note.id, ERASED_WORDS, person.id))
    return person


@dataclass
class SharedNote:
    """Two laptops of one workshop (b holds a copy of a's) and the note both have."""

    a: Database
    b: Database
    workshop_id: str
    note_id: str


def one_note_on_two_laptops(
    laptops: Callable[[str], Database], hub: HubFixture, edits: tuple[str, str] | None = None
) -> SharedNote:
    """Laptop a starts the workshop with one note and b gets a copy; with `edits`, each
    laptop then changes that note from the same base (a conflict once both are merged)."""
    a, b = laptops("a"), laptops("b")
    install(a, hub)
    install(b, hub)
    w = a.run(lambda s: create_workshop(s, WorkshopFields(title="Tywyn"), "building-blocks"))
    shared = a.run(lambda s: add_note(s, w.id, "Bus to Machynlleth")).id
    b.run(lambda s: merge_tables(s, a.read(lambda r: workshop_rows(r, w.id))))
    if edits is not None:
        a.run(lambda s: edit_note(s, shared, text=edits[0]))
        b.run(lambda s: edit_note(s, shared, text=edits[1]))
    return SharedNote(a, b, w.id, shared)
