"""Reading a bundle at the hub: every check before anything is merged. Entries are read from
memory by the names the manifest gives; nothing is ever unpacked onto disk."""

from __future__ import annotations

import hashlib
import io
import json
import math
import re
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import Boolean, Column, Float, Integer, String

from workshop_app.core.merge import SYNCED_TABLES
from workshop_app.core.records import MODELS
from workshop_app.i18n import N_
from workshop_app.store.clock import Stamp
from workshop_app.sync import keys
from workshop_app.sync.errors import BundleRefused
from workshop_app.sync.format import (
    ERASURE_NOTE,
    FORMAT,
    FORMAT_VERSION,
    HPKE_SUITE,
    MANIFEST,
    SIGNATURE,
    binding,
    data_name,
)
from workshop_app.sync.phrase import Phrase

_SAFE_NAME = re.compile(r"^[a-z0-9_]{1,64}\.(json|jsonl|sig)$")
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_INT64 = 2**63


@dataclass(frozen=True)
class Limits:
    bundle_bytes: int = 512 * 1024 * 1024
    entries: int = 64
    entry_bytes: int = 256 * 1024 * 1024  # one entry, unpacked
    total_bytes: int = 1024 * 1024 * 1024  # every entry, unpacked
    manifest_bytes: int = 1024 * 1024
    # Unpacked size over packed size; checked once an entry passes ratio_floor bytes, so small
    # files of repeated text are fine and a small file that unpacks to gigabytes is not.
    ratio: int = 200
    ratio_floor: int = 1024 * 1024
    text_chars: int = 200_000  # any one text field (the longest core allows is 100,000)


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class VerifiedBundle:
    manifest: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]]
    content_sha256: str

    @property
    def bundle_id(self) -> str:
        return str(self.manifest["bundle_id"])

    @property
    def workshop_id(self) -> str:
        return str(self.manifest["workshop_id"])

    @property
    def fingerprint(self) -> str:
        return str(self.manifest["signer"]["fingerprint"])

    @property
    def signer_public_key(self) -> str:
        return str(self.manifest["signer"]["public_key"])

    def references(self) -> dict[str, set[str]]:
        """Ids each table's rows point at (foreign keys) that the bundle does not itself hold:
        the hub must already have them, or the bundle is refused."""
        held = {table: {row["id"] for row in rows} for table, rows in self.rows.items()}
        wanted: dict[str, set[str]] = {}
        for table, rows in self.rows.items():
            for fk in MODELS[table].__table__.foreign_keys:  # type: ignore[attr-defined]
                parent = fk.column.table.name
                for row in rows:
                    value = row.get(fk.parent.key)
                    if value is not None and value not in held.get(parent, ()):
                        wanted.setdefault(parent, set()).add(value)
        return wanted


def refuse(message: str | Phrase, **values: object) -> BundleRefused:
    """A refusal: `message` is a message id marked with N_() (or a whole Phrase), with any
    `{name}` in it filled from `values`. The hub keeps it language-neutral and translates it
    whenever it is shown."""
    phrase = message if isinstance(message, Phrase) else Phrase.of(message, **values)
    return BundleRefused(phrase.text(), phrase)


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int, limits: Limits) -> bytes:
    if info.file_size > cap:
        raise refuse(N_("Its entry {name} is larger than a bundle may hold."), name=info.filename)
    out = bytearray()
    try:
        with zf.open(info) as fh:
            while chunk := fh.read(1024 * 1024):
                out += chunk
                if len(out) > cap:
                    raise refuse(
                        N_("Its entry {name} is larger than a bundle may hold."), name=info.filename
                    )
                if len(out) > limits.ratio_floor and len(out) > limits.ratio * max(
                    info.compress_size, 1
                ):
                    raise refuse(
                        N_(
                            "Its entry {name} unpacks to far more than its packed size "
                            "(a ZIP bomb)."
                        ),
                        name=info.filename,
                    )
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise refuse(
            N_("Its entry {name} is damaged ({reason})."), name=info.filename, reason=exc
        ) from None
    return bytes(out)


