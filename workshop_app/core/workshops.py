"""Workshops: create, edit, list, archive; resolving a workshop from an id or a prefix."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workshop_app.core.errors import AmbiguousReferenceError, NotFoundError, ValidationError
from workshop_app.core.records import created, now_iso, touch
from workshop_app.core.templates import PARKING_LOT_COLOUR, PARKING_LOT_NAME, theme_templates
from workshop_app.core.workshop_info import WorkshopInfo, list_order
from workshop_app.i18n import N_, _, ngettext
from workshop_app.store.models import Cluster, Note, Theme, Workshop

MAX_FIELD_CHARS = 2_000


@dataclass
class WorkshopFields:
    title: str
    programme: str = ""
    place: str = ""
    venue: str = ""
    starts_at: str | None = None
    facilitators: str = ""
    prompts: tuple[str, ...] = ()
    follow_up_url: str = ""
    contact_phone: str = ""


MAX_PHONE_CHARS = 40


def follow_up_link(follow_up_url: str, workshop_id: str) -> str:
    """The stable page for one workshop: it names the workshop by id, so it survives syncing."""
    if not follow_up_url:
        return ""
    return f"{follow_up_url.rstrip('/')}/w/{workshop_id}"


# How a refusal names each field that has a length limit (translated where it is shown).
_FIELD_NAMES = {
    "title": N_("title"),
    "programme": N_("programme"),
    "place": N_("place"),
    "venue": N_("venue"),
    "facilitators": N_("facilitators"),
}


def _too_long(field: str, most: int) -> str:
    # {count}, not {n}: the limit is shown as it is (no thousands separator).
    return ngettext(
        "The {field} is too long (over {count} character).",
        "The {field} is too long (over {count} characters).",
        most,
    ).format(field=field, count=most)


def _validate(fields: WorkshopFields) -> None:
    if not fields.title.strip():
        raise ValidationError(_("A workshop needs a title."))
    for name, shown in _FIELD_NAMES.items():
        if len(getattr(fields, name)) > MAX_FIELD_CHARS:
            raise ValidationError(_too_long(_(shown), MAX_FIELD_CHARS))
    url = fields.follow_up_url.strip()
    if url and (not url.lower().startswith(("https://", "http://")) or " " in url):
        raise ValidationError(
            _(
                "'{url}' is not a web address: it should start with https:// (or leave it empty)."
            ).format(url=url)
        )
    if len(url) > MAX_FIELD_CHARS:
        raise ValidationError(_too_long(_("follow-up address"), MAX_FIELD_CHARS))
    if len(fields.contact_phone) > MAX_PHONE_CHARS:
        raise ValidationError(_too_long(_("contact phone"), MAX_PHONE_CHARS))
    if fields.starts_at:
        try:
            datetime.fromisoformat(fields.starts_at)
        except ValueError:
            raise ValidationError(
                _("'{text}' is not a date and time (use 2026-11-23T18:30).").format(
                    text=fields.starts_at
                )
            ) from None


def _info(w: Workshop, counts: tuple[int, int, int] = (0, 0, 0)) -> WorkshopInfo:
    return WorkshopInfo(
        id=w.id,
        title=w.title,
        programme=w.programme,
        place=w.place,
        venue=w.venue,
        starts_at=w.starts_at,
        facilitators=w.facilitators,
        prompts=tuple(json.loads(w.prompts or "[]")),
        theme_template=w.theme_template,
        archived=w.archived_at is not None,
        follow_up_url=w.follow_up_url or "",
        contact_phone=w.contact_phone or "",
        notes=counts[0],
        themes=counts[1],
        clusters=counts[2],
    )


def create_workshop(
    session: Session, fields: WorkshopFields, template: str = "building-blocks"
) -> WorkshopInfo:
    _validate(fields)
    templates = theme_templates()
    if template not in templates:
        raise ValidationError(
            _("There is no theme template called '{template}'.").format(template=template)
        )
    workshop = created(
        session,
        Workshop(
            title=fields.title,
            programme=fields.programme,
            place=fields.place,
            venue=fields.venue,
            starts_at=fields.starts_at or None,
            facilitators=fields.facilitators,
            prompts=json.dumps(list(fields.prompts), ensure_ascii=False),
            theme_template=template,
            follow_up_url=fields.follow_up_url.strip(),
            contact_phone=fields.contact_phone.strip(),
        ),
    )
    for position, (name, colour) in enumerate(templates[template].themes):
        created(
            session,
            Theme(workshop_id=workshop.id, name=name, colour=colour, position=float(position)),
        )
    created(
        session,
        Theme(
            workshop_id=workshop.id,
            name=_(PARKING_LOT_NAME),
            colour=PARKING_LOT_COLOUR,
            position=1e9,
            is_parking_lot=True,
        ),
    )
    return _info(workshop, (0, len(templates[template].themes) + 1, 0))


def get_workshop_record(session: Session, workshop_id: str) -> Workshop:
    workshop = session.get(Workshop, workshop_id)
    if workshop is None or workshop.deleted_at is not None:
        raise NotFoundError(_("No workshop with id {id}.").format(id=workshop_id))
    return workshop


def get_workshop(session: Session, workshop_id: str) -> WorkshopInfo:
    return _info(get_workshop_record(session, workshop_id))


def update_workshop(session: Session, workshop_id: str, fields: WorkshopFields) -> WorkshopInfo:
    _validate(fields)
    workshop = get_workshop_record(session, workshop_id)
    touch(session, workshop)
    workshop.title = fields.title
    workshop.programme = fields.programme
    workshop.place = fields.place
    workshop.venue = fields.venue
    workshop.starts_at = fields.starts_at or None
    workshop.facilitators = fields.facilitators
    workshop.prompts = json.dumps(list(fields.prompts), ensure_ascii=False)
    workshop.follow_up_url = fields.follow_up_url.strip()
    workshop.contact_phone = fields.contact_phone.strip()
    return _info(workshop)


def set_archived(session: Session, workshop_id: str, archived: bool) -> WorkshopInfo:
    workshop = get_workshop_record(session, workshop_id)
    if (workshop.archived_at is not None) != archived:
        touch(session, workshop)
        workshop.archived_at = now_iso() if archived else None
    return _info(workshop)


def _count(session: Session, model: type[Note] | type[Theme] | type[Cluster]) -> dict[str, int]:
    stmt = (
        select(model.workshop_id, func.count())
        .where(model.deleted_at.is_(None))
        .group_by(model.workshop_id)
    )
    return {wid: n for wid, n in session.execute(stmt)}


def list_workshops(session: Session, include_archived: bool = False) -> list[WorkshopInfo]:
    stmt = select(Workshop).where(Workshop.deleted_at.is_(None))
    if not include_archived:
        stmt = stmt.where(Workshop.archived_at.is_(None))
    notes, themes, clusters = (
        _count(session, Note),
        _count(session, Theme),
        _count(session, Cluster),
    )
    rows = session.scalars(stmt).all()
    infos = [
        _info(w, (notes.get(w.id, 0), themes.get(w.id, 0), clusters.get(w.id, 0))) for w in rows
    ]
    infos.sort(key=list_order)
    return infos


def resolve_workshop(session: Session, ref: str) -> WorkshopInfo:
    """A workshop from its full id or a unique prefix of it (archived ones included)."""
    ref = ref.strip().lower()
    if not ref:
        raise NotFoundError(_("Name a workshop by its id (or the start of it)."))
    exact = session.get(Workshop, ref)
    if exact is not None and exact.deleted_at is None:
        return _info(exact)
    matches = session.scalars(
        select(Workshop)
        .where(Workshop.id.startswith(ref, autoescape=True), Workshop.deleted_at.is_(None))
        .limit(3)
    ).all()
    if not matches:
        raise NotFoundError(_("No workshop id starts with '{ref}'.").format(ref=ref))
    if len(matches) > 1:
        raise AmbiguousReferenceError(
            _("More than one workshop id starts with '{ref}': type more.").format(ref=ref)
        )
    return _info(matches[0])
