"""The files the hub refused, as staff list them: each reason in the language of whoever
reads it, and whether a later bundle of the same laptop has since been merged."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.i18n import _
from workshop_app.store.hub_models import HubBundle, HubRefusal
from workshop_app.sync.hub_merge import MERGED
from workshop_app.sync.hub_store import HubStore
from workshop_app.sync.hub_types import Refusal
from workshop_app.sync.phrase import Phrase


def list_refusals(store: HubStore, include_superseded: bool = True) -> list[Refusal]:
    """The files the hub refused, oldest first, each reason in the language chosen now.
    A refusal is superseded once a bundle from the same laptop's workshop, made no earlier
    than the refused one, is merged after it (the laptop sent it again and it was taken):
    such a refusal says which bundle, and is left out when include_superseded is False."""
    columns = [c for c in HubRefusal.__table__.c if c.key != "content"]

    def query(session: Session) -> tuple[list[Any], list[Any]]:
        rows = session.execute(
            # Files refused in the same millisecond (one import of many) by name, not by
            # their random ids: the list reads the same each time.
            select(*columns).order_by(HubRefusal.received_at, HubRefusal.file_name, HubRefusal.id)
        ).all()
        workshops = sorted({r.workshop_id for r in rows if r.workshop_id and r.device_id})
        merged: list[Any] = []
        for start in range(0, len(workshops), 500):
            merged += session.execute(
                select(
                    HubBundle.workshop_id,
                    HubBundle.device_id,
                    HubBundle.created_at,
                    HubBundle.merged_at,
                    HubBundle.file_name,
                ).where(
                    HubBundle.status == MERGED,
                    HubBundle.workshop_id.in_(workshops[start : start + 500]),
                )
            ).all()
        return list(rows), merged

    rows, merged = store.read(query)
    by_laptop: dict[tuple[str, str], list[Any]] = {}
    for bundle in sorted(merged, key=lambda b: (b.merged_at or "", b.file_name)):
        by_laptop.setdefault((bundle.workshop_id, bundle.device_id), []).append(bundle)
    out = []
    for row in rows:
        later = next(
            (
                b
                for b in by_laptop.get((row.workshop_id, row.device_id), [])
                if b.merged_at
                and b.merged_at > row.received_at
                and (row.bundle_created_at is None or b.created_at >= row.bundle_created_at)
            ),
            None,
        )
        if later is not None and not include_superseded:
            continue
        out.append(
            Refusal(
                row.id,
                row.received_at,
                row.file_name,
                _reason(row.reason, row.reason_phrase),
                row.size,
                row.content_sha256,
                row.workshop_id,
                row.device_id,
                row.scrubbed_at,
                Phrase.from_json(row.reason_phrase).msgid if row.reason_phrase else None,
                later.file_name if later is not None else None,
                later.merged_at if later is not None else None,
            )
        )
    return out


def refused_content(store: HubStore, refusal_id: str) -> bytes | None:
    """A refused file's bytes as kept (None: too large to keep, or dropped by an erasure)."""
    return store.read(
        lambda s: s.scalar(select(HubRefusal.content).where(HubRefusal.id == refusal_id))
    )


def _reason(text: str, phrase: str | None) -> str:
    # Refusals kept before the reason was language-neutral hold the words written then:
    # an English one without values still finds its translation.
    return Phrase.from_json(phrase).text() if phrase else _(text)