def _entries(data: bytes, limits: Limits) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    if not data:
        raise refuse(N_("The file is empty: it is not a bundle."))
    if len(data) > limits.bundle_bytes:
        raise refuse(N_("The file is larger than a bundle may be."))
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, OSError):
        raise refuse(
            N_("It is not a ZIP file, or it was cut short: it is not a whole bundle.")
        ) from None
    if len(infos) > limits.entries:
        raise refuse(
            N_("It holds {count} entries; a bundle holds at most {most}."),
            count=len(infos),
            most=limits.entries,
        )
    by_name: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        if not _SAFE_NAME.match(name):
            raise refuse(N_("It holds an entry with an unsafe name: {name}."), name=repr(name))
        if name in by_name:
            raise refuse(N_("It holds two entries named {name}."), name=name)
        if info.flag_bits & 0x1:
            raise refuse(
                N_("Its entry {name} uses ZIP encryption, which bundles never do."), name=name
            )
        by_name[name] = info
    if sum(i.file_size for i in infos) > limits.total_bytes:
        raise refuse(N_("It unpacks to more than a bundle may hold."))
    return zf, by_name


def _manifest(raw: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise refuse(N_("Its manifest.json is not readable JSON.")) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise refuse(N_("It is not a workshop bundle (its manifest names another format)."))
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise refuse(N_("Its manifest has no valid {field}."), field="format_version")
    if version > FORMAT_VERSION:
        raise refuse(
            N_(
                "It was written by a newer Workshop App (bundle format {version}; this app reads "
                "format {readable}): update the app to import it."
            ),
            version=version,
            readable=FORMAT_VERSION,
        )
    for key in ("bundle_id", "workshop_id"):
        try:
            uuid.UUID(str(manifest.get(key)))
        except ValueError:
            raise refuse(N_("Its manifest has no valid {field}."), field=key) from None
    # The longest each may be is what the hub's columns hold.
    for key, longest in (("device_id", 36), ("created_at", 32), ("app_version", 32)):
        if not isinstance(manifest.get(key), str) or not 0 < len(manifest[key]) <= longest:
            raise refuse(N_("Its manifest has no valid {field}."), field=key)
    signer, enc, files = manifest.get("signer"), manifest.get("encryption"), manifest.get("files")
    if not isinstance(signer, dict) or not isinstance(signer.get("public_key"), str):
        raise refuse(N_("Its manifest does not say who signed it."))
    if not isinstance(enc, dict) or not isinstance(files, list):
        raise refuse(N_("Its manifest does not list its data files."))
    for entry in files:
        if not (
            isinstance(entry, dict)
            and entry.get("table") in SYNCED_TABLES
            and entry.get("name") == data_name(str(entry.get("table")))
            and isinstance(entry.get("records"), int)
            and isinstance(entry.get("encrypted"), bool)
            and _HEX64.match(str(entry.get("sha256")))
        ):
            table = entry.get("table") if isinstance(entry, dict) else None
            if isinstance(table, str) and table not in SYNCED_TABLES:
                raise refuse(
                    N_("It carries a kind of record this app does not know: {kind}."),
                    kind=repr(table),
                )
            raise refuse(N_("Its manifest lists a data file it does not describe properly."))
    if len({entry["table"] for entry in files}) != len(files):
        raise refuse(N_("Its manifest lists one table twice."))
    return manifest


def _check_signature(manifest: dict[str, Any], raw_manifest: bytes, sig: bytes) -> None:
    signer = manifest["signer"]
    try:
        public = keys.load_signer(signer["public_key"])
        signature = keys.unb64(sig.decode("ascii").strip())
    except (ValueError, UnicodeDecodeError):
        raise refuse(N_("Its signature or signing key is unreadable.")) from None
    if signer.get("fingerprint") != keys.fingerprint(keys.raw_public(public)):
        raise refuse(N_("Its manifest names a signing key that is not the one it carries."))
    try:
        public.verify(signature, raw_manifest)
    except InvalidSignature:
        raise refuse(
            N_("Its signature does not match its contents: it was changed after it was exported.")
        ) from None


def _check_value(
    table: str, col: Column[Any], value: Any, limits: Limits, where: Phrase
) -> Phrase | None:
    """Why this value does not fit its column, or None when it does."""

    def problem(msgid: str) -> Phrase:
        return Phrase.of(msgid, where=where, field=col.key)

    if value is None:
        return None if col.nullable else problem(N_("{where}: its {field} is empty."))
    kind = col.type
    if isinstance(kind, Boolean):
        if isinstance(value, bool):
            return None
        return problem(N_("{where}: its {field} is not true or false."))
    if isinstance(kind, Integer):  # BigInteger too
        ok = isinstance(value, int) and not isinstance(value, bool) and -_INT64 <= value < _INT64
        return None if ok else problem(N_("{where}: its {field} is not a whole number."))
    if isinstance(kind, Float):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and math.isfinite(value):
            return None
        return problem(N_("{where}: its {field} is not a number."))
    if isinstance(kind, String):  # Text too
        if not isinstance(value, str):
            return problem(N_("{where}: its {field} is not text."))
        cap = kind.length or limits.text_chars
        if len(value) > cap:
            return Phrase.plural(
                cap,
                "{where}: its {field} is longer than {n} character.",
                "{where}: its {field} is longer than {n} characters.",
                where=where,
                field=col.key,
            )
        if "\x00" in value:
            return problem(N_("{where}: its {field} holds a NUL character."))
        return None
    return problem(N_("{where}: its {field} has a type this app cannot check."))


def _check_row(table: str, row: Any, workshop_id: str, limits: Limits, where: Phrase) -> None:
    if not isinstance(row, dict):
        raise refuse(N_("{where} is not a record."), where=where)
    cols = MODELS[table].__table__.columns  # type: ignore[attr-defined]
    names = {c.key for c in cols}
    if "id" not in row or not isinstance(row["id"], str) or not row["id"]:
        raise refuse(N_("{where} has no id."), where=where)
    unknown = sorted(row.keys() - names)
    if unknown:
        raise refuse(
            N_("{where} has a field this app does not know: {field}."),
            where=where,
            field=unknown[0],
        )
    missing = sorted(names - row.keys())
    if missing:
        raise refuse(N_("{where} lacks its {field} field."), where=where, field=missing[0])
    for col in cols:
        problem = _check_value(table, col, row[col.key], limits, where)
        if problem is not None:
            raise refuse(problem)
    for key in ("rev", "base_rev"):
        if row[key] is not None:
            try:
                Stamp.parse(row[key])
            except ValueError:
                raise refuse(
                    N_("{where}: its {field} is not a revision stamp."), where=where, field=key
                ) from None
    owner = row["id"] if table == "workshops" else row.get("workshop_id", workshop_id)
    if owner != workshop_id:
        raise refuse(N_("{where} belongs to another workshop than the bundle's."), where=where)


def _parse_rows(
    table: str, text: bytes, expected: int, workshop_id: str, limits: Limits
) -> list[dict[str, Any]]:
    try:
        lines = text.decode("utf-8").split("\n")
    except UnicodeDecodeError:
        raise refuse(N_("Its {name} is not UTF-8 text."), name=data_name(table)) from None
    if lines and lines[-1] == "":
        lines.pop()
    if len(lines) != expected:
        raise refuse(
            N_("Its {name} holds {count} records, but its manifest says {expected}."),
            name=data_name(table),
            count=len(lines),
            expected=expected,
        )
    rows = []
    for number, line in enumerate(lines, 1):
        where = Phrase.of(N_("Line {number} of its {name}"), number=number, name=data_name(table))
        try:
            row = json.loads(line, parse_constant=_no_constant)
        except (ValueError, RecursionError):
            raise refuse(N_("{where} is not a JSON record."), where=where) from None
        _check_row(table, row, workshop_id, limits, where)
        rows.append(row)
    return rows


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def check_entries(data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """The ZIP-level checks alone (size, entries, names, what it unpacks to): raises
    BundleRefused. For code that must open a file the hub refused without risk."""
    _entries(data, limits)


def peek_origin(
    data: bytes, limits: Limits = DEFAULT_LIMITS
) -> tuple[str | None, str | None, str | None]:
    """The workshop id, device id and creation time a file's manifest gives, read as far as
    it can be and not verified: for a refused file, so that a later merge from the same
    laptop's workshop can be seen to supersede it. (None for what cannot be read.)"""
    try:
        zf, entries = _entries(data, limits)
        raw = _read_entry(zf, entries[MANIFEST], limits.manifest_bytes, limits)
        manifest = json.loads(raw.decode("utf-8"))
    except (BundleRefused, KeyError, ValueError, RecursionError):
        return None, None, None
    if not isinstance(manifest, dict):
        return None, None, None

    def text(key: str, longest: int) -> str | None:
        value = manifest.get(key)
        return value if isinstance(value, str) and 0 < len(value) <= longest else None

    return text("workshop_id", 36), text("device_id", 36), text("created_at", 32)


def read_bundle(
    data: bytes,
    hub_key: Callable[[], tuple[X25519PrivateKey, str]] | None,
    limits: Limits = DEFAULT_LIMITS,
    kept_copy: bool = False,
) -> VerifiedBundle:
    """Check everything about a bundle and return its records. `hub_key` gives this hub's
    private key and its fingerprint when an encrypted file needs it. Raises BundleRefused.

    `kept_copy`: the hub's own copy of a bundle it verified when it arrived (one held for
    approval), which an erasure may since have rewritten: its rewritten files are taken as
    the hub wrote them (their checksums are the laptop's, from before the erasure)."""
    zf, entries = _entries(data, limits)
    if MANIFEST not in entries:
        raise refuse(N_("It has no manifest.json: it is not a bundle."))
    scrubbed = kept_copy and ERASURE_NOTE in entries
    if ERASURE_NOTE in entries and not kept_copy:
        raise refuse(
            N_(
                "It is a kept copy from which erased personal data was removed: it cannot be "
                "merged again (ask the laptop for a new bundle)."
            )
        )
    raw_manifest = _read_entry(zf, entries[MANIFEST], limits.manifest_bytes, limits)
    manifest = _manifest(raw_manifest)
    if SIGNATURE not in entries:
        raise refuse(N_("It is not signed (no manifest.sig)."))
    sig = _read_entry(zf, entries[SIGNATURE], 1024, limits)
    _check_signature(manifest, raw_manifest, sig)
    listed = {entry["name"] for entry in manifest["files"]}
    extra = sorted(set(entries) - listed - {MANIFEST, SIGNATURE, *([ERASURE_NOTE] * scrubbed)})
    if extra:
        raise refuse(N_("It holds an entry its manifest does not list: {name}."), name=extra[0])
    absent = sorted(listed - set(entries))
    if absent:
        raise refuse(N_("It lacks {name}, which its manifest lists."), name=absent[0])
    recipient = manifest["encryption"].get("recipient")
    total = 0
    rows: dict[str, list[dict[str, Any]]] = {}
    for entry in manifest["files"]:
        name = entry["name"]
        stored = _read_entry(zf, entries[name], limits.entry_bytes, limits)
        if not scrubbed and hashlib.sha256(stored).hexdigest() != entry["sha256"]:
            raise refuse(
                N_("Its {name} does not match its checksum: the bundle is damaged."), name=name
            )
        if entry["encrypted"]:
            if hub_key is None:
                raise refuse(N_("It is encrypted, and this hub has no key yet (run: hub init)."))
            private, own = hub_key()
            if recipient != own:
                raise refuse(N_("It was encrypted to another hub's key, not this hub's."))
            try:
                stored = HPKE_SUITE.decrypt(stored, private, info=binding(manifest, entry))
            except (InvalidTag, ValueError):
                raise refuse(
                    N_("Its {name} cannot be decrypted with this hub's key."), name=name
                ) from None
        total += len(stored)
        if len(stored) > limits.entry_bytes or total > limits.total_bytes:
            raise refuse(N_("It unpacks to more than a bundle may hold."))
        rows[entry["table"]] = _parse_rows(
            entry["table"], stored, entry["records"], manifest["workshop_id"], limits
        )
    return VerifiedBundle(manifest, rows, hashlib.sha256(data).hexdigest())
