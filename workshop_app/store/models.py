"""Typed SQLAlchemy models. Every synced record carries the same bookkeeping columns."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class SyncedRecord:
    """Columns every record needs to merge across laptops (see DESIGN.md, data rules)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[str] = mapped_column(String(32))
    device_id: Mapped[str] = mapped_column(String(36))
    # Hybrid logical clock stamp of the last change, and the stamp it replaced: wall clocks lie.
    rev: Mapped[str] = mapped_column(String(80))
    base_rev: Mapped[str | None] = mapped_column(String(80), default=None)
    deleted_at: Mapped[str | None] = mapped_column(String(32), default=None)


class LocalMeta(Base):
    """Facts about this data folder (device id, clock state). Never leaves the laptop."""

    __tablename__ = "local_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Workshop(SyncedRecord, Base):
    __tablename__ = "workshops"

    title: Mapped[str] = mapped_column(Text)
    programme: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(Text, default="")
    venue: Mapped[str] = mapped_column(Text, default="")
    # Local date and time as the organiser entered it, ISO 8601 without zone ("2026-11-23T18:30").
    starts_at: Mapped[str | None] = mapped_column(String(32), default=None)
    facilitators: Mapped[str] = mapped_column(Text, default="")
    # JSON list of the prompt questions asked in the room.
    prompts: Mapped[str] = mapped_column(Text, default="[]")
    theme_template: Mapped[str] = mapped_column(String(64), default="blank")
    archived_at: Mapped[str | None] = mapped_column(String(32), default=None)


class Theme(SyncedRecord, Base):
    __tablename__ = "themes"

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    colour: Mapped[str] = mapped_column(String(9))
    position: Mapped[float] = mapped_column(Float, default=0.0)
    # The parking lot holds notes that fit nowhere yet; one per workshop, always last.
    is_parking_lot: Mapped[bool] = mapped_column(Boolean, default=False)


class Cluster(SyncedRecord, Base):
    __tablename__ = "clusters"

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id"), index=True)
    theme_id: Mapped[str] = mapped_column(ForeignKey("themes.id"))
    name: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[float] = mapped_column(Float, default=0.0)
    # Creation order from the hybrid clock: stable even when the wall clock jumps back.
    seq: Mapped[int] = mapped_column(BigInteger, default=0)


class Note(SyncedRecord, Base):
    __tablename__ = "notes"
    __table_args__ = (Index("ix_notes_workshop_theme", "workshop_id", "theme_id"),)

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id"))
    theme_id: Mapped[str] = mapped_column(ForeignKey("themes.id"))
    cluster_id: Mapped[str | None] = mapped_column(ForeignKey("clusters.id"), default=None)
    # A duplicate stacks on the note it repeats; both are kept, the board shows one card ×N.
    duplicate_of: Mapped[str | None] = mapped_column(ForeignKey("notes.id"), default=None)
    text: Mapped[str] = mapped_column(Text)
    table_label: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[float] = mapped_column(Float, default=0.0)
    # Order of capture on this laptop, for a stable board even when wall clocks jump.
    seq: Mapped[int] = mapped_column(BigInteger, default=0)
