"""Lived-experience stories, linked to a priority and to the participant who told them, with
that participant's consent applied every time the story is saved or shown."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.consent import attribution, effective_consent
from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.narratives import _target_title
from workshop_app.core.participants import get_participant_record
from workshop_app.core.records import created, now_iso, touch
from workshop_app.i18n import _, ngettext
from workshop_app.store.models import Participant, Story

MAX_STORY_CHARS = 20_000
_STREET = re.compile(
    # "St" only when no capitalised word follows: "St David's Day" is a saint, not a street.
    r"\b\d*\s*[A-Z][\w'’-]+\s+(?:Street|St\b(?!\.?\s+[A-Z])|Road|Rd|Lane|Ln|Avenue|Ave|Close|"
    r"Way|Drive|Terrace|Crescent|Place|Square|Court|Gardens|Grove|Hill|Row|Walk|Heol|Ffordd|Stryd)\b"
)
_TITLED = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+[A-Z][\w'’-]+")


@dataclass(frozen=True)
class StoryInfo:
    id: str
    workshop_id: str
    participant_id: str | None
    participant_code: str
    target_kind: str
    target_id: str
    text: str
    publish: bool
    may_publish: bool
    credit: str | None  # how a published quote is credited; None: not quotable
    # Consent to the report, not only to publicity: what the workshop report may print.
    in_reports: bool = False

    def as_json(self) -> dict:
        """What may leave the laptop: the words only when publishable, never a name beyond
        the credit the teller chose."""
        return {
            "id": self.id,
            "priority": {"kind": self.target_kind, "id": self.target_id},
            "publish": self.publish,
            "text": self.text if self.publish else None,
            "credit": self.credit if self.publish else None,
            "in_reports": self.in_reports,
        }


def identifying_warnings(text: str, names: list[str] = ()) -> list[str]:  # type: ignore[assignment]
    """Hints for an anonymous quote whose words could still name someone or somewhere."""
    warnings = []
    for name in names:
        for part in name.split():
            if len(part) > 2 and re.search(rf"\b{re.escape(part)}\b", text, re.IGNORECASE):
                warnings.append(
                    _("The text mentions '{word}', a name in the register.").format(word=part)
                )
                break
    for match in _TITLED.finditer(text):
        warnings.append(_("The text names a person: '{words}'.").format(words=match.group(0)))
    for match in _STREET.finditer(text):
        warnings.append(
            _("The text names a street: '{words}'.").format(words=match.group(0).strip())
        )
    return warnings


def _info(session: Session, s: Story) -> StoryInfo:
    choices = effective_consent(session, s.participant_id, s.id)
    participant = session.get(Participant, s.participant_id) if s.participant_id else None
    code = participant.code if participant else ""
    credit = attribution(choices, participant.name, participant.area) if participant else None
    return StoryInfo(
        s.id,
        s.workshop_id,
        s.participant_id,
        code,
        s.target_kind,
        s.target_id,
        s.text,
        s.publish and choices.may_publish,
        choices.may_publish,
        credit,
        in_reports=s.publish and choices.may_quote and choices.use_report,
    )


def _check_text(text: str) -> str:
    if not text.strip():
        raise ValidationError(_("A story needs some words."))
    if len(text) > MAX_STORY_CHARS:
        raise ValidationError(
            ngettext(
                "A story can be at most {n} character.",
                "A story can be at most {n} characters.",
                MAX_STORY_CHARS,
            )
        )
    return text


def _check_publish(session: Session, participant_id: str | None, story_id: str | None) -> None:
    choices = effective_consent(session, participant_id, story_id)
    if not choices.may_publish:
        raise ValidationError(
            _(
                "This story can be kept for internal use only: its teller has not agreed to be "
                "quoted in a report or publicity."
            )
        )


def add_story(
    session: Session,
    workshop_id: str,
    target_kind: str,
    target_id: str,
    text: str,
    participant_id: str | None = None,
    publish: bool = False,
) -> StoryInfo:
    _target_title(session, workshop_id, target_kind, target_id)
    _check_text(text)
    if participant_id is not None:
        participant = get_participant_record(session, participant_id)
        if participant.workshop_id != workshop_id:
            raise ValidationError(_("That participant belongs to another workshop."))
    if publish:
        _check_publish(session, participant_id, None)
    row = created(
        session,
        Story(
            workshop_id=workshop_id,
            participant_id=participant_id,
            target_kind=target_kind,
            target_id=target_id,
            text=text,
            publish=publish,
        ),
    )
    return _info(session, row)


def _record(session: Session, story_id: str) -> Story:
    row = session.get(Story, story_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(_("That story no longer exists."))
    return row


def edit_story(
    session: Session, story_id: str, text: str | None = None, publish: bool | None = None
) -> StoryInfo:
    row = _record(session, story_id)
    new_text = row.text if text is None else _check_text(text)
    new_publish = row.publish if publish is None else publish
    if new_publish and not row.publish:
        _check_publish(session, row.participant_id, row.id)
    if (new_text, new_publish) != (row.text, row.publish):
        touch(session, row)
        row.text, row.publish = new_text, new_publish
    return _info(session, row)


def delete_story(session: Session, story_id: str) -> None:
    row = _record(session, story_id)
    touch(session, row)
    row.deleted_at = now_iso()


def get_story(session: Session, story_id: str) -> StoryInfo:
    return _info(session, _record(session, story_id))


def list_stories(
    session: Session, workshop_id: str, target_kind: str | None = None, target_id: str | None = None
) -> list[StoryInfo]:
    query = select(Story).where(Story.workshop_id == workshop_id, Story.deleted_at.is_(None))
    if target_kind is not None:
        query = query.where(Story.target_kind == target_kind, Story.target_id == target_id)
    return [_info(session, s) for s in session.scalars(query.order_by(Story.created_at))]
