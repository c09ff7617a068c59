"""Tables only the programme hub fills: its key, the laptops it trusts, the bundles it kept or
refused, and the conflicts waiting for a person. They exist in every store (one schema), but a
laptop leaves them empty."""

from __future__ import annotations

from sqlalchemy import BigInteger, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from workshop_app.store.models import Base


class HubSetting(Base):
    """The hub's own facts: its public key, and its private key encrypted under a passphrase."""

    __tablename__ = "hub_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class HubLaptop(Base):
    """A laptop's signing key as the hub knows it: pending until staff approve it."""

    __tablename__ = "hub_laptops"

    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(36))
    # "pending", "approved" or "revoked".
    status: Mapped[str] = mapped_column(String(10))
    first_seen_at: Mapped[str] = mapped_column(String(32))
    decided_at: Mapped[str | None] = mapped_column(String(32), default=None)


class HubBundle(Base):
    """Every bundle the hub accepted, byte for byte. The primary key on bundle_id and the unique
    content hash are what make a second import of one bundle (even at the same moment) a no-op."""

    __tablename__ = "hub_bundles"
    __table_args__ = (Index("ix_hub_bundles_workshop", "workshop_id"),)

    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    content_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    workshop_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    fingerprint: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(32))
    received_at: Mapped[str] = mapped_column(String(32))
    # "held" (its laptop is not approved yet) or "merged".
    status: Mapped[str] = mapped_column(String(10))
    merged_at: Mapped[str | None] = mapped_column(String(32), default=None)
    file_name: Mapped[str] = mapped_column(Text)
    # JSON: what the merge did (inserted, updated, unchanged, kept_local, conflicts).
    summary: Mapped[str] = mapped_column(Text, default="{}")
    content: Mapped[bytes] = mapped_column(LargeBinary)


class HubRefusal(Base):
    """A file the hub would not take, kept aside with the one-line reason: its bytes too,
    unless it was too large to read or an erasure found it unreadable (then None)."""

    __tablename__ = "hub_refusals"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    received_at: Mapped[str] = mapped_column(String(32))
    file_name: Mapped[str] = mapped_column(Text)
    # The reason in English (rows refused before revision 0007: in the importing session's
    # language); reason_phrase, when set, is the same reason language-neutral (JSON: its
    # message id and values), translated whenever it is shown.
    reason: Mapped[str] = mapped_column(Text)
    reason_phrase: Mapped[str | None] = mapped_column(Text, default=None)
    size: Mapped[int] = mapped_column(BigInteger)
    content_sha256: Mapped[str | None] = mapped_column(String(64), default=None)
    content: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    # What its manifest says, when it could be read (not verified: the file was refused).
    workshop_id: Mapped[str | None] = mapped_column(String(36), default=None)
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    bundle_created_at: Mapped[str | None] = mapped_column(String(32), default=None)
    # When an erasure rewrote its bytes (or dropped them, when they could not be read).
    scrubbed_at: Mapped[str | None] = mapped_column(String(32), default=None)


class HubConflict(Base):
    """Two laptops changed one record from the same base: the version that lost, kept whole."""

    __tablename__ = "hub_conflicts"

    table_name: Mapped[str] = mapped_column(String(40), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    set_aside_rev: Mapped[str] = mapped_column(String(80), primary_key=True)
    kept_rev: Mapped[str] = mapped_column(String(80))
    # JSON of the losing row.
    set_aside: Mapped[str] = mapped_column(Text)
    found_at: Mapped[str] = mapped_column(String(32))
    settled_at: Mapped[str | None] = mapped_column(String(32), default=None)
