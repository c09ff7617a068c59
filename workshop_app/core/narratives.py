"""Narratives for the priorities that go forward: the issue, the change wanted, how it improves
people's lives, who needs to act, first steps and how progress would be seen."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.outcomes import (
    priority_outcomes,
    set_priority_tags,
    workshop_outcome_set,
)
from workshop_app.core.records import created, now_iso, touch
from workshop_app.i18n import N_, _, ngettext
from workshop_app.store.models import Cluster, Narrative, Note

TARGET_KINDS = ("cluster", "note")
COMMUNITY_LED = ("", "yes", "partly", "no")
WORDS_AIM = (120, 200)
MAX_FIELD_CHARS = 5_000
SECTION_TITLES = {
    "issue": N_("The issue"),
    "change": N_("The change we want"),
    "improves": N_("How it improves people's lives"),
    "institution": N_("Who needs to act"),
    "first_steps": N_("First steps"),
    "phasing": N_("Phasing"),
    "progress": N_("How we will see progress"),
}
_LED = {"yes": N_("Yes"), "partly": N_("Partly"), "no": N_("No")}


@dataclass(frozen=True)
class NarrativeFields:
    issue: str = ""
    change: str = ""
    improves: str = ""
    institution: str = ""
    community_led: str = ""
    first_steps: str = ""
    phasing: str = ""
    progress: str = ""


@dataclass(frozen=True)
class NarrativeInfo:
    id: str
    workshop_id: str
    target_kind: str
    target_id: str
    title: str
    fields: NarrativeFields
    outcomes: tuple[str, ...]
    outcome_labels: tuple[str, ...]
    updated_at: str

    @property
    def words(self) -> int:
        return word_count(self.fields)

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "priority": {"kind": self.target_kind, "id": self.target_id, "title": self.title},
            **asdict(self.fields),
            "outcomes": list(self.outcomes),
            "words": self.words,
            "updated_at": self.updated_at,
        }


def word_count(values: NarrativeFields) -> int:
    text = " ".join(getattr(values, f.name) for f in fields(values) if f.name != "community_led")
    return len(re.findall(r"\w+(?:['’-]\w+)*", text))


def words_hint(count: int) -> str:
    low, high = WORDS_AIM
    if count < low:
        hint = ngettext(
            "{count} word: aim for {low}-{high}", "{count} words: aim for {low}-{high}", count
        )
    elif count > high:
        hint = ngettext(
            "{count} word: a little long, aim for {low}-{high}",
            "{count} words: a little long, aim for {low}-{high}",
            count,
        )
    else:
        hint = ngettext("{count} word: a good length", "{count} words: a good length", count)
    # {count}, not {n}: the number is shown as it is (no thousands separator).
    return hint.format(count=count, low=low, high=high)


def _target_title(session: Session, workshop_id: str, kind: str, target_id: str) -> str:
    if kind not in TARGET_KINDS:
        raise ValidationError(
            _("A narrative belongs to a cluster or a note, not '{kind}'.").format(kind=kind)
        )
    record = session.get(Cluster if kind == "cluster" else Note, target_id)
    if record is None or record.deleted_at is not None or record.workshop_id != workshop_id:
        raise NotFoundError(_("That priority is no longer on this workshop's board."))
    return record.name if isinstance(record, Cluster) else record.text


def _check(values: NarrativeFields) -> NarrativeFields:
    if values.community_led not in COMMUNITY_LED:
        raise ValidationError(_("'Led by the communities affected' is yes, partly, no or blank."))
    for f in fields(values):
        if len(getattr(values, f.name)) > MAX_FIELD_CHARS:
            raise ValidationError(
                ngettext(
                    "'{section}' can be at most {n} character: a narrative is short.",
                    "'{section}' can be at most {n} characters: a narrative is short.",
                    MAX_FIELD_CHARS,
                ).format(section=_(SECTION_TITLES[f.name]) if f.name in SECTION_TITLES else f.name)
            )
    return values


def _info(session: Session, n: Narrative) -> NarrativeInfo:
    values = NarrativeFields(
        n.issue,
        n.change,
        n.improves,
        n.institution,
        n.community_led,
        n.first_steps,
        n.phasing,
        n.progress,
    )
    # The priority's own tags are the narrative's outcomes (one record, legacy ones included);
    # tags from another outcome set stay hidden, never shown as raw keys.
    tags = priority_outcomes(session, n.workshop_id, n.target_kind, n.target_id)
    outcome_set = workshop_outcome_set(session, n.workshop_id)
    labels = tuple(outcome_set.label(t) for t in tags) if outcome_set else ()
    try:
        title = _target_title(session, n.workshop_id, n.target_kind, n.target_id)
    except NotFoundError:
        title = _("(priority removed from the board)")
    return NarrativeInfo(
        n.id, n.workshop_id, n.target_kind, n.target_id, title, values, tags, labels, n.updated_at
    )


def _find(session: Session, kind: str, target_id: str) -> Narrative | None:
    return session.scalars(
        select(Narrative).where(
            Narrative.target_kind == kind,
            Narrative.target_id == target_id,
            Narrative.deleted_at.is_(None),
        )
    ).first()


def save_narrative(
    session: Session,
    workshop_id: str,
    target_kind: str,
    target_id: str,
    values: NarrativeFields,
    outcomes: list[str] | None = None,
) -> NarrativeInfo:
    """Create the priority's narrative, or update it: one narrative per priority."""
    _target_title(session, workshop_id, target_kind, target_id)
    _check(values)
    row = _find(session, target_kind, target_id)
    if row is None:
        row = created(
            session,
            Narrative(
                workshop_id=workshop_id,
                target_kind=target_kind,
                target_id=target_id,
                **asdict(values),
            ),
        )
    else:
        changed = {k: v for k, v in asdict(values).items() if getattr(row, k) != v}
        if changed:
            touch(session, row)
            for key, value in changed.items():
                setattr(row, key, value)
    if outcomes is not None:
        set_priority_tags(session, workshop_id, target_kind, target_id, outcomes)
    return _info(session, row)


def get_narrative(session: Session, narrative_id: str) -> NarrativeInfo:
    row = session.get(Narrative, narrative_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(_("That narrative no longer exists."))
    return _info(session, row)


def narrative_for(session: Session, target_kind: str, target_id: str) -> NarrativeInfo | None:
    row = _find(session, target_kind, target_id)
    return _info(session, row) if row else None


def delete_narrative(session: Session, narrative_id: str) -> None:
    row = session.get(Narrative, narrative_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(_("That narrative no longer exists."))
    touch(session, row)
    row.deleted_at = now_iso()


def list_narratives(session: Session, workshop_id: str) -> list[NarrativeInfo]:
    rows = session.scalars(
        select(Narrative)
        .where(Narrative.workshop_id == workshop_id, Narrative.deleted_at.is_(None))
        .order_by(Narrative.created_at)
    )
    return [_info(session, n) for n in rows]


def preview_sections(info: NarrativeInfo) -> list[tuple[str, str]]:
    """The narrative as it will print: titled sections, empty ones left out."""
    v = info.fields
    out = []
    for key, title in SECTION_TITLES.items():
        text = getattr(v, key).strip()
        if key == "improves" and info.outcome_labels:
            outcomes = _("Outcomes: {outcomes}").format(outcomes=", ".join(info.outcome_labels))
            text = (text + "\n" if text else "") + outcomes
        if key == "institution" and v.community_led:
            led = _("Led by the communities affected: {answer}").format(
                answer=_(_LED[v.community_led])
            )
            text = (text + "\n" if text else "") + led
        if text:
            out.append((_(title), text))
    return out
