"""Wellbeing outcome sets (presets shipped in resources/outcomes, or a programme's own) and the
tags that link priorities (clusters and notes) to them.

A priority's tags are the one record of its outcomes: the tagging dialog, the narrative, the
card and every report read them. Early versions tagged a narrative instead of its priority;
such "legacy" tags still read as the priority's, and move onto it the next time its outcomes are
saved. Tags whose key is not in the workshop's current set are kept but hidden: switching back
to their set shows them again, and saving other outcomes never removes them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy import Select, and_, or_, select
from sqlalchemy.orm import Session

from workshop_app.core.errors import ValidationError
from workshop_app.core.records import created, now_iso, touch
from workshop_app.core.workshops import get_workshop_record
from workshop_app.i18n import _, per_language
from workshop_app.resources import resources_dir
from workshop_app.store.models import Cluster, Narrative, Note, OutcomeTag

CUSTOM_SET = "custom"
TARGET_KINDS = ("cluster", "note", "narrative")
# Tags written on a narrative's id by early versions: read as its priority's.
LEGACY_KIND = "narrative"


@dataclass(frozen=True)
class OutcomeSet:
    id: str
    name: str
    version: str
    outcomes: tuple[tuple[str, str], ...]  # (key, label)

    def label(self, key: str) -> str:
        return dict(self.outcomes).get(key, key)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(k for k, _ in self.outcomes)

    def shown(self, keys: object) -> tuple[str, ...]:
        """The keys of this set among `keys`, in the set's order; others are hidden."""
        have = set(keys)  # type: ignore[call-overload]
        return tuple(k for k in self.keys if k in have)


