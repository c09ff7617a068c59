"""A workshop as the lists show it, and the list read the quick way (no SQLAlchemy): what the
first screen and `workshop-app workshops` need before the store is fully open."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workshop_app.store.quick_read import read_workshop_rows


@dataclass(frozen=True)
class WorkshopInfo:
    id: str
    title: str
    programme: str
    place: str
    venue: str
    starts_at: str | None
    facilitators: str
    prompts: tuple[str, ...]
    theme_template: str
    archived: bool
    # Where participants follow what happened to their priorities, and a phone for those offline.
    follow_up_url: str = ""
    contact_phone: str = ""
    notes: int = 0
    themes: int = 0
    clusters: int = 0

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "programme": self.programme,
            "place": self.place,
            "venue": self.venue,
            "starts_at": self.starts_at,
            "facilitators": self.facilitators,
            "prompts": list(self.prompts),
            "archived": self.archived,
            "counts": {"notes": self.notes, "themes": self.themes, "clusters": self.clusters},
        }


def list_order(info: WorkshopInfo) -> tuple[bool, tuple[int, ...], str]:
    """Newest event first; undated workshops after dated ones, then by title."""
    return (
        info.starts_at is None,
        tuple(-ord(ch) for ch in info.starts_at or ""),
        info.title.casefold(),
    )


def quick_workshop_list(
    data_dir: Path, include_archived: bool = False
) -> list[WorkshopInfo] | None:
    """The workshops as list_workshops() gives them, read without opening the store fully;
    None when only the full way can answer (see store.quick_read)."""
    rows = read_workshop_rows(data_dir, include_archived)
    if rows is None:
        return None
    try:
        infos = [
            WorkshopInfo(
                id=str(r["id"]),
                title=str(r["title"]),
                programme=str(r["programme"] or ""),
                place=str(r["place"] or ""),
                venue=str(r["venue"] or ""),
                starts_at=r["starts_at"],  # type: ignore[arg-type]
                facilitators=str(r["facilitators"] or ""),
                prompts=tuple(json.loads(str(r["prompts"] or "[]"))),
                theme_template=str(r["theme_template"] or ""),
                archived=r["archived_at"] is not None,
                follow_up_url=str(r["follow_up_url"] or ""),
                contact_phone=str(r["contact_phone"] or ""),
                notes=int(r["notes"]),  # type: ignore[call-overload]
                themes=int(r["themes"]),  # type: ignore[call-overload]
                clusters=int(r["clusters"]),  # type: ignore[call-overload]
            )
            for r in rows
        ]
    except (TypeError, ValueError):
        return None  # something unexpected in a row: the full way will say what
    return sorted(infos, key=list_order)
