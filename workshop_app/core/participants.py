"""The participant register: short codes, optional names and contacts kept only with consent,
and erasure that leaves nothing personal behind."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.consent import (
    NO_CONSENT,
    ConsentChoices,
    ConsentRecord,
    get_consent,
    record_consent,
    withdraw_consent,
)
from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.records import created, forget_journal, now_iso, touch
from workshop_app.core.workshops import get_workshop_record
from workshop_app.i18n import _, ngettext
from workshop_app.store.models import Consent, Note, Participant, Story

# No 0/O, 1/I/L: a code read aloud across a hall or copied from a card is never ambiguous.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 4
MAX_NAME_CHARS = 200
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class ParticipantFields:
    name: str = ""
    area: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True)
class ParticipantInfo:
    id: str
    workshop_id: str
    code: str
    name: str
    area: str
    email: str
    phone: str
    consent: ConsentRecord | None

    @property
    def choices(self) -> ConsentChoices:
        return self.consent.effective if self.consent else NO_CONSENT


def normalise_code(text: str) -> str:
    """What someone typed, as a code: case, spaces and dashes do not matter."""
    return re.sub(r"[\s\-]", "", text).upper()


def new_code(taken: set[str]) -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            return code


def new_codes(taken: set[str], count: int) -> list[str]:
    """`count` codes at once for an import, none in `taken` (which gains them), each character
    as equally likely as new_code's: drawn from one buffer of random bytes, dropping the bytes
    above the largest multiple of the alphabet's length."""
    base = len(CODE_ALPHABET)
    limit = 256 - 256 % base
    codes: list[str] = []
    chars: list[str] = []
    while len(codes) < count:
        for byte in secrets.token_bytes((count - len(codes)) * CODE_LENGTH * 2):
            if byte >= limit:
                continue
            chars.append(CODE_ALPHABET[byte % base])
            if len(chars) < CODE_LENGTH:
                continue
            code = "".join(chars)
            chars.clear()
            if code not in taken:
                taken.add(code)
                codes.append(code)
                if len(codes) == count:
                    break
    return codes


def _taken_codes(session: Session, workshop_id: str) -> set[str]:
    # Tombstoned participants keep their codes: a code is never handed to someone else.
    return set(
        session.scalars(select(Participant.code).where(Participant.workshop_id == workshop_id))
    )


def check_fields(fields: ParticipantFields, choices: ConsentChoices) -> ParticipantFields:
    """The fields as they will be stored (trimmed), or a ValidationError saying what is wrong."""
    return _check_fields(fields, choices)


def _check_fields(fields: ParticipantFields, choices: ConsentChoices) -> ParticipantFields:
    name, area = fields.name.strip(), fields.area.strip()
    email, phone = fields.email.strip(), fields.phone.strip()
    if len(name) > MAX_NAME_CHARS or len(area) > MAX_NAME_CHARS:
        raise ValidationError(
            ngettext(
                "A name or area can be at most {n} character.",
                "A name or area can be at most {n} characters.",
                MAX_NAME_CHARS,
            )
        )
    if name and not choices.take_part:
        raise ValidationError(
            _("A name is kept only with consent to take part: tick it, or leave the name blank.")
        )
    if (email or phone) and not (choices.take_part and choices.contact):
        raise ValidationError(
            _(
                "Contact details are kept only with consent to be contacted: tick it, or leave "
                "them blank."
            )
        )
    if email and not _EMAIL.match(email):
        raise ValidationError(
            _("'{email}' does not look like an email address.").format(email=email)
        )
    if phone and not re.fullmatch(r"[0-9+() \-]{6,24}", phone):
        raise ValidationError(_("'{phone}' does not look like a phone number.").format(phone=phone))
    return ParticipantFields(name, area, email, phone)


def get_participant_record(session: Session, participant_id: str) -> Participant:
    row = session.get(Participant, participant_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError(_("That participant is no longer in the register."))
    return row


def _info(session: Session, p: Participant) -> ParticipantInfo:
    return ParticipantInfo(
        p.id, p.workshop_id, p.code, p.name, p.area, p.email, p.phone, get_consent(session, p.id)
    )


def add_participant(
    session: Session,
    workshop_id: str,
    fields: ParticipantFields = ParticipantFields(),
    choices: ConsentChoices = NO_CONSENT,
    recorded_by: str = "",
    code: str | None = None,
) -> ParticipantInfo:
    get_workshop_record(session, workshop_id)
    checked = _check_fields(fields, choices.check())
    taken = _taken_codes(session, workshop_id)
    if code is not None:
        code = normalise_code(code)
        if len(code) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in code):
            raise ValidationError(
                ngettext(
                    "'{code}' is not a participant code: {n} character from {alphabet}.",
                    "'{code}' is not a participant code: {n} characters from {alphabet}.",
                    CODE_LENGTH,
                ).format(code=code, alphabet=CODE_ALPHABET)
            )
        if code in taken:
            raise ValidationError(
                _("The code {code} is already used in this workshop.").format(code=code)
            )
    row = created(
        session,
        Participant(
            workshop_id=workshop_id,
            code=code or new_code(taken),
            name=checked.name,
            area=checked.area,
            email=checked.email,
            phone=checked.phone,
        ),
    )
    if choices != NO_CONSENT or recorded_by.strip():
        record_consent(session, workshop_id, row.id, choices, recorded_by or "not recorded")
    return _info(session, row)


