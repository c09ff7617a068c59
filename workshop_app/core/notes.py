"""Sticky notes: capture, edit, move, delete (tombstone), and stacking duplicates on one card."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select
from sqlalchemy.orm import Session

from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.records import inserted, now_iso, touch
from workshop_app.core.themes import get_theme_record, parking_lot
from workshop_app.core.workshops import get_workshop_record
from workshop_app.i18n import _, ngettext
from workshop_app.store.models import Cluster, Note, Theme, Workshop

MAX_NOTE_CHARS = 100_000
MAX_LABEL_CHARS = 200
# Letters that draw nothing although Unicode does not call them spaces.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def looks_blank(text: str) -> bool:
    """True when the text would show as nothing: spaces, and invisible characters such as a
    zero-width space, joiners, direction marks or a byte-order mark (format characters)."""
    stripped = text.strip()
    if stripped and stripped[0].isalnum() and stripped[0] not in _BLANK_LETTERS:
        return False  # the usual case, decided at the first letter
    return all(
        ch.isspace() or ch in _BLANK_LETTERS or unicodedata.category(ch) in ("Cf", "Cc")
        for ch in stripped
    )


@dataclass(frozen=True)
class NoteInfo:
    id: str
    workshop_id: str
    theme_id: str
    cluster_id: str | None
    duplicate_of: str | None
    text: str
    table_label: str
    seq: int
    created_at: str
    deleted: bool


def note_info(n: Note) -> NoteInfo:
    return NoteInfo(
        n.id,
        n.workshop_id,
        n.theme_id,
        n.cluster_id,
        n.duplicate_of,
        n.text,
        n.table_label,
        n.seq,
        n.created_at,
        n.deleted_at is not None,
    )


def check_text(text: str) -> str:
    """Text is kept exactly as typed; only refuse what cannot be a note."""
    if not isinstance(text, str) or looks_blank(text):
        raise ValidationError(_("A note needs some words: type what was said, then press Enter."))
    if len(text) > MAX_NOTE_CHARS:
        raise ValidationError(
            ngettext(
                "That note is {n} character; the most a note can hold is {most}. "
                "Split it into several notes.",
                "That note is {n} characters; the most a note can hold is {most}. "
                "Split it into several notes.",
                len(text),
            ).format(most=f"{MAX_NOTE_CHARS:,}")
        )
    if "\x00" in text:
        raise ValidationError(_("That note contains a NUL character, which cannot be stored."))
    return text


def check_label(label: str) -> str:
    if len(label) > MAX_LABEL_CHARS:
        raise ValidationError(
            ngettext(
                "A table label can be at most {n} character.",
                "A table label can be at most {n} characters.",
                MAX_LABEL_CHARS,
            )
        )
    return label


def get_note_record(session: Session, note_id: str) -> Note:
    note = session.get(Note, note_id)
    if note is None or note.deleted_at is not None:
        raise NotFoundError(_("That note no longer exists (it may have been deleted)."))
    return note


# Built once, on the tables rather than the classes: capture is the hottest path in the app,
# and building a statement and going through the ORM cost more than running it.
_THEMES, _WORKSHOPS = Theme.__table__.c, Workshop.__table__.c
_LIVE_THEME = Theme.__table__.join(Workshop.__table__, _WORKSHOPS.id == _THEMES.workshop_id)
_THEME_OF = (
    select(_THEMES.workshop_id, _THEMES.deleted_at, _WORKSHOPS.deleted_at)
    .select_from(_LIVE_THEME)
    .where(_THEMES.id == bindparam("theme_id"))
)
# The note, written only if its theme is live and of its workshop: the check and the write in
# one statement. Each column is a parameter of the same name.
_NOTE_COLUMNS = [c.key for c in Note.__table__.columns]
_INTO_LIVE_THEME = insert(Note.__table__).from_select(
    _NOTE_COLUMNS,
    select(*(bindparam(key) for key in _NOTE_COLUMNS))
    .select_from(_LIVE_THEME)
    .where(
        _THEMES.id == bindparam("theme_id"),
        _THEMES.workshop_id == bindparam("workshop_id"),
        _THEMES.deleted_at.is_(None),
        _WORKSHOPS.deleted_at.is_(None),
    ),
)


def _refuse_theme_of(session: Session, workshop_id: str, theme_id: str) -> None:
    """Why a note cannot go in this theme, as a one-line error."""
    row = session.connection().execute(_THEME_OF, {"theme_id": theme_id}).first()
    if row is None or row[0] != workshop_id:
        get_workshop_record(session, workshop_id)
        if row is None:
            get_theme_record(session, theme_id)
        raise ValidationError(_("That theme belongs to another workshop."))
    get_workshop_record(session, workshop_id)
    get_theme_record(session, theme_id)
    raise NotFoundError(_("That theme no longer exists."))  # gone between the two reads


def add_note(
    session: Session,
    workshop_id: str,
    text: str,
    theme_id: str | None = None,
    table_label: str = "",
) -> NoteInfo:
    check_text(text)
    check_label(table_label)
    if theme_id is None:
        get_workshop_record(session, workshop_id)
        theme_id = parking_lot(session, workshop_id).id
    note = Note(
        workshop_id=workshop_id,
        theme_id=theme_id,
        text=text,
        table_label=table_label,
        position=0.0,
        seq=0,
    )
    if session.new or session.dirty:
        session.flush()  # as the session's own execute() would: a theme made or moved just now
    if not inserted(session, note, _INTO_LIVE_THEME):
        _refuse_theme_of(session, workshop_id, theme_id)
    return note_info(note)


def edit_note(
    session: Session, note_id: str, text: str | None = None, table_label: str | None = None
) -> NoteInfo:
    note = get_note_record(session, note_id)
    new_text = note.text if text is None else check_text(text)
    new_label = note.table_label if table_label is None else check_label(table_label)
    if (new_text, new_label) != (note.text, note.table_label):
        touch(session, note)
        note.text = new_text
        note.table_label = new_label
    return note_info(note)


def stacked_on(session: Session, note_ids: Iterable[str]) -> list[Note]:
    ids = list(note_ids)
    if not ids:
        return []
    return list(
        session.scalars(select(Note).where(Note.duplicate_of.in_(ids), Note.deleted_at.is_(None)))
    )


def with_stacks(session: Session, note_ids: Sequence[str]) -> list[Note]:
    """The notes named plus every duplicate stacked on them: a card moves as one."""
    notes = [get_note_record(session, nid) for nid in dict.fromkeys(note_ids)]
    seen = {n.id for n in notes}
    for dup in stacked_on(session, seen):
        if dup.id not in seen:
            notes.append(dup)
            seen.add(dup.id)
    return notes


def _set(session: Session, note: Note, **values: object) -> None:
    if any(getattr(note, k) != v for k, v in values.items()):
        touch(session, note)
        for k, v in values.items():
            setattr(note, k, v)


def move_notes(session: Session, note_ids: Sequence[str], theme_id: str) -> list[str]:
    """Move cards to a theme. A note leaves a cluster that lives in another theme."""
    theme = get_theme_record(session, theme_id)
    notes = with_stacks(session, note_ids)
    left: set[str] = set()
    for note in notes:
        if note.workshop_id != theme.workshop_id:
            raise ValidationError(_("Notes can only move between themes of their own workshop."))
        cluster_id = note.cluster_id
        if cluster_id is not None:
            cluster = session.get(Cluster, cluster_id)
            if cluster is None or cluster.theme_id != theme_id:
                left.add(cluster_id)
                cluster_id = None
        values: dict[str, object] = {"theme_id": theme_id, "cluster_id": cluster_id}
        if note.id in note_ids and note.duplicate_of is not None:
            values["duplicate_of"] = None  # moving one original out of a stack unstacks it
        _set(session, note, **values)
    tombstone_empty_clusters(session, left)
    return [n.id for n in notes]


def delete_notes(session: Session, note_ids: Sequence[str]) -> list[str]:
    """Tombstone cards (with their stacked duplicates). Undo restores them."""
    notes = with_stacks(session, note_ids)
    clusters = {n.cluster_id for n in notes if n.cluster_id}
    stamp = now_iso()
    for note in notes:
        touch(session, note)
        note.deleted_at = stamp
    tombstone_empty_clusters(session, clusters)
    return [n.id for n in notes]


def stack_duplicates(session: Session, target_id: str, note_ids: Sequence[str]) -> NoteInfo:
    """Stack notes on the target's card as duplicates: one card ×N, every original kept."""
    target = get_note_record(session, target_id)
    if target.duplicate_of is not None:
        target = get_note_record(session, target.duplicate_of)
    others = [nid for nid in note_ids if nid != target.id]
    if not others:
        raise ValidationError(_("Pick at least two notes to stack as duplicates."))
    notes = with_stacks(session, others)
    clusters = {n.cluster_id for n in notes if n.cluster_id}
    for note in notes:
        if note.id == target.id:
            continue
        if note.workshop_id != target.workshop_id:
            raise ValidationError(_("Only notes of one workshop can be stacked."))
        _set(
            session,
            note,
            duplicate_of=target.id,
            theme_id=target.theme_id,
            cluster_id=target.cluster_id,
        )
    tombstone_empty_clusters(session, clusters - {target.cluster_id})
    return note_info(target)


def unstack(session: Session, note_ids: Sequence[str]) -> None:
    """Take originals off a stack so each shows as its own card again."""
    for nid in note_ids:
        note = get_note_record(session, nid)
        _set(session, note, duplicate_of=None)


def stack_of(session: Session, note_id: str) -> list[NoteInfo]:
    """Every original on a card, the top note first."""
    top = get_note_record(session, note_id)
    if top.duplicate_of is not None:
        top = get_note_record(session, top.duplicate_of)
    dups = sorted(stacked_on(session, [top.id]), key=lambda n: n.seq)
    return [note_info(top), *(note_info(d) for d in dups)]


def tombstone_empty_clusters(session: Session, cluster_ids: Iterable[str | None]) -> None:
    session.flush()
    for cid in {c for c in cluster_ids if c}:
        cluster = session.get(Cluster, cid)
        if cluster is None or cluster.deleted_at is not None:
            continue
        members = session.scalars(
            select(Note.id).where(Note.cluster_id == cid, Note.deleted_at.is_(None)).limit(1)
        ).first()
        if members is None:
            touch(session, cluster)
            cluster.deleted_at = now_iso()
