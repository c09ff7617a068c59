"""Undo and redo from the keyboard: every action comes back, and the database follows."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import (
    capture,
    click_card,
    index_of_text,
    live_count,
    load,
    model_texts,
    note_by_text,
    press,
    sql,
)

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier


def _texts_on_board(db, workshop_id) -> list[str]:
    return sorted(c.text for c in load(db, workshop_id).cards.values())


def test_ctrl_z_in_empty_capture_bar_undoes_last_note_and_redo_brings_it_back(
    qtbot, board_window, workshop_id
):
    w = board_window
    board = w.board
    db = w.db
    capture(qtbot, board, "Repair café once a month")
    capture(qtbot, board, "Skate park by the river")
    assert board.capture.note_edit.text() == ""
    column = board.columns[0].view
    assert model_texts(column) == ["Repair café once a month", "Skate park by the river"]

    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert model_texts(column) == ["Repair café once a month"]
    gone = note_by_text(db, "Skate park by the river")
    assert gone["deleted_at"] is not None, "undo should leave a tombstone"
    assert live_count(db) == 1
    assert _texts_on_board(db, workshop_id) == ["Repair café once a month"]
    assert QApplication.focusWidget() is board.capture.note_edit

    press(qtbot, Qt.Key.Key_Z, CTRL | SHIFT)
    assert model_texts(column) == ["Repair café once a month", "Skate park by the river"]
    back = note_by_text(db, "Skate park by the river")
    assert back["deleted_at"] is None and back["id"] == gone["id"]
    assert live_count(db) == 2
    # Ctrl+Y is redo too; after undo-all and redo-all the board is as before.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert live_count(db) == 0 and model_texts(column) == []
    assert board.empty_hint.isVisible()
    press(qtbot, Qt.Key.Key_Y, CTRL)
    press(qtbot, Qt.Key.Key_Y, CTRL)
    assert live_count(db) == 2
    assert model_texts(column) == ["Repair café once a month", "Skate park by the river"]


def test_ctrl_z_while_typing_undoes_the_typing_not_the_board(qtbot, board_window):
    w = board_window
    board = w.board
    capture(qtbot, board, "Free parking for the first hour")
    qtbot.keyClicks(board.capture.note_edit, "half a thought")
    press(qtbot, Qt.Key.Key_Z, CTRL)
    # The line edit's own undo took back the typing; the saved note is untouched.
    assert board.capture.note_edit.text() == ""
    assert live_count(w.db) == 1


def test_undo_move_to_next_theme(qtbot, board_window, workshop_id):
    w = board_window
    board = w.board
    db = w.db
    themes = load(db, workshop_id).themes
    capture(qtbot, board, "Childcare that fits shift work")
    first = board.view_for_theme(themes[0].id)
    click_card(qtbot, first, "Childcare that fits shift work")
    press(qtbot, Qt.Key.Key_Right, ALT)
    assert note_by_text(db, "Childcare that fits shift work")["theme_id"] == themes[1].id
    assert model_texts(board.view_for_theme(themes[1].id)) == ["Childcare that fits shift work"]

    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert note_by_text(db, "Childcare that fits shift work")["theme_id"] == themes[0].id
    assert model_texts(board.view_for_theme(themes[0].id)) == ["Childcare that fits shift work"]
    assert model_texts(board.view_for_theme(themes[1].id)) == []


def test_delete_key_then_undo_restores_card(qtbot, board_window, workshop_id):
    w = board_window
    board = w.board
    db = w.db
    for text in ("Benches and shade", "Public toilets that are open", "Murals on the underpass"):
        capture(qtbot, board, text)
    view = board.columns[0].view
    click_card(qtbot, view, "Public toilets that are open")
    press(qtbot, Qt.Key.Key_Delete)
    assert model_texts(view) == ["Benches and shade", "Murals on the underpass"]
    row = note_by_text(db, "Public toilets that are open")
    assert row["deleted_at"] is not None
    assert "Deleted 1 note." in board.capture.message.text()
    assert "Ctrl+Z" in board.capture.message.text()

    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert model_texts(view) == [
        "Benches and shade",
        "Public toilets that are open",
        "Murals on the underpass",
    ]
    assert note_by_text(db, "Public toilets that are open")["deleted_at"] is None
    assert live_count(db) == 3


def test_undo_grouping_restores_loose_cards(qtbot, board_window, workshop_id):
    w = board_window
    board = w.board
    db = w.db
    capture(qtbot, board, "Buses every 30 minutes")
    capture(qtbot, board, "Sunday buses!")
    view = board.columns[0].view
    click_card(qtbot, view, "Buses every 30 minutes")
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    press(qtbot, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: view.state() == view.State.EditingState)
    press(qtbot, Qt.Key.Key_Escape)  # keep the suggested name
    clusters = sql(db, "SELECT id, deleted_at FROM clusters")
    assert len(clusters) == 1 and clusters[0]["deleted_at"] is None
    assert {r["cluster_id"] for r in sql(db, "SELECT cluster_id FROM notes")} == {clusters[0]["id"]}
    assert len(load(db, workshop_id).clusters) == 1

    view.setFocus()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert load(db, workshop_id).clusters == {}
    assert {r["cluster_id"] for r in sql(db, "SELECT cluster_id FROM notes")} == {None}
    assert sql(db, "SELECT deleted_at FROM clusters")[0]["deleted_at"] is not None
    assert model_texts(board.columns[0].view) == ["Buses every 30 minutes", "Sunday buses!"]
    assert index_of_text(board.columns[0].view, "Sunday buses!").isValid()


def test_ctrl_z_says_what_it_undid_and_redo_what_it_redid(qtbot, board_window):
    """An undo can change a note scrolled out of sight (or a whole cluster): the board says
    what it undid, and the line goes once it is no longer the last thing done."""
    w = board_window
    board = w.board
    capture(qtbot, board, "Youth club needs funding")
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert live_count(w.db) == 0
    message = board.capture.message.text()
    assert message.startswith("Undone: ") and len(message) > len("Undone: ")
    press(qtbot, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert live_count(w.db) == 1
    assert board.capture.message.text().startswith("Redone: ")
    board.focus_capture()
    capture(qtbot, board, "Skate park")
    assert "Redone" not in board.capture.message.text()
