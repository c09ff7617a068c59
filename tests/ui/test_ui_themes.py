"""Adding a theme from the Themes menu or its shortcut: a new column before the parking lot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QMessageBox
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


class _Colour:
    """Stands in for QColorDialog: picks a colour, or cancels with an invalid one."""

    answer = "#00897B"

    @classmethod
    def getColor(cls, initial, parent, title, *args, **kwargs):
        return QColor(cls.answer) if cls.answer else QColor()


class _Yes:
    """Stands in for QMessageBox: says Yes to the confirmation, and remembers the question."""

    asked: list[str] = []  # noqa: RUF012
    StandardButton = QMessageBox.StandardButton

    @classmethod
    def question(cls, parent, title, text, *args, **kwargs):
        cls.asked.append(text)
        return cls.StandardButton.Yes


def _theme_action(w, name: str):
    return next(a for a in w.themes_menu.actions() if a.objectName() == name)


def _focus_column(qtbot, w, index: int) -> None:
    view = w.board.columns[index].view
    view.setFocus()
    qtbot.waitUntil(lambda: w.board.current_view() is view)


def test_rename_recolour_and_undo_a_theme(qtbot, board_window, workshop_id, monkeypatch):
    w = board_window
    monkeypatch.setattr(theme_actions, "QInputDialog", _AskedFor)
    monkeypatch.setattr(theme_actions, "QColorDialog", _Colour)
    capture(qtbot, w.board, "Buses every 30 minutes")
    _focus_column(qtbot, w, 1)
    old = load(w.db, workshop_id).themes[1]

    monkeypatch.setattr(_AskedFor, "answer", ("Transport & travel", True))
    _theme_action(w, "renameTheme").trigger()
    assert load(w.db, workshop_id).themes[1].name == "Transport & travel"
    assert w.board.columns[1].model.theme_name == "Transport & travel"

    _Colour.answer = ""  # Cancel keeps the colour
    _theme_action(w, "recolourTheme").trigger()
    assert load(w.db, workshop_id).themes[1].colour == old.colour
    _Colour.answer = "#00897B"
    _theme_action(w, "recolourTheme").trigger()
    assert load(w.db, workshop_id).themes[1].colour == "#00897B"
    assert w.board.columns[1].model.theme_colour == "#00897B"

    w.undo_action.trigger()
    assert load(w.db, workshop_id).themes[1].colour == old.colour
    # Undoing the rename right after undoing the recolour of the same theme is allowed: the
    # theme moved on only through this history, not from elsewhere.
    w.undo_action.trigger()
    assert load(w.db, workshop_id).themes[1].name == old.name
    assert w.board.columns[1].model.theme_name == old.name
    # The notes on the board are untouched by all of it.
    assert note_by_text(w.db, "Buses every 30 minutes")["deleted_at"] is None


def test_move_a_theme_and_the_parking_lot_stays_last(qtbot, board_window, workshop_id):
    w = board_window
    names = [t.name for t in load(w.db, workshop_id).themes]
    _focus_column(qtbot, w, 1)
    press(qtbot, Qt.Key.Key_Left, CTRL | SHIFT)
    moved = [names[1], names[0], *names[2:]]
    assert [t.name for t in load(w.db, workshop_id).themes] == moved
    assert [c.model.theme_name for c in w.board.columns] == moved
    # Moving the last real theme right never passes the parking lot.
    _focus_column(qtbot, w, len(names) - 2)
    press(qtbot, Qt.Key.Key_Right, CTRL | SHIFT)
    assert [t.name for t in load(w.db, workshop_id).themes][-1] == "Parking lot"
    # And the parking lot itself does not move.
    _focus_column(qtbot, w, len(names) - 1)
    press(qtbot, Qt.Key.Key_Left, CTRL | SHIFT)
    assert [t.name for t in load(w.db, workshop_id).themes][-1] == "Parking lot"


def test_remove_a_theme_moves_its_notes_to_the_parking_lot_and_undo_brings_it_back(
    qtbot, board_window, workshop_id, monkeypatch
):
    w = board_window
    monkeypatch.setattr(theme_actions, "QMessageBox", _Yes)
    _Yes.asked = []
    capture(qtbot, w.board, "Buses every 30 minutes")
    capture(qtbot, w.board, "Skate park by the river")
    themes = load(w.db, workshop_id).themes
    _focus_column(qtbot, w, 0)
    _theme_action(w, "removeTheme").trigger()
    assert _Yes.asked and themes[0].name in _Yes.asked[0] and "2 notes" in _Yes.asked[0]
    after = load(w.db, workshop_id)
    assert themes[0].id not in [t.id for t in after.themes]
    lot = after.themes[-1]
    assert {c.theme_id for c in after.cards.values()} == {lot.id}
    assert w.board.columns[-1].model.rowCount() == 2
    assert len(w.board.columns) == len(themes) - 1

    # The parking lot itself cannot be removed: the board says so, nothing asked.
    _Yes.asked = []
    _focus_column(qtbot, w, len(w.board.columns) - 1)
    _theme_action(w, "removeTheme").trigger()
    assert _Yes.asked == []
    assert "parking lot cannot be removed" in w.board.capture.message.text()

    w.undo_action.trigger()
    back = load(w.db, workshop_id)
    assert [t.id for t in back.themes] == [t.id for t in themes]
    assert {c.theme_id for c in back.cards.values()} == {themes[0].id}
    assert w.board.columns[0].model.rowCount() == 2


def test_removing_the_capture_bar_s_theme_sends_new_notes_to_the_parking_lot_and_says_so(
    qtbot, board_window, workshop_id, monkeypatch
):
    w = board_window
    monkeypatch.setattr(theme_actions, "QMessageBox", _Yes)
    _Yes.asked = []
    themes = load(w.db, workshop_id).themes
    w.board.pick_theme(1)
    assert w.board.capture.current_theme_id() == themes[1].id
    capture(qtbot, w.board, "Heat pumps for the school")
    _focus_column(qtbot, w, 1)
    _theme_action(w, "removeTheme").trigger()
    # One note: the question says so in the singular.
    assert "1 note in it will move to the parking lot" in _Yes.asked[0]
    lot = load(w.db, workshop_id).themes[-1]
    assert lot.is_parking_lot
    assert w.board.capture.current_theme_id() == lot.id, "not silently theme 1"
    message = w.board.capture.message.text()
    assert themes[1].name in message and "Parking lot" in message
    w.board.focus_capture()
    capture(qtbot, w.board, "Solar on the leisure centre")
    new = next(c for c in load(w.db, workshop_id).cards.values() if c.text.startswith("Solar"))
    assert new.theme_id == lot.id


def test_removing_an_empty_theme_asks_plainly(qtbot, board_window, workshop_id, monkeypatch):
    w = board_window
    monkeypatch.setattr(theme_actions, "QMessageBox", _Yes)
    _Yes.asked = []
    _focus_column(qtbot, w, 2)
    _theme_action(w, "removeTheme").trigger()
    assert "It has no notes" in _Yes.asked[0] and "0 notes" not in _Yes.asked[0]
