"""The bundle contract (DESIGN.md): names, versions and the bytes every check agrees on."""

from __future__ import annotations

import json
from typing import Any

from cryptography.hazmat.primitives import hpke

FORMAT = "workshop-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
ERASURE_NOTE = "erasure.json"  # only in the hub's kept copies, after an erasure (sync.erasure)
DATA_SUFFIX = ".jsonl"
HPKE_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
ENCRYPTION = {
    "scheme": "HPKE (RFC 9180), base mode",
    "kem": "DHKEM(X25519, HKDF-SHA256)",
    "kdf": "HKDF-SHA256",
    "aead": "ChaCha20-Poly1305",
}
# The manifest's identity, bound into every encrypted data file (HPKE's `info`, which RFC 9180
# section 8.1 names as the place for associated data in single-shot use): a data file cannot be
# moved into another bundle, renamed or given to another table without failing to decrypt.
BOUND_FIELDS = ("format", "format_version", "bundle_id", "workshop_id", "device_id", "created_at")


def canonical(doc: Any) -> bytes:
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def binding(manifest: dict[str, Any], entry: dict[str, Any]) -> bytes:
    """What a data file's encryption is bound to: the manifest's identity, the signer, the
    recipient, and the file's own name, table and record count."""
    head = {key: manifest[key] for key in BOUND_FIELDS}
    head["signer"] = manifest["signer"]["fingerprint"]
    head["recipient"] = manifest["encryption"]["recipient"]
    head["file"] = {key: entry[key] for key in ("name", "table", "records")}
    return b"workshop-bundle data file\n" + canonical(head)


def data_name(table: str) -> str:
    return f"{table}{DATA_SUFFIX}"
