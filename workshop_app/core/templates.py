"""Theme templates shipped in resources/themes: the starting themes of a new workshop."""

from __future__ import annotations

import json
from dataclasses import dataclass

from workshop_app.i18n import N_, _, per_language
from workshop_app.resources import resources_dir

PARKING_LOT_NAME = N_("Parking lot")
PARKING_LOT_COLOUR = "#616161"


@dataclass(frozen=True)
class ThemeTemplate:
    id: str
    name: str
    themes: tuple[tuple[str, str], ...]  # (name, colour)


@per_language
def theme_templates() -> dict[str, ThemeTemplate]:
    """The templates in the language in use: a new workshop's themes are named in it."""
    found: dict[str, ThemeTemplate] = {}
    for path in sorted((resources_dir() / "themes").glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        found[data["id"]] = ThemeTemplate(
            id=data["id"],
            name=_(data["name"]),
            themes=tuple((_(t["name"]), t["colour"]) for t in data["themes"]),
        )
    return found


# Colours offered for themes a facilitator adds, all dark enough for white header text.
THEME_PALETTE = (
    "#7B1FA2",
    "#2E7D32",
    "#1565C0",
    "#BF360C",
    "#AD1457",
    "#00695C",
    "#4E342E",
    "#283593",
    "#827717",
    "#C62828",
)
