"""Adding a theme from the Themes menu or its shortcut: a new column before the parking lot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import capture, load, note_by_text, press, sql

import workshop_app.ui.theme_actions as theme_actions

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


class _AskedFor:
    """Stands in for QInputDialog: answers the name prompt as a user would."""

    answer: tuple[str, bool] = ("Housing", True)
    asked: list[str] = []  # noqa: RUF012

    @classmethod
    def getText(cls, parent, title, label, *args, **kwargs):
        cls.asked.append(title)
        return cls.answer


def test_add_theme_shortcut_puts_column_before_parking_lot(
    qtbot, board_window, workshop_id, monkeypatch
):
    w = board_window
    board = w.board
    _AskedFor.asked = []
    monkeypatch.setattr(theme_actions, "QInputDialog", _AskedFor)
    before = [c.model.theme_name for c in board.columns]
    assert before[-1] == "Parking lot"

    press(qtbot, Qt.Key.Key_T, CTRL | SHIFT)
    assert _AskedFor.asked == ["Add theme"]
    names = [c.model.theme_name for c in board.columns]
    assert names == [*before[:-1], "Housing", "Parking lot"]
    themes = load(w.db, workshop_id).themes
    assert [t.name for t in themes] == names
    rows = sql(w.db, "SELECT name, is_parking_lot FROM themes WHERE deleted_at IS NULL")
    assert ("Housing", 0) in [(r["name"], r["is_parking_lot"]) for r in rows]
    # The capture bar offers it too, with the next Ctrl+number.
    buttons = [b.text() for b in board.capture.theme_group.buttons()]
    assert "5 Housing" in buttons
    # And the keyboard is still somewhere useful: capturing into the new theme works.
    board.focus_capture()
    press(qtbot, Qt.Key.Key_5, CTRL)
    capture(qtbot, board, "Housing co-op for young families")
    housing = next(t for t in themes if t.name == "Housing")
    assert note_by_text(w.db, "Housing co-op for young families")["theme_id"] == housing.id
    # Ctrl+Z undoes the note, then the theme.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert [c.model.theme_name for c in board.columns] == before
    assert "Housing" not in [t.name for t in load(w.db, workshop_id).themes]


def test_add_theme_from_menu_and_cancel(qtbot, board_window, workshop_id, monkeypatch):
    w = board_window
    monkeypatch.setattr(theme_actions, "QInputDialog", _AskedFor)
    add = next(a for a in w.themes_menu.actions() if a.objectName() == "addTheme")
    assert w.themes_menu.isEnabled() and add.isEnabled()
    count = len(load(w.db, workshop_id).themes)

    monkeypatch.setattr(_AskedFor, "answer", ("Transport", False))  # Cancel
    add.trigger()
    assert len(load(w.db, workshop_id).themes) == count
    monkeypatch.setattr(_AskedFor, "answer", ("   ", True))  # blank name
    add.trigger()
    assert len(load(w.db, workshop_id).themes) == count

    monkeypatch.setattr(_AskedFor, "answer", ("Transport", True))
    add.trigger()
    themes = load(w.db, workshop_id).themes
    assert [t.name for t in themes][-2:] == ["Transport", "Parking lot"]
    assert w.board.columns[-2].model.theme_name == "Transport"
    assert QApplication.activeWindow() is w
