"""Clusters: similar notes grouped under a name the room agrees on."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.notes import (
    get_note_record,
    tombstone_empty_clusters,
    with_stacks,
)
from workshop_app.core.records import created, now_iso, touch
from workshop_app.core.themes import get_theme_record
from workshop_app.i18n import _, ngettext
from workshop_app.store.models import Cluster, Note

MAX_CLUSTER_NAME = 200


@dataclass(frozen=True)
class ClusterInfo:
    id: str
    workshop_id: str
    theme_id: str
    name: str


def _info(c: Cluster) -> ClusterInfo:
    return ClusterInfo(c.id, c.workshop_id, c.theme_id, c.name)


def check_cluster_name(name: str) -> str:
    if len(name) > MAX_CLUSTER_NAME:
        raise ValidationError(
            ngettext(
                "A cluster name can be at most {n} character.",
                "A cluster name can be at most {n} characters.",
                MAX_CLUSTER_NAME,
            )
        )
    return name


def get_cluster_record(session: Session, cluster_id: str) -> Cluster:
    cluster = session.get(Cluster, cluster_id)
    if cluster is None or cluster.deleted_at is not None:
        raise NotFoundError(_("That cluster no longer exists."))
    return cluster


def _join(session: Session, cluster: Cluster, note_ids: Sequence[str]) -> None:
    notes = with_stacks(session, note_ids)
    left = {n.cluster_id for n in notes if n.cluster_id and n.cluster_id != cluster.id}
    for note in notes:
        if note.workshop_id != cluster.workshop_id:
            raise ValidationError(_("Only notes of one workshop can be clustered together."))
        if (note.cluster_id, note.theme_id) != (cluster.id, cluster.theme_id):
            touch(session, note)
            note.cluster_id = cluster.id
            note.theme_id = cluster.theme_id
    tombstone_empty_clusters(session, left)


def create_cluster(
    session: Session, note_ids: Sequence[str], name: str = "", theme_id: str | None = None
) -> ClusterInfo:
    """Group notes; the cluster lives in the first note's theme unless one is given."""
    if not note_ids:
        raise ValidationError(_("Pick the notes to put together first."))
    first = get_note_record(session, note_ids[0])
    theme = get_theme_record(session, theme_id or first.theme_id)
    if theme.workshop_id != first.workshop_id:
        raise ValidationError(_("A cluster can only be made in a theme of its own workshop."))
    if not name.strip():
        name = _default_name(first.text)
    cluster = created(
        session,
        Cluster(
            workshop_id=first.workshop_id,
            theme_id=theme.id,
            name=check_cluster_name(name),
            position=0.0,
        ),
    )
    session.flush()
    _join(session, cluster, note_ids)
    return _info(cluster)


def _default_name(text: str) -> str:
    """The first note's opening words, whole (no "…": the facilitator types over it or keeps
    it, and a cut word would be kept as the name)."""
    line = " ".join(text.split())
    if len(line) <= 40:
        return line
    cut = line[:41].rsplit(" ", 1)[0]
    return cut if cut and len(cut) < len(line[:41]) else line[:40]


def add_to_cluster(session: Session, cluster_id: str, note_ids: Sequence[str]) -> ClusterInfo:
    cluster = get_cluster_record(session, cluster_id)
    _join(session, cluster, note_ids)
    return _info(cluster)


def remove_from_cluster(session: Session, note_ids: Sequence[str]) -> None:
    notes = with_stacks(session, note_ids)
    left = {n.cluster_id for n in notes if n.cluster_id}
    for note in notes:
        if note.cluster_id is not None:
            touch(session, note)
            note.cluster_id = None
    tombstone_empty_clusters(session, left)


def rename_cluster(session: Session, cluster_id: str, name: str) -> ClusterInfo:
    cluster = get_cluster_record(session, cluster_id)
    if not name.strip():
        raise ValidationError(_("A cluster needs a name."))
    if cluster.name != name:
        touch(session, cluster)
        cluster.name = check_cluster_name(name)
    return _info(cluster)


def cluster_members(session: Session, cluster_id: str) -> list[str]:
    return list(
        session.scalars(
            select(Note.id).where(Note.cluster_id == cluster_id, Note.deleted_at.is_(None))
        )
    )


def move_cluster(session: Session, cluster_id: str, theme_id: str) -> ClusterInfo:
    cluster = get_cluster_record(session, cluster_id)
    theme = get_theme_record(session, theme_id)
    if theme.workshop_id != cluster.workshop_id:
        raise ValidationError(_("A cluster can only move between themes of its own workshop."))
    if cluster.theme_id != theme_id:
        touch(session, cluster)
        cluster.theme_id = theme_id
        _join(session, cluster, cluster_members(session, cluster_id))
    return _info(cluster)


def dissolve_cluster(session: Session, cluster_id: str) -> list[str]:
    """Ungroup: the notes stay on the board, the cluster becomes a tombstone."""
    cluster = get_cluster_record(session, cluster_id)
    members = cluster_members(session, cluster_id)
    for nid in members:
        note = get_note_record(session, nid)
        touch(session, note)
        note.cluster_id = None
    touch(session, cluster)
    cluster.deleted_at = now_iso()
    return members
