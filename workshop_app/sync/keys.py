"""Keys: each data folder signs its bundles with its own Ed25519 key; the hub has an X25519 key
pair whose public half laptops install, and whose private half is kept encrypted under a
passphrase. All of it is the `cryptography` package; nothing here is home-made."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from workshop_app.errors import os_reason
from workshop_app.i18n import _, ngettext
from workshop_app.sync.errors import SyncError

SIGNING_KEY_FILE = "signing-key.pem"
INSTALLED_HUB_KEY_FILE = "hub-key.pub"
HUB_KEY_FORMAT = "workshop-hub-key"
HUB_KEY_VERSION = 1
MAX_KEY_FILE_BYTES = 4096
MIN_PASSPHRASE_CHARS = 8


def raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint(public_raw: bytes) -> str:
    """SHA-256 of the raw public key, in hex: what staff compare by eye."""
    return hashlib.sha256(public_raw).hexdigest()


def show_fingerprint(fp: str) -> str:
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))


def normalise_fingerprint(text: str) -> str:
    """As typed or pasted: spaces, colons and case do not matter."""
    return re.sub(r"[^0-9a-f]", "", text.lower())


def _write_private(path: Path, data: bytes) -> None:
    # Created with mode 0600 from the start, so the key is never readable by others.
    tmp = path.with_name(f".{path.name}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def signing_key(data_dir: Path) -> Ed25519PrivateKey:
    """This data folder's signing key, made on first use."""
    path = data_dir / SIGNING_KEY_FILE
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError, OSError):
            raise SyncError(
                _("The signing key {file} is damaged: bundles cannot be signed.").format(file=path)
            ) from None
        if not isinstance(key, Ed25519PrivateKey):
            raise SyncError(_("The signing key {file} is not an Ed25519 key.").format(file=path))
        return key
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    _write_private(path, pem)
    return key


def laptop_fingerprint(data_dir: Path) -> str:
    return fingerprint(raw_public(signing_key(data_dir).public_key()))


def load_signer(public_b64: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(unb64(public_b64))


# --- the hub's key --------------------------------------------------------------------------


def new_hub_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def hub_key_text(public: X25519PublicKey) -> str:
    raw = raw_public(public)
    doc = {
        "format": HUB_KEY_FORMAT,
        "version": HUB_KEY_VERSION,
        "public_key": b64(raw),
        "fingerprint": fingerprint(raw),
    }
    return json.dumps(doc, indent=2) + "\n"


def parse_hub_key(data: bytes, source: str) -> X25519PublicKey:
    bad = SyncError(
        _("{file} is not a hub key file (make one with: workshop-app hub init).").format(
            file=source
        )
    )
    if len(data) > MAX_KEY_FILE_BYTES:
        raise bad
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc.get("format") != HUB_KEY_FORMAT:
            raise bad
        if doc.get("version") != HUB_KEY_VERSION:
            raise SyncError(
                _("{file} is a hub key from a newer Workshop App: update the app.").format(
                    file=source
                )
            )
        raw = unb64(doc["public_key"])
        key = X25519PublicKey.from_public_bytes(raw)
    except SyncError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise bad from None
    if doc.get("fingerprint") != fingerprint(raw):
        raise SyncError(
            _("{file} is damaged: its fingerprint does not match its key.").format(file=source)
        )
    return key


def read_hub_key_file(path: Path) -> X25519PublicKey:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SyncError(
            _("Cannot read the hub key {file}: {reason}.").format(file=path, reason=os_reason(exc))
        ) from None
    return parse_hub_key(data, str(path))


def install_hub_key(data_dir: Path, source: Path) -> X25519PublicKey:
    key = read_hub_key_file(source)
    target = data_dir / INSTALLED_HUB_KEY_FILE
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(hub_key_text(key), encoding="utf-8")
    os.replace(tmp, target)
    return key


def installed_hub_key(data_dir: Path) -> X25519PublicKey | None:
    path = data_dir / INSTALLED_HUB_KEY_FILE
    return read_hub_key_file(path) if path.exists() else None


def seal_private(key: X25519PrivateKey, passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise SyncError(
            ngettext(
                "The hub passphrase needs at least {n} character.",
                "The hub passphrase needs at least {n} characters.",
                MIN_PASSPHRASE_CHARS,
            )
        )
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    ).decode("ascii")


def open_private(pem: str, passphrase: str) -> X25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(
            pem.encode("ascii"), password=passphrase.encode("utf-8")
        )
    except (ValueError, TypeError):
        raise SyncError(_("The hub passphrase is wrong: nothing was imported.")) from None
    if not isinstance(key, X25519PrivateKey):
        raise SyncError(_("The hub's stored key is not an X25519 key."))
    return key
