"""What the hub window shows beyond the hub's own queries: each laptop's last bundle (when it
came, and from which workshop)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workshop_app.store.hub_models import HubBundle
from workshop_app.store.models import Workshop
from workshop_app.sync.hub import Hub


@dataclass(frozen=True)
class LastBundle:
    received_at: str
    file_name: str
    workshop_id: str
    workshop: str  # its title at the hub, or "" while its bundle is held


def last_bundles(hub: Hub) -> dict[str, LastBundle]:
    """Each laptop's most recently received bundle, by fingerprint."""

    def query(session: Session) -> dict[str, LastBundle]:
        latest = (
            select(HubBundle.fingerprint, func.max(HubBundle.received_at).label("at"))
            .group_by(HubBundle.fingerprint)
            .subquery()
        )
        rows = session.execute(
            select(
                HubBundle.fingerprint,
                HubBundle.received_at,
                HubBundle.file_name,
                HubBundle.workshop_id,
                Workshop.title,
            )
            .join(
                latest,
                (latest.c.fingerprint == HubBundle.fingerprint)
                & (latest.c.at == HubBundle.received_at),
            )
            .outerjoin(Workshop, Workshop.id == HubBundle.workshop_id)
            .order_by(HubBundle.bundle_id)
        ).all()
        return {fp: LastBundle(at, name, wid, title or "") for fp, at, name, wid, title in rows}

    return hub.store.read(query)


def workshop_place(hub: Hub, workshop_id: str) -> tuple[str, str] | None:
    """A merged workshop's title and place at the hub (None while it is not merged)."""
    found = hub.store.read(lambda s: s.get(Workshop, workshop_id)) if workshop_id else None
    return (found.title, found.place) if found is not None else None
