"""Themes of a workshop: the board's columns. The parking lot is always there and always last."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.records import created, now_iso, touch
from workshop_app.core.templates import THEME_PALETTE
from workshop_app.core.workshops import get_workshop_record
from workshop_app.i18n import _, ngettext
from workshop_app.store.models import Cluster, Note, Theme

_COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
MAX_THEME_NAME = 120


@dataclass(frozen=True)
class ThemeInfo:
    id: str
    name: str
    colour: str
    position: float
    is_parking_lot: bool


def _info(t: Theme) -> ThemeInfo:
    return ThemeInfo(t.id, t.name, t.colour, t.position, t.is_parking_lot)


def live_themes(session: Session, workshop_id: str) -> list[Theme]:
    stmt = (
        select(Theme)
        .where(Theme.workshop_id == workshop_id, Theme.deleted_at.is_(None))
        .order_by(Theme.is_parking_lot, Theme.position, Theme.created_at)
    )
    return list(session.scalars(stmt))


def list_themes(session: Session, workshop_id: str) -> list[ThemeInfo]:
    return [_info(t) for t in live_themes(session, workshop_id)]


def get_theme_record(session: Session, theme_id: str) -> Theme:
    theme = session.get(Theme, theme_id)
    if theme is None or theme.deleted_at is not None:
        raise NotFoundError(_("That theme no longer exists."))
    return theme


def parking_lot(session: Session, workshop_id: str) -> Theme:
    theme = session.scalars(
        select(Theme).where(
            Theme.workshop_id == workshop_id,
            Theme.is_parking_lot.is_(True),
            Theme.deleted_at.is_(None),
        )
    ).first()
    if theme is None:
        raise NotFoundError(_("This workshop has no parking lot."))
    return theme


def _check_name(name: str) -> str:
    if not name.strip():
        raise ValidationError(_("A theme needs a name."))
    if len(name) > MAX_THEME_NAME:
        raise ValidationError(
            ngettext(
                "A theme name can be at most {n} character.",
                "A theme name can be at most {n} characters.",
                MAX_THEME_NAME,
            )
        )
    return name


def _check_colour(colour: str) -> str:
    if not _COLOUR.match(colour):
        raise ValidationError(_("'{colour}' is not a colour like #2E7D32.").format(colour=colour))
    return colour.upper()


def add_theme(
    session: Session, workshop_id: str, name: str, colour: str | None = None
) -> ThemeInfo:
    get_workshop_record(session, workshop_id)
    themes = [t for t in live_themes(session, workshop_id) if not t.is_parking_lot]
    if colour is None:
        used = {t.colour.upper() for t in themes}
        colour = next((c for c in THEME_PALETTE if c not in used), THEME_PALETTE[0])
    position = max((t.position for t in themes), default=-1.0) + 1.0
    theme = created(
        session,
        Theme(
            workshop_id=workshop_id,
            name=_check_name(name),
            colour=_check_colour(colour),
            position=position,
        ),
    )
    return _info(theme)


def rename_theme(session: Session, theme_id: str, name: str) -> ThemeInfo:
    theme = get_theme_record(session, theme_id)
    if theme.name != name:
        touch(session, theme)
        theme.name = _check_name(name)
    return _info(theme)


def set_theme_colour(session: Session, theme_id: str, colour: str) -> ThemeInfo:
    theme = get_theme_record(session, theme_id)
    colour = _check_colour(colour)
    if theme.colour != colour:
        touch(session, theme)
        theme.colour = colour
    return _info(theme)


def move_theme(session: Session, theme_id: str, step: int) -> None:
    """Move a theme left (-1) or right (+1) among the others; the parking lot stays last."""
    theme = get_theme_record(session, theme_id)
    if theme.is_parking_lot:
        raise ValidationError(_("The parking lot always stays at the end."))
    themes = [t for t in live_themes(session, theme.workshop_id) if not t.is_parking_lot]
    index = themes.index(theme)
    target = index + step
    if not 0 <= target < len(themes):
        return
    themes[index], themes[target] = themes[target], themes[index]
    for position, t in enumerate(themes):
        if t.position != float(position):
            touch(session, t)
            t.position = float(position)


def delete_theme(session: Session, theme_id: str) -> int:
    """Tombstone a theme; its notes go to the parking lot. Returns how many notes moved."""
    theme = get_theme_record(session, theme_id)
    if theme.is_parking_lot:
        raise ValidationError(_("The parking lot cannot be removed."))
    lot = parking_lot(session, theme.workshop_id)
    notes = session.scalars(
        select(Note).where(Note.theme_id == theme_id, Note.deleted_at.is_(None))
    ).all()
    for note in notes:
        touch(session, note)
        note.theme_id = lot.id
        note.cluster_id = None
    clusters = session.scalars(
        select(Cluster).where(Cluster.theme_id == theme_id, Cluster.deleted_at.is_(None))
    ).all()
    for cluster in clusters:
        touch(session, cluster)
        cluster.deleted_at = now_iso()
    touch(session, theme)
    theme.deleted_at = now_iso()
    return len(notes)
