"""The app's style sheet, scaled to the system's font size: someone who set larger text for
their eyes gets larger text here too (the sheet's sizes are written for a 10 pt system font)."""

from __future__ import annotations

import re
import sys

from workshop_app.resources import resources_dir

# The usual default UI font size on each system, in points; the sheet is designed at these.
DEFAULT_POINTS = {"darwin": 13.0, "win32": 9.0}
LINUX_DEFAULT_POINTS = 10.0
_POINTS = re.compile(r"(\d+(?:\.\d+)?)pt\b")


def font_scale(system_points: float, platform: str = sys.platform) -> float:
    """How much larger than usual the system's font is, within reason. Never smaller than
    designed: the facilitator's screen is also read from across a room."""
    usual = DEFAULT_POINTS.get(platform, LINUX_DEFAULT_POINTS)
    if system_points <= 0:
        return 1.0
    return min(3.0, max(1.0, system_points / usual))


def scaled_sheet(sheet: str, scale: float) -> str:
    """Every `Npt` in the sheet multiplied by `scale` (to a tenth of a point)."""
    if abs(scale - 1.0) < 0.01:
        return sheet
    return _POINTS.sub(lambda m: f"{round(float(m.group(1)) * scale, 1):g}pt", sheet)


def style_sheet(system_points: float) -> str:
    path = resources_dir() / "style.qss"
    if not path.exists():
        return ""
    sheet = path.read_text(encoding="utf-8").replace(
        "{icons}", (resources_dir() / "icons").as_posix()
    )
    return scaled_sheet(sheet, font_scale(system_points))