@per_language
def preset_sets() -> dict[str, OutcomeSet]:
    """The shipped outcome sets, named in the language in use (keys never change)."""
    out = {}
    for path in sorted((resources_dir() / "outcomes").glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        out[data["id"]] = OutcomeSet(
            data["id"],
            _(data["name"]),
            str(data["version"]),
            tuple((o["key"], _(o["label"])) for o in data["outcomes"]),
        )
    return out


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", label.casefold()).strip("-")[:60] or "outcome"


def _custom_items(custom_labels: list[str] | None) -> list[dict[str, str]]:
    labels = [label.strip() for label in custom_labels or [] if label.strip()]
    if not labels:
        raise ValidationError(_("A custom outcome set needs at least one outcome."))
    items, seen = [], set()
    for label in labels:
        key = _slug(label)
        while key in seen:
            key += "-2"
        seen.add(key)
        items.append({"key": key, "label": label})
    return items


def workshop_outcome_set(session: Session, workshop_id: str) -> OutcomeSet | None:
    workshop = get_workshop_record(session, workshop_id)
    if workshop.outcome_set == CUSTOM_SET:
        items = json.loads(workshop.custom_outcomes or "[]")
        return OutcomeSet(
            CUSTOM_SET,
            _("Custom outcomes"),
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
        items = _custom_items(custom_labels)
        workshop.outcome_set = CUSTOM_SET
        # A custom set is versioned by when it was last defined.
        workshop.outcome_set_version = now_iso()
        workshop.custom_outcomes = json.dumps(items, ensure_ascii=False)
    else:
        preset = preset_sets().get(set_id)
        if preset is None:
            names = ", ".join(preset_sets())
            raise ValidationError(
                _("There is no outcome set '{set}' (sets: {names}, custom).").format(
                    set=set_id, names=names
                )
            )
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


def _write(
    session: Session,
    workshop_id: str,
    target_kind: str,
    target_id: str,
    wanted: list[str],
    scope: set[str] | None,
) -> None:
    """Make the target's live tags within `scope` (every key when None) exactly `wanted`;
    removed tags become tombstones so every laptop learns of the removal."""
    current = _live_tags(session, target_kind, target_id)
    have = {t.outcome_key for t in current}
    for tag in current:
        if tag.outcome_key not in wanted and (scope is None or tag.outcome_key in scope):
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


def _checked(session: Session, workshop_id: str, target_kind: str, keys: list[str]) -> OutcomeSet:
    if target_kind not in TARGET_KINDS:
        raise ValidationError(
            _("Outcomes tag clusters, notes or narratives, not '{kind}'.").format(kind=target_kind)
        )
    outcome_set = workshop_outcome_set(session, workshop_id)
    if outcome_set is None:
        raise ValidationError(_("Choose this workshop's outcome set before tagging outcomes."))
    known = dict(outcome_set.outcomes)
    for key in keys:
        if key not in known:
            raise ValidationError(
                _("'{key}' is not an outcome in {set}.").format(key=key, set=outcome_set.name)
            )
    return outcome_set


def set_tags(
    session: Session, workshop_id: str, target_kind: str, target_id: str, keys: list[str]
) -> list[str]:
    """Make the target's tags from the current set exactly `keys`; removed tags become
    tombstones. Tags from another set are kept (hidden until the workshop switches back)."""
    outcome_set = _checked(session, workshop_id, target_kind, keys)
    wanted = list(dict.fromkeys(keys))
    _write(session, workshop_id, target_kind, target_id, wanted, set(outcome_set.keys))
    return wanted


def _legacy_ids(target_kind: str, target_id: str) -> Select[tuple[str]]:
    return select(Narrative.id).where(
        Narrative.target_kind == target_kind,
        Narrative.target_id == target_id,
        Narrative.deleted_at.is_(None),
    )


def set_priority_tags(
    session: Session, workshop_id: str, target_kind: str, target_id: str, keys: list[str]
) -> list[str]:
    """Save a priority's outcomes on the priority itself (the one record). Tags an early
    version left on its narrative move here: a hidden one (another set's) is copied onto the
    priority, and every legacy tag becomes a tombstone, through the ordinary journaled path."""
    if target_kind == LEGACY_KIND:
        raise ValidationError(_("Outcomes belong to the priority (a cluster or a note)."))
    wanted = set_tags(session, workshop_id, target_kind, target_id, keys)
    outcome_set = workshop_outcome_set(session, workshop_id)
    in_set = set(outcome_set.keys) if outcome_set else set()
    for narrative_id in session.scalars(_legacy_ids(target_kind, target_id)):
        legacy = tags_of(session, LEGACY_KIND, narrative_id)
        if not legacy:
            continue
        hidden = [k for k in legacy if k not in in_set]
        if hidden:
            own = tags_of(session, target_kind, target_id)
            _write(session, workshop_id, target_kind, target_id, own + hidden, None)
        _write(session, workshop_id, LEGACY_KIND, narrative_id, [], None)
    return wanted


def tags_of(session: Session, target_kind: str, target_id: str) -> list[str]:
    """The live tag keys written on exactly this target (see priority_tags for a priority)."""
    return sorted(t.outcome_key for t in _live_tags(session, target_kind, target_id))


def priority_tags(session: Session, target_kind: str, target_id: str) -> list[str]:
    """Every live tag key of a priority, legacy ones on its narrative included (hidden ones
    too: filter with OutcomeSet.shown for what the screen shows)."""
    keys = session.scalars(
        select(OutcomeTag.outcome_key).where(
            OutcomeTag.deleted_at.is_(None),
            or_(
                and_(OutcomeTag.target_kind == target_kind, OutcomeTag.target_id == target_id),
                and_(
                    OutcomeTag.target_kind == LEGACY_KIND,
                    OutcomeTag.target_id.in_(_legacy_ids(target_kind, target_id)),
                ),
            ),
        )
    )
    return sorted(set(keys))


def priority_outcomes(
    session: Session, workshop_id: str, target_kind: str, target_id: str
) -> tuple[str, ...]:
    """The keys a priority shows: its tags from the workshop's current set, in set order."""
    outcome_set = workshop_outcome_set(session, workshop_id)
    if outcome_set is None:
        return ()
    return outcome_set.shown(priority_tags(session, target_kind, target_id))


def priority_outcome_labels(
    session: Session, workshop_id: str, target_kind: str, target_id: str
) -> tuple[str, ...]:
    """What people read for a priority's outcomes: the names its workshop's set gives them
    (a custom set's as typed), in set order."""
    outcome_set = workshop_outcome_set(session, workshop_id)
    if outcome_set is None:
        return ()
    shown = outcome_set.shown(priority_tags(session, target_kind, target_id))
    return tuple(outcome_set.label(k) for k in shown)


def workshop_tags(session: Session, workshop_id: str) -> dict[str, frozenset[str]]:
    """Every tagged priority's keys by its id (legacy narrative tags read as their priority's),
    in one query: what the board shows on its cards."""
    rows = session.execute(
        select(
            OutcomeTag.target_kind,
            OutcomeTag.target_id,
            OutcomeTag.outcome_key,
            Narrative.target_id,
            Narrative.deleted_at,
        )
        .outerjoin(
            Narrative,
            and_(OutcomeTag.target_kind == LEGACY_KIND, Narrative.id == OutcomeTag.target_id),
        )
        .where(OutcomeTag.workshop_id == workshop_id, OutcomeTag.deleted_at.is_(None))
    )
    out: dict[str, set[str]] = {}
    for kind, target_id, key, narrated_id, narrative_gone in rows:
        if kind == LEGACY_KIND:
            if narrated_id is None or narrative_gone is not None:
                continue
            target_id = narrated_id
        out.setdefault(target_id, set()).add(key)
    return {k: frozenset(v) for k, v in out.items()}


def outcome_labels(session: Session, workshop_id: str) -> dict[str, tuple[str, ...]]:
    """Each tagged priority's outcome labels by its id, in the current set's order; a priority
    whose tags are all hidden (another set's) is left out."""
    outcome_set = workshop_outcome_set(session, workshop_id)
    if outcome_set is None:
        return {}
    out = {}
    for target_id, keys in workshop_tags(session, workshop_id).items():
        shown = outcome_set.shown(keys)
        if shown:
            out[target_id] = tuple(outcome_set.label(k) for k in shown)
    return out


@dataclass(frozen=True)
class SwitchEffect:
    """What switching the workshop's outcome set does to the tags already made."""

    old_name: str  # the set in use now ("" when none is chosen yet)
    new_name: str
    hidden: int  # tags of the old set the new one does not have: kept, hidden
    shown_again: int  # tags kept from an earlier set that the new set shows again


def switch_effect(
    session: Session, workshop_id: str, set_id: str, custom_labels: list[str] | None = None
) -> SwitchEffect:
    old = workshop_outcome_set(session, workshop_id)
    if set_id == CUSTOM_SET:
        new_keys = {i["key"] for i in _custom_items(custom_labels)}
        new_name = _("Custom outcomes")
    else:
        preset = preset_sets().get(set_id)
        if preset is None:
            raise ValidationError(_("There is no outcome set '{set}'.").format(set=set_id))
        new_keys, new_name = set(preset.keys), preset.name
    old_keys = set(old.keys) if old else set()
    live = set(
        session.scalars(
            select(Cluster.id).where(
                Cluster.workshop_id == workshop_id, Cluster.deleted_at.is_(None)
            )
        )
    ) | set(
        session.scalars(
            select(Note.id).where(Note.workshop_id == workshop_id, Note.deleted_at.is_(None))
        )
    )
    hidden = shown_again = 0
    for target_id, keys in workshop_tags(session, workshop_id).items():
        if target_id not in live:
            continue
        hidden += len((keys & old_keys) - new_keys)
        shown_again += len((keys & new_keys) - old_keys)
    return SwitchEffect(old.name if old else "", new_name, hidden, shown_again)
