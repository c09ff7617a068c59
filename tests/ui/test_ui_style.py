"""The app follows the system font size: larger system text makes every styled size larger."""

from __future__ import annotations

import re

from workshop_app.ui.style import font_scale, scaled_sheet, style_sheet


def _sizes(sheet: str) -> list[float]:
    return [float(x) for x in re.findall(r"(\d+(?:\.\d+)?)pt", sheet)]


def test_a_usual_system_font_leaves_the_sheet_as_designed() -> None:
    assert font_scale(10, "linux") == 1.0
    assert font_scale(9, "win32") == 1.0
    sheet = style_sheet(10)
    assert "font-size: 11pt" in sheet and "font-size: 14pt" in sheet


def test_larger_system_text_scales_every_size_in_the_sheet() -> None:
    usual = _sizes(style_sheet(10))
    large = _sizes(style_sheet(15))
    assert len(usual) == len(large) >= 5
    assert all(b == round(a * 1.5, 1) for a, b in zip(usual, large, strict=True))


def test_scaling_touches_point_sizes_only() -> None:
    sheet = "QWidget { font-size: 11pt; padding: 8px; border: 2px solid #0B57D0; }"
    assert scaled_sheet(sheet, 2.0) == (
        "QWidget { font-size: 22pt; padding: 8px; border: 2px solid #0B57D0; }"
    )


def test_absurd_system_sizes_are_kept_within_reason() -> None:
    assert font_scale(0) == 1.0
    assert font_scale(100, "linux") == 3.0
    assert font_scale(2, "linux") == 1.0  # never smaller than designed


def test_the_control_with_the_keyboard_shows_it(qtbot):
    """Issue "Ship it", point 6: focus is always visible: a text box, a list and a combo box
    wear a blue edge while they have the keyboard, a quiet one otherwise."""
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QComboBox, QLineEdit, QTreeWidget, QVBoxLayout, QWidget
    from ui_helpers import activate

    host = QWidget()
    qtbot.addWidget(host)
    layout = QVBoxLayout(host)
    controls = [QLineEdit(), QTreeWidget(), QComboBox()]
    for control in controls:
        layout.addWidget(control)
    host.show()
    qtbot.waitExposed(host)
    activate(qtbot, host)

    def edge(widget: QWidget) -> QColor:
        return widget.grab().toImage().pixelColor(widget.width() // 2, 0)

    for control in controls:
        control.setFocus()
        qtbot.waitUntil(control.hasFocus)
        focused = edge(control)
        controls[(controls.index(control) + 1) % len(controls)].setFocus()
        qtbot.waitUntil(lambda c=control: not c.hasFocus())
        assert focused != edge(control), f"{type(control).__name__} shows no focus"
        assert focused.blue() > focused.red() + 80, "the focus edge is blue"


def test_the_spin_boxes_arrows_are_drawn_from_files_that_exist() -> None:
    """A styled spin box draws its arrows from the sheet's images: a path left unresolved or a
    file missing from the package shows two bare lines instead."""
    from pathlib import Path

    sheet = style_sheet(10.0)
    assert "{icons}" not in sheet
    images = re.findall(r"url\(([^)]+)\)", sheet)
    assert any(p.endswith("arrow-up.svg") for p in images)
    assert all(Path(p).is_file() for p in images), images
