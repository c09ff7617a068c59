"""Participants in from a CSV register (name, email, phone, area and the consent columns).

Consent is never assumed: a consent column that is absent or blank means "not consented", and
anything consent does not cover is dropped before it is stored (the preview says what and why).
Imports are all-or-nothing: every row is checked, then all are added in one transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.bulk import insert_created
from workshop_app.core.consent import (
    NO_CONSENT,
    QUOTE_OPTIONS,
    ConsentChoices,
    ConsentRecord,
    consent_wording,
)
from workshop_app.core.errors import ImportFormatError, ValidationError
from workshop_app.core.import_files import csv_lines, decode_text, read_limited
from workshop_app.core.participants import (
    ParticipantFields,
    ParticipantInfo,
    check_fields,
    new_codes,
)
from workshop_app.core.records import now_iso
from workshop_app.core.workshops import get_workshop_record
from workshop_app.i18n import N_, _, ngettext
from workshop_app.store.models import Consent, Participant

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 5_000
REQUIRED_COLUMNS = ("name", "email")
DETAIL_COLUMNS = ("name", "email", "phone", "area")
CONSENT_COLUMNS = ("take_part", "quote", "photo", "contact", "use_report", "use_publicity")
YES = frozenset({"yes", "y", "true", "1", "x"})
NO = frozenset({"", "no", "n", "false", "0"})

# Why a field is dropped: marked here, translated when a row is previewed (so a preview's
# reasons are already in the chosen language; compare them with `_(NO_TAKE_PART)`).
NO_TAKE_PART = N_("no consent to take part")
NO_CONTACT = N_("no consent to be contacted")


@dataclass(frozen=True)
class ParticipantRow:
    """One row as written in the file (nothing dropped yet)."""

    line: int
    name: str
    email: str
    phone: str
    area: str
    choices: ConsentChoices


@dataclass(frozen=True)
class PreviewRow:
    """What will be stored for one row, and what will be dropped and why."""

    line: int
    fields: ParticipantFields
    choices: ConsentChoices
    dropped: tuple[tuple[str, str], ...]  # (field, reason)

    def describe(self) -> str:
        kept = [f for f in DETAIL_COLUMNS if getattr(self.fields, f)]
        text = _("Line {line}: keeps {kept}").format(
            line=self.line, kept=", ".join(kept) or _("a code only")
        )
        if self.dropped:
            drops = "; ".join(
                _("{field} ({why})").format(field=f, why=why) for f, why in self.dropped
            )
            text += _("; drops {fields}").format(fields=drops)
        return text + "."


def _column_key(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().casefold())


def _yes_no(name: str, line: int, column: str, value: str) -> bool:
    word = value.strip().casefold()
    if word in YES:
        return True
    if word in NO:
        return False
    raise ImportFormatError(
        _(
            "{file} line {line}, column {column}: '{value}' is not yes or no "
            "(use yes/y/true/1/x, or no/n/false/0 or blank)."
        ).format(file=name, line=line, column=column, value=value.strip())
    )


def _quote(name: str, line: int, value: str) -> str:
    word = _column_key(value) or "no"
    if word not in QUOTE_OPTIONS:
        raise ImportFormatError(
            _(
                "{file} line {line}, column quote: '{value}' is not a quote choice "
                "(use one of {choices}, or blank for no)."
            ).format(file=name, line=line, value=value.strip(), choices=", ".join(QUOTE_OPTIONS))
        )
    return word


def read_participants_csv(path: Path) -> list[ParticipantRow]:
    """Parse a participants CSV completely, or refuse it with a one-line reason."""
    name = path.name
    raw = read_limited(path, MAX_IMPORT_BYTES, _("a participants file"))
    if not raw.strip():
        raise ImportFormatError(
            _(
                "{file} is empty: a participants file starts with a row naming its columns "
                "({columns}), then one row per person."
            ).format(file=name, columns=", ".join(DETAIL_COLUMNS + CONSENT_COLUMNS))
        )
    lines = csv_lines(name, decode_text(raw, name, _("'CSV UTF-8'")), MAX_IMPORT_BYTES)
    rows: list[ParticipantRow] = []
    header = next(lines, (0, []))[1]
    columns: dict[str, int] = {}
    for i, h in enumerate(header):
        columns.setdefault(_column_key(h), i)
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise ImportFormatError(
            _(
                "{file} has no {missing} column: the first row must name the columns ({columns})."
            ).format(
                file=name,
                missing=_(" or ").join(repr(c) for c in missing),
                columns=", ".join(DETAIL_COLUMNS + CONSENT_COLUMNS),
            )
        )

    def cell(values: list[str], column: str) -> str:
        index = columns.get(column)
        return values[index] if index is not None and index < len(values) else ""

    seen_emails: dict[str, int] = {}
    for line, values in lines:
        if not any(v.strip() for v in values):
            continue
        if len(rows) >= MAX_IMPORT_ROWS:
            raise ImportFormatError(
                ngettext(
                    "{file} holds more than {n} participant; import at most {n} at a time.",
                    "{file} holds more than {n} participants; import at most {n} at a time.",
                    MAX_IMPORT_ROWS,
                ).format(file=name)
            )
        choices = ConsentChoices(
            take_part=_yes_no(name, line, "take_part", cell(values, "take_part")),
            quote=_quote(name, line, cell(values, "quote")),
            photo=_yes_no(name, line, "photo", cell(values, "photo")),
            contact=_yes_no(name, line, "contact", cell(values, "contact")),
            use_report=_yes_no(name, line, "use_report", cell(values, "use_report")),
            use_publicity=_yes_no(name, line, "use_publicity", cell(values, "use_publicity")),
        )
        email = cell(values, "email").strip()
        if email:
            key = email.casefold()
            if key in seen_emails:
                raise ImportFormatError(
                    _(
                        "{file} line {line}: the email {email} is already on line "
                        "{first_line}; each person once, please."
                    ).format(file=name, line=line, email=email, first_line=seen_emails[key])
                )
            seen_emails[key] = line
        rows.append(
            ParticipantRow(
                line,
                cell(values, "name").strip(),
                email,
                cell(values, "phone").strip(),
                cell(values, "area").strip(),
                choices,
            )
        )
    if not rows:
        raise ImportFormatError(_("{file} holds no participants.").format(file=name))
    return rows


def preview_row(row: ParticipantRow) -> PreviewRow:
    c = row.choices
    dropped: list[tuple[str, str]] = []
    name, area, email, phone = row.name, row.area, row.email, row.phone
    if not c.take_part:
        for field, value in (("name", name), ("area", area)):
            if value:
                dropped.append((field, _(NO_TAKE_PART)))
        name = area = ""
    if not (c.take_part and c.contact):
        why = _(NO_TAKE_PART) if not c.take_part else _(NO_CONTACT)
        for field, value in (("email", email), ("phone", phone)):
            if value:
                dropped.append((field, why))
        email = phone = ""
    return PreviewRow(row.line, ParticipantFields(name, area, email, phone), c, tuple(dropped))


def preview(rows: list[ParticipantRow]) -> list[PreviewRow]:
    """What each row will store, and what consent does not allow to be kept."""
    return [preview_row(r) for r in rows]


def already_in_register(
    session: Session, workshop_id: str, rows: list[ParticipantRow]
) -> list[ParticipantRow]:
    """Rows whose email is already in the workshop's register under the same name (a sign-up
    list imported twice): the import skips them. The same email under another name is refused:
    two people are never merged silently."""
    lines = _known_lines(session, workshop_id, preview(rows))
    return [row for row in rows if row.line in lines]


def _known_lines(session: Session, workshop_id: str, plans: list[PreviewRow]) -> set[int]:
    known = {
        email.casefold(): name
        for email, name in session.execute(
            select(Participant.email, Participant.name).where(
                Participant.workshop_id == workshop_id,
                Participant.deleted_at.is_(None),
                Participant.email != "",
            )
        )
    }
    same = set()
    for plan in plans:
        email = plan.fields.email
        if not email or email.casefold() not in known:
            continue
        name = known[email.casefold()]
        if plan.fields.name.casefold() != name.casefold():
            raise ImportFormatError(
                _(
                    "Line {line}: {email} is already in the register under another name "
                    "({name}): correct the file, or change that person in the register."
                ).format(line=plan.line, email=email, name=name or _("no name"))
            )
        same.add(plan.line)
    return same


def import_participants(
    session: Session, workshop_id: str, rows: list[ParticipantRow], recorded_by: str
) -> list[ParticipantInfo]:
    """Add every row not already in the register, in the caller's one transaction and in bulk;
    any bad row refuses the whole file."""
    get_workshop_record(session, workshop_id)
    plans = preview(rows)
    known = _known_lines(session, workshop_id, plans)
    taken = set(
        session.scalars(select(Participant.code).where(Participant.workshop_id == workshop_id))
    )
    checked = []
    for plan in plans:
        if plan.line in known:
            continue
        try:
            checked.append((plan, check_fields(plan.fields, plan.choices.check())))
        except ValidationError as exc:
            raise ImportFormatError(
                _("Line {line}: {problem}").format(line=plan.line, problem=exc)
            ) from None
    codes = new_codes(taken, len(checked))
    people = [(plan, fields, code) for (plan, fields), code in zip(checked, codes, strict=True)]
    ids = insert_created(
        session,
        Participant,
        [
            {
                "workshop_id": workshop_id,
                "code": code,
                "name": f.name,
                "area": f.area,
                "email": f.email,
                "phone": f.phone,
            }
            for _plan, f, code in people
        ],
    )
    who = recorded_by.strip() or "not recorded"
    consents = [
        (pid, plan.choices)
        for pid, (plan, _f, _c) in zip(ids, people, strict=True)
        if plan.choices != NO_CONSENT or recorded_by.strip()
    ]
    now, wording = now_iso(), consent_wording().version
    consent_ids = insert_created(
        session,
        Consent,
        [
            {
                "workshop_id": workshop_id,
                "participant_id": pid,
                "take_part": choices.take_part,
                "quote": choices.quote,
                "photo": choices.photo,
                "contact": choices.contact,
                "use_report": choices.use_report,
                "use_publicity": choices.use_publicity,
                "recorded_by": who,
                "recorded_at": now,
                "wording_version": wording,
            }
            for pid, choices in consents
        ],
    )
    records = {
        pid: ConsentRecord(cid, pid, None, choices, who, now, wording, None)
        for cid, (pid, choices) in zip(consent_ids, consents, strict=True)
    }
    return [
        ParticipantInfo(pid, workshop_id, code, f.name, f.area, f.email, f.phone, records.get(pid))
        for pid, (_plan, f, code) in zip(ids, people, strict=True)
    ]


def dropped_counts(plans: list[PreviewRow]) -> dict[tuple[str, str], int]:
    """How many of each (field, reason) the import will drop, for a one-line summary."""
    counts: dict[tuple[str, str], int] = {}
    for plan in plans:
        for item in plan.dropped:
            counts[item] = counts.get(item, 0) + 1
    reasons = (_(NO_TAKE_PART), _(NO_CONTACT))
    order = ("name", "area", "email", "phone")
    return dict(
        sorted(counts.items(), key=lambda kv: (reasons.index(kv[0][1]), order.index(kv[0][0])))
    )
