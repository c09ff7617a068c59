"""Typed SQLAlchemy models. Every synced record carries the same bookkeeping columns."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
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
    # Wellbeing outcome set used to tag priorities: its id and version, so the hub can compare.
    outcome_set: Mapped[str] = mapped_column(String(64), default="")
    outcome_set_version: Mapped[str] = mapped_column(String(32), default="")
    # JSON list of {"key", "label"} when the programme uses its own outcome set.
    custom_outcomes: Mapped[str] = mapped_column(Text, default="[]")
    # JSON list of the equality-monitoring question keys this programme asks.
    equality_questions: Mapped[str] = mapped_column(Text, default="[]")
    # The programme's follow-up page and phone, printed on handouts ("you said, we did").
    follow_up_url: Mapped[str] = mapped_column(Text, default="", server_default="")
    contact_phone: Mapped[str] = mapped_column(Text, default="", server_default="")


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
    # Who said it, when known: lets a withdrawing participant take their words with them.
    participant_id: Mapped[str | None] = mapped_column(
        ForeignKey("participants.id", name="fk_notes_participant_id"), default=None
    )
    # Set when the note went with an erased participant: undo must never bring its text back.
    erased_at: Mapped[str | None] = mapped_column(String(32), default=None)


class Participant(SyncedRecord, Base):
    """Someone in the room. Name and contact details are kept only while consent allows."""

    __tablename__ = "participants"
    __table_args__ = (UniqueConstraint("workshop_id", "code", name="uq_participant_code"),)

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id"), index=True)
    # Short code read aloud and printed on cards; never reused within a workshop.
    code: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(Text, default="")
    area: Mapped[str] = mapped_column(Text, default="")
    email: Mapped[str] = mapped_column(Text, default="")
    phone: Mapped[str] = mapped_column(Text, default="")
    # Erasure is final: undo and sync must never bring the personal fields back.
    erased_at: Mapped[str | None] = mapped_column(String(32), default=None)


class Consent(SyncedRecord, Base):
    """A participant's choices, for taking part in general (story_id None) or for one story."""

    __tablename__ = "consents"

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id"), index=True)
    participant_id: Mapped[str] = mapped_column(ForeignKey("participants.id"), index=True)
    story_id: Mapped[str | None] = mapped_column(ForeignKey("stories.id"), default=None)
    take_part: Mapped[bool] = mapped_column(Boolean, default=False)
    # "no", "full_name", "first_name", "first_name_area" or "anonymous".
    quote: Mapped[str] = mapped_column(String(20), default="no")
    photo: Mapped[bool] = mapped_column(Boolean, default=False)
    contact: Mapped[bool] = mapped_column(Boolean, default=False)
    use_report: Mapped[bool] = mapped_column(Boolean, default=False)
    use_publicity: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[str] = mapped_column(String(32), default="")
    wording_version: Mapped[str] = mapped_column(String(32), default="")
    withdrawn_at: Mapped[str | None] = mapped_column(String(32), default=None)
    # Set when its participant was erased: undo must never bring this consent back.
    erased_at: Mapped[str | None] = mapped_column(String(32), default=None)


class EqualityResponse(SyncedRecord, Base):
    """One anonymous equality and reach card: deliberately linked to no person, note or vote."""

    __tablename__ = "equality_responses"

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id"), index=True)
    # JSON object {question key: answer key}.
    answers: Mapped[str] = mapped_column(Text, default="{}")


class OutcomeTag(SyncedRecord, Base):
    __tablename__ = "outcome_tags"
    __table_args__ = (Index("ix_outcome_tags_target", "target_kind", "target_id"),)

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id"), index=True)
    # "cluster", "note" or "narrative".
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(36))
    outcome_key: Mapped[str] = mapped_column(String(64))


class Narrative(SyncedRecord, Base):
    """Why a priority (a cluster or a note) matters and what should happen next."""

    __tablename__ = "narratives"
    __table_args__ = (Index("ix_narratives_target", "target_kind", "target_id"),)

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id"), index=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(36))
    issue: Mapped[str] = mapped_column(Text, default="")
    change: Mapped[str] = mapped_column(Text, default="")
    improves: Mapped[str] = mapped_column(Text, default="")
    institution: Mapped[str] = mapped_column(Text, default="")
    # "yes", "partly", "no" or "" (not yet known).
    community_led: Mapped[str] = mapped_column(String(8), default="")
    first_steps: Mapped[str] = mapped_column(Text, default="")
    phasing: Mapped[str] = mapped_column(Text, default="")
    progress: Mapped[str] = mapped_column(Text, default="")


