"""Consent: what each participant agreed to, and the rules that follow from it.

Every choice starts unticked. A participant's general consent has story_id None; a story can
carry its own consent, which narrows (never widens) what the general consent allows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.errors import ValidationError
from workshop_app.core.records import created, now_iso, touch
from workshop_app.i18n import N_, _, current_language, per_language
from workshop_app.resources import resources_dir
from workshop_app.store.models import Consent

QUOTE_OPTIONS = ("no", "full_name", "first_name", "first_name_area", "anonymous")
_NAME_QUOTES = ("full_name", "first_name", "first_name_area")
QUOTE_LABELS = {
    "no": N_("Not to be quoted"),
    "full_name": N_("Quoted with full name"),
    "first_name": N_("Quoted with first name only"),
    "first_name_area": N_("Quoted with first name and area"),
    "anonymous": N_("Quoted anonymously"),
}


@dataclass(frozen=True)
class ConsentChoices:
    take_part: bool = False
    quote: str = "no"
    photo: bool = False
    contact: bool = False
    use_report: bool = False
    use_publicity: bool = False

    def check(self) -> ConsentChoices:
        if self.quote not in QUOTE_OPTIONS:
            raise ValidationError(
                _("'{quote}' is not a quote choice (choose one of {choices}).").format(
                    quote=self.quote, choices=", ".join(QUOTE_OPTIONS)
                )
            )
        return self

    @property
    def may_quote(self) -> bool:
        return self.take_part and self.quote != "no"

    @property
    def may_publish(self) -> bool:
        """Words may leave the internal record: quoted, and for a report or publicity."""
        return self.may_quote and (self.use_report or self.use_publicity)


NO_CONSENT = ConsentChoices()
PERSONAL_FIELDS = ("name", "area", "email", "phone")


def fields_leaving_laptop(choices: ConsentChoices) -> frozenset[str]:
    """Which of a participant's PERSONAL_FIELDS consent lets leave the laptop (JSON output, a
    bundle for the hub): never the area, the name only with consent to be named or contacted,
    contact details only with consent to be contacted. Pass the effective choices."""
    shared: set[str] = set()
    if choices.take_part and (choices.quote in _NAME_QUOTES or choices.contact):
        shared.add("name")
    if choices.take_part and choices.contact:
        shared.update(("email", "phone"))
    return frozenset(shared)


@dataclass(frozen=True)
class ConsentRecord:
    id: str
    participant_id: str
    story_id: str | None
    choices: ConsentChoices
    recorded_by: str
    recorded_at: str
    wording_version: str
    withdrawn_at: str | None

    @property
    def effective(self) -> ConsentChoices:
        """What may be done now: nothing at all once withdrawn."""
        return NO_CONSENT if self.withdrawn_at else self.choices


@dataclass(frozen=True)
class ConsentWording:
    version: str
    items: dict[str, str]


@per_language
def consent_wording() -> ConsentWording:
    """The wording a person agrees to, in the language in use. The version recorded with a
    consent names the wording and the language it was read in ("2026-1" in English, the
    source; "2026-1 cy" in Welsh): what someone agreed to is the text they read."""
    data = json.loads((resources_dir() / "consent" / "wording-v1.json").read_text("utf-8"))
    language = current_language()
    version = data["version"] if language == "en" else f"{data['version']} {language}"
    return ConsentWording(version, {k: _(v) for k, v in data["items"].items()})


def _record(c: Consent) -> ConsentRecord:
    return ConsentRecord(
        c.id,
        c.participant_id,
        c.story_id,
        ConsentChoices(c.take_part, c.quote, c.photo, c.contact, c.use_report, c.use_publicity),
        c.recorded_by,
        c.recorded_at,
        c.wording_version,
        c.withdrawn_at,
    )


def _current(session: Session, participant_id: str, story_id: str | None) -> Consent | None:
    query = select(Consent).where(
        Consent.participant_id == participant_id, Consent.deleted_at.is_(None)
    )
    query = query.where(
        Consent.story_id.is_(None) if story_id is None else Consent.story_id == story_id
    )
    return session.scalars(query.order_by(Consent.rev.desc())).first()


def get_consent(
    session: Session, participant_id: str, story_id: str | None = None
) -> ConsentRecord | None:
    row = _current(session, participant_id, story_id)
    return _record(row) if row else None


# What each way of being quoted reveals of the teller; a story's own choice narrows the general
# one to what both reveal (named in one and anonymous in the other is anonymous).
_REVEALS = {
    "anonymous": frozenset(),
    "first_name": frozenset({"first name"}),
    "first_name_area": frozenset({"first name", "area"}),
    "full_name": frozenset({"first name", "surname"}),
}


def narrower_quote(general: str, own: str) -> str:
    if general not in _REVEALS or own not in _REVEALS:
        return "no"  # either said not to be quoted at all
    both = _REVEALS[general] & _REVEALS[own]
    return next(quote for quote, reveals in _REVEALS.items() if reveals == both)


def effective_consent(
    session: Session, participant_id: str | None, story_id: str | None = None
) -> ConsentChoices:
    """The participant's general consent, narrowed by the story's own when it has one."""
    if participant_id is None:
        return NO_CONSENT
    general = get_consent(session, participant_id)
    base = general.effective if general else NO_CONSENT
    if story_id is None:
        return base
    own = get_consent(session, participant_id, story_id)
    if own is None:
        return base
    narrow = own.effective
    return ConsentChoices(
        base.take_part and narrow.take_part,
        narrower_quote(base.quote, narrow.quote),
        base.photo and narrow.photo,
        base.contact and narrow.contact,
        base.use_report and narrow.use_report,
        base.use_publicity and narrow.use_publicity,
    )


def record_consent(
    session: Session,
    workshop_id: str,
    participant_id: str,
    choices: ConsentChoices,
    recorded_by: str,
    story_id: str | None = None,
) -> ConsentRecord:
    """Record the choices as given now, by whom, under the current wording."""
    choices.check()
    if not recorded_by.strip():
        raise ValidationError(_("Say who recorded this consent (the facilitator's name)."))
    row = _current(session, participant_id, story_id)
    values = dict(
        take_part=choices.take_part,
        quote=choices.quote,
        photo=choices.photo,
        contact=choices.contact,
        use_report=choices.use_report,
        use_publicity=choices.use_publicity,
        recorded_by=recorded_by.strip(),
        recorded_at=now_iso(),
        wording_version=consent_wording().version,
        withdrawn_at=None,
    )
    if row is None:
        row = created(
            session,
            Consent(
                workshop_id=workshop_id, participant_id=participant_id, story_id=story_id, **values
            ),
        )
    else:
        touch(session, row)
        for key, value in values.items():
            setattr(row, key, value)
    return _record(row)


def withdraw_consent(
    session: Session, participant_id: str, recorded_by: str, story_id: str | None = None
) -> ConsentRecord | None:
    """Withdraw everything the record allowed; the record stays so the hub learns of it."""
    row = _current(session, participant_id, story_id)
    if row is None or row.withdrawn_at is not None:
        return _record(row) if row else None
    touch(session, row)
    row.withdrawn_at = now_iso()
    row.recorded_by = recorded_by.strip() or row.recorded_by
    return _record(row)


def attribution(choices: ConsentChoices, name: str, area: str) -> str | None:
    """How a quote is credited, or None when it may not be quoted at all."""
    if not choices.may_quote:
        return None
    first = name.strip().split(" ")[0] if name.strip() else ""
    if choices.quote == "anonymous" or not first:
        return _("Anonymous")
    if choices.quote == "full_name":
        return name.strip()
    if choices.quote == "first_name_area" and area.strip():
        return _("{first_name}, {area}").format(first_name=first, area=area.strip())
    return first
