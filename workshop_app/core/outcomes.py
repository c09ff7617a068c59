"""Wellbeing outcome sets (presets shipped in resources/outcomes, or a programme's own) and the
tags that link clusters, notes and narratives to them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.errors import ValidationError
from workshop_app.core.records import created, now_iso, touch
from workshop_app.core.workshops import get_workshop_record
from workshop_app.resources import resources_dir
from workshop_app.store.models import OutcomeTag

CUSTOM_SET = "custom"
TARGET_KINDS = ("cluster", "note", "narrative")


@dataclass(frozen=True)
class OutcomeSet:
    id: str
    name: str
    version: str
    outcomes: tuple[tuple[str, str], ...]  # (key, label)

    def label(self, key: str) -> str:
        return dict(self.outcomes).get(key, key)


@cache
def preset_sets() -> dict[str, OutcomeSet]:
    out = {}
    for path in sorted((resources_dir() / "outcomes").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        out[data["id"]] = OutcomeSet(
            data["id"],
            data["name"],
            str(data["version"]),
            tuple((o["key"], o["label"]) for o in data["outcomes"]),
        )
    return out


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")[:60] or "outcome"


def workshop_outcome_set(session: Session, workshop_id: str) -> OutcomeSet | None:
    workshop = get_workshop_record(session, workshop_id)
    if workshop.outcome_set == CUSTOM_SET:
        items = json.loads(workshop.custom_outcomes or "[]")
        return OutcomeSet(
            CUSTOM_SET,
            "Custom outcomes",
            workshop.outcome_set_version,
            tuple((i["key"], i["label"]) for i in items),
        )
    return preset_sets().get(workshop.outcome_set)


def choose_outcome_set(
    session: Session, workshop_id: str, set_id: str, custom_labels: list[str] | None = None
) -> OutcomeSet:
    """Record which set (and which version of it) this workshop tags with."""
    workshop = get_workshop_record(session, workshop_id)
    touch(session, workshop)
    if set_id == CUSTOM_SET:
        labels = [label.strip() for label in custom_labels or [] if label.strip()]
        if not labels:
            raise ValidationError("A custom outcome set needs at least one outcome.")
        items, seen = [], set()
        for label in labels:
            key = _slug(label)
            while key in seen:
                key += "-2"
            seen.add(key)
            items.append({"key": key, "label": label})
        workshop.outcome_set = CUSTOM_SET
        # A custom set is versioned by when it was last defined.
        workshop.outcome_set_version = now_iso()
        workshop.custom_outcomes = json.dumps(items, ensure_ascii=False)
    else:
        preset = preset_sets().get(set_id)
        if preset is None:
            names = ", ".join(preset_sets())
            raise ValidationError(f"There is no outcome set '{set_id}' (sets: {names}, custom).")
        workshop.outcome_set = preset.id
        workshop.outcome_set_version = preset.version
    result = workshop_outcome_set(session, workshop_id)
    assert result is not None
    return result


def _live_tags(session: Session, target_kind: str, target_id: str) -> list[OutcomeTag]:
    return list(
        session.scalars(
            select(OutcomeTag).where(
                OutcomeTag.target_kind == target_kind,
                OutcomeTag.target_id == target_id,
                OutcomeTag.deleted_at.is_(None),
            )
        )
    )


def set_tags(
    session: Session, workshop_id: str, target_kind: str, target_id: str, keys: list[str]
) -> list[str]:
    """Make the target's tags exactly `keys`; removed tags become tombstones."""
    if target_kind not in TARGET_KINDS:
        raise ValidationError(f"Outcomes tag clusters, notes or narratives, not '{target_kind}'.")
    outcome_set = workshop_outcome_set(session, workshop_id)
    if outcome_set is None:
        raise ValidationError("Choose this workshop's outcome set before tagging outcomes.")
    known = dict(outcome_set.outcomes)
    for key in keys:
        if key not in known:
            raise ValidationError(f"'{key}' is not an outcome in {outcome_set.name}.")
    wanted = list(dict.fromkeys(keys))
    current = _live_tags(session, target_kind, target_id)
    have = {t.outcome_key for t in current}
    for tag in current:
        if tag.outcome_key not in wanted:
            touch(session, tag)
            tag.deleted_at = now_iso()
    for key in wanted:
        if key not in have:
            created(
                session,
                OutcomeTag(
                    workshop_id=workshop_id,
                    target_kind=target_kind,
                    target_id=target_id,
                    outcome_key=key,
                ),
            )
    return wanted


def tags_of(session: Session, target_kind: str, target_id: str) -> list[str]:
    return sorted(t.outcome_key for t in _live_tags(session, target_kind, target_id))