class Story(SyncedRecord, Base):
    """Lived experience in someone's own words, linked to a priority and (maybe) a person."""

    __tablename__ = "stories"

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id"), index=True)
    participant_id: Mapped[str | None] = mapped_column(ForeignKey("participants.id"), default=None)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(36))
    text: Mapped[str] = mapped_column(Text)
    # Marked for publication only when the teller's consent allows; otherwise internal use.
    publish: Mapped[bool] = mapped_column(Boolean, default=False)
    erased_at: Mapped[str | None] = mapped_column(String(32), default=None)


class VotingRound(SyncedRecord, Base):
    """One round of dot-voting: its rules, and whether it is being set up, open or closed."""

    __tablename__ = "voting_rounds"

    workshop_id: Mapped[str] = mapped_column(ForeignKey("workshops.id"), index=True)
    name: Mapped[str] = mapped_column(Text)
    # What the dots mean ("most important", "most urgent"); blank for a plain preference.
    criterion: Mapped[str] = mapped_column(Text, default="")
    dots_per_person: Mapped[int] = mapped_column(Integer)
    # Most dots one person may put on one option; None: no cap.
    cap_per_option: Mapped[int | None] = mapped_column(Integer, default=None)
    # Red "objection" dots are counted separately and never added to the others.
    objections: Mapped[bool] = mapped_column(Boolean, default=False)
    # "setup", "open" or "closed".
    status: Mapped[str] = mapped_column(String(8), default="setup")
    opened_at: Mapped[str | None] = mapped_column(String(32), default=None)
    closed_at: Mapped[str | None] = mapped_column(String(32), default=None)
    revealed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Each time the option list was unlocked after opening: the audit trail the room can see.
    reopened: Mapped[int] = mapped_column(Integer, default=0)
    # The round this run-off was made from, if any.
    runoff_of: Mapped[str | None] = mapped_column(ForeignKey("voting_rounds.id"), default=None)
    seq: Mapped[int] = mapped_column(BigInteger, default=0)


class RoundOption(SyncedRecord, Base):
    __tablename__ = "round_options"

    round_id: Mapped[str] = mapped_column(ForeignKey("voting_rounds.id"), index=True)
    target_kind: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[str] = mapped_column(String(36))
    # The option's words when the round opened, so results stay readable if the board changes.
    label: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)


class Vote(SyncedRecord, Base):
    """Dots on one option: a paper tally ("paper"), or one voter's allocation ("person")."""

    __tablename__ = "votes"
    __table_args__ = (
        Index("ix_votes_round_voter", "round_id", "voter_key"),
        Index(
            "ix_votes_tally",
            "round_id",
            "deleted_at",
            "source",
            "option_id",
            "objection",
            "dots",
            "voter_key",
        ),
    )

    round_id: Mapped[str] = mapped_column(ForeignKey("voting_rounds.id"))
    option_id: Mapped[str] = mapped_column(ForeignKey("round_options.id"))
    # "paper" or "person".
    source: Mapped[str] = mapped_column(String(8))
    # The participant's id, an anonymous voter's token, or "" for a paper tally.
    voter_key: Mapped[str] = mapped_column(String(40), default="")
    dots: Mapped[int] = mapped_column(Integer, default=0)
    objection: Mapped[bool] = mapped_column(Boolean, default=False)


class Ballot(SyncedRecord, Base):
    """One voter's turn in a round: how many dots they used and left unused."""

    __tablename__ = "ballots"
    __table_args__ = (Index("ix_ballots_round_voter", "round_id", "voter_key"),)

    round_id: Mapped[str] = mapped_column(ForeignKey("voting_rounds.id"))
    voter_key: Mapped[str] = mapped_column(String(40))
    participant_id: Mapped[str | None] = mapped_column(ForeignKey("participants.id"), default=None)
    dots_used: Mapped[int] = mapped_column(Integer, default=0)
    dots_unused: Mapped[int] = mapped_column(Integer, default=0)
    objections_used: Mapped[int] = mapped_column(Integer, default=0)


from workshop_app.store import hub_models as _hub_models  # noqa: E402,F401  (the hub tables)