def update_participant(
    session: Session,
    participant_id: str,
    fields: ParticipantFields,
    choices: ConsentChoices,
    recorded_by: str,
) -> ParticipantInfo:
    """Change details and consent together; details that consent no longer covers are blanked."""
    row = get_participant_record(session, participant_id)
    choices.check()
    name = fields.name if choices.take_part else ""
    contact = choices.take_part and choices.contact
    checked = _check_fields(
        ParticipantFields(
            name,
            fields.area,
            fields.email if contact else "",
            fields.phone if contact else "",
        ),
        choices,
    )
    current = get_consent(session, participant_id)
    if current is None or current.choices != choices or current.withdrawn_at:
        record_consent(session, row.workshop_id, row.id, choices, recorded_by)
    new = (checked.name, checked.area, checked.email, checked.phone)
    if new != (row.name, row.area, row.email, row.phone):
        touch(session, row)
        row.name, row.area, row.email, row.phone = new
    return _info(session, row)


def withdraw_participant(
    session: Session, participant_id: str, recorded_by: str
) -> ParticipantInfo:
    """Consent withdrawn: nothing more may be used, and name and contacts go at once."""
    row = get_participant_record(session, participant_id)
    withdraw_consent(session, participant_id, recorded_by)
    for story_consent in session.scalars(
        select(Consent).where(
            Consent.participant_id == participant_id,
            Consent.story_id.is_not(None),
            Consent.deleted_at.is_(None),
        )
    ):
        withdraw_consent(session, participant_id, recorded_by, story_consent.story_id)
    for story in session.scalars(
        select(Story).where(Story.participant_id == participant_id, Story.deleted_at.is_(None))
    ):
        if story.publish:
            touch(session, story)
            story.publish = False
    if (row.name, row.email, row.phone) != ("", "", ""):
        touch(session, row)
        row.name = row.email = row.phone = ""
    return _info(session, row)


def list_participants(session: Session, workshop_id: str) -> list[ParticipantInfo]:
    rows = session.scalars(
        select(Participant)
        .where(Participant.workshop_id == workshop_id, Participant.deleted_at.is_(None))
        .order_by(Participant.created_at, Participant.code)
    )
    return [_info(session, p) for p in rows]


def find_by_code(session: Session, workshop_id: str, code: str) -> ParticipantInfo:
    wanted = normalise_code(code)
    row = session.scalars(
        select(Participant).where(
            Participant.workshop_id == workshop_id,
            Participant.code == wanted,
            Participant.deleted_at.is_(None),
        )
    ).first()
    if row is None:
        raise NotFoundError(
            _("No participant in this workshop has the code {code}.").format(code=wanted)
        )
    return _info(session, row)


def erase_participant(session: Session, participant_id: str, keep_words: bool) -> None:
    """Remove a person for good: their personal fields are blanked now, their record becomes a
    tombstone (id and time only) that travels to the hub, and their stories and notes are either
    deleted with them or kept without any link to them. Not undoable, by design."""
    row = get_participant_record(session, participant_id)
    now = now_iso()
    for consent in session.scalars(select(Consent).where(Consent.participant_id == participant_id)):
        touch(session, consent)
        consent.withdrawn_at = consent.withdrawn_at or now
        consent.deleted_at = consent.deleted_at or now
        consent.erased_at = now
    for story in session.scalars(select(Story).where(Story.participant_id == participant_id)):
        touch(session, story)
        story.participant_id = None
        story.publish = False
        if not keep_words:
            story.text = ""
            story.erased_at = now
            story.deleted_at = story.deleted_at or now
    for note in session.scalars(select(Note).where(Note.participant_id == participant_id)):
        touch(session, note)
        note.participant_id = None
        if not keep_words:
            note.text = ""
            note.table_label = ""
            note.erased_at = now
            note.deleted_at = note.deleted_at or now
    touch(session, row)
    row.name = row.area = row.email = row.phone = ""
    row.erased_at = now
    row.deleted_at = now
    # The journal holds the erased words; dropping it means no undo can put them back.
    forget_journal(session)
