"""A note that says what one on the board already says is offered for stacking as it is typed
(issue 8, point 13: "Repair cafe" and "Repair café" became separate voting options)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import capture, live_count, load, press, type_text

from workshop_app.ui.twin_offer import twin_key

CTRL = Qt.KeyboardModifier.ControlModifier


def test_twin_key_ignores_case_accents_spacing_and_end_marks():
    assert twin_key("Repair café") == twin_key("  repair  CAFE! ")
    assert twin_key("Co-op shop") == twin_key("coop shop")
    assert twin_key("Repair café") != twin_key("Repair cafés open late")


def test_typing_a_near_identical_note_offers_one_key_to_stack(qtbot, board_window, workshop_id, db):
    w = board_window
    capture(qtbot, w.board, "Repair café")
    capture(qtbot, w.board, "Repair cafe")
    assert live_count(db) == 2, "the note is saved as typed, never blocked"
    message = w.board.capture.message.text()
    assert "looks the same as “Repair café”" in message and "Ctrl+D" in message
    press(qtbot, Qt.Key.Key_D, CTRL)
    cards = list(load(db, workshop_id).cards.values())
    assert len(cards) == 1 and cards[0].count == 2, "one voting option, counted twice"
    assert "Stacked as one note" in w.board.capture.message.text()
    assert w.board.capture.note_edit.hasFocus(), "capture goes on"
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert len(load(db, workshop_id).cards) == 2


def test_typing_on_withdraws_the_offer(qtbot, board_window, workshop_id, db):
    w = board_window
    capture(qtbot, w.board, "Repair café")
    capture(qtbot, w.board, "repair cafe.")
    type_text(qtbot, w.board.capture.note_edit, "Ctrl")
    assert not w.board.capture.message.isVisibleTo(w.board)
    w.board.capture.note_edit.clear()
    press(qtbot, Qt.Key.Key_D, CTRL)
    assert len(load(db, workshop_id).cards) == 2, "Ctrl+D later does not stack by surprise"


def test_different_notes_get_no_offer(qtbot, board_window):
    w = board_window
    capture(qtbot, w.board, "Repair café")
    capture(qtbot, w.board, "Repair café on Saturdays")
    assert "looks the same" not in w.board.capture.message.text()


def test_undoing_the_new_note_withdraws_the_offer(qtbot, board_window, workshop_id, db):
    w = board_window
    capture(qtbot, w.board, "Repair café")
    capture(qtbot, w.board, "Repair cafe")
    assert "Ctrl+D" in w.board.capture.message.text()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert live_count(db) == 1
    assert w.board.capture.message.text() == "" or "Ctrl+D" not in w.board.capture.message.text()
    press(qtbot, Qt.Key.Key_D, CTRL)
    assert live_count(db) == 1 and len(load(db, workshop_id).cards) == 1
