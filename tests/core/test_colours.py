"""Contrast (WCAG 2.2 AA, 4.5:1) for the app's palette and every theme colour, so a column
header or a card reads from the back of a room and for people with low vision."""

from __future__ import annotations

import re

import pytest

from workshop_app.core.colours import contrast_ratio, text_colour_on
from workshop_app.core.templates import PARKING_LOT_COLOUR, THEME_PALETTE, theme_templates
from workshop_app.resources import resources_dir

TEMPLATE_COLOURS = sorted(
    {colour for t in theme_templates().values() for _, colour in t.themes}
    | set(THEME_PALETTE)
    | {PARKING_LOT_COLOUR}
)


def test_contrast_ratio_matches_the_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    # The check fails when a colour is broken on purpose: pale yellow under white text.
    assert contrast_ratio("#FFFFFF", "#FFEB3B") < 4.5


@pytest.mark.parametrize("colour", TEMPLATE_COLOURS)
def test_every_shipped_theme_colour_carries_white_header_text(colour: str) -> None:
    assert contrast_ratio("#FFFFFF", colour) >= 4.5, colour


@pytest.mark.parametrize(
    "picked", ["#FFEB3B", "#FFFFFF", "#E65100", "#00E5FF", "#000000", "#808080", "#76FF03"]
)
def test_any_colour_a_facilitator_picks_gets_readable_header_text(picked: str) -> None:
    assert contrast_ratio(text_colour_on(picked), picked) >= 4.5, picked


def _rules(sheet: str) -> list[tuple[str, dict[str, str]]]:
    found = []
    for selector, body in re.findall(
        r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    ):
        props = dict(
            (k.strip(), v.strip())
            for k, v in (p.split(":", 1) for p in body.split(";") if ":" in p)
        )
        found.append((selector.strip(), props))
    return found


def test_the_style_sheet_text_meets_aa_on_its_own_background() -> None:
    sheet = (resources_dir() / "style.qss").read_text(encoding="utf-8")
    rules = _rules(sheet)
    default_text = next(p["color"] for s, p in rules if s == "QWidget")
    window_background = "#EEF0F2"
    checked = 0
    for selector, props in rules:
        if ":disabled" in selector:  # WCAG exempts controls that cannot be used
            continue
        text = props.get("color", default_text)
        background = props.get("background", window_background if "color" in props else None)
        if background and re.fullmatch(r"#[0-9A-Fa-f]{6}", background):
            assert contrast_ratio(text, background) >= 4.5, (selector, text, background)
            checked += 1
    assert checked >= 10
