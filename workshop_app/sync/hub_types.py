"""What the hub hands back: the outcome of importing one file, a laptop as staff see it, a
workshop in the programme view. (Also importable from `workshop_app.sync.hub`.)"""

from __future__ import annotations

from dataclasses import dataclass, field

from workshop_app.core.merge import MergeResult


@dataclass
class ImportOutcome:
    """What became of one file: "merged", "held" (its laptop awaits approval), "already"
    (imported before: nothing changed) or "refused" (with the reason)."""

    file_name: str
    status: str
    reason: str = ""
    bundle_id: str = ""
    workshop_id: str = ""
    fingerprint: str = ""
    merge: MergeResult = field(default_factory=MergeResult)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LaptopInfo:
    fingerprint: str
    device_id: str
    status: str
    first_seen_at: str
    decided_at: str | None
    merged: int
    held: int


@dataclass(frozen=True)
class HubWorkshop:
    id: str
    title: str
    place: str
    starts_at: str | None
    participants: int
    notes: int
    laptops: int
    last_import: str | None


@dataclass(frozen=True)
class Refusal:
    """A file the hub refused, as staff see it (its bytes: Hub.refused_content)."""

    id: str
    received_at: str
    file_name: str
    reason: str  # in the language chosen when it was listed
    size: int
    content_sha256: str | None
    # What its manifest said, when it could be read (unverified: the file was refused).
    workshop_id: str | None
    device_id: str | None
    scrubbed_at: str | None
    reason_id: str | None  # the reason's message id (None for refusals kept before 0007)
    # The later bundle of the same laptop's workshop whose merge superseded this refusal.
    superseded_by: str | None = None
    superseded_at: str | None = None  # when that bundle was merged
