"""The capture bar: type, Enter, the note is on the board and in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from ui_helpers import capture, index_of_text, live_count, load, note_by_text, note_rows, press

from workshop_app.core.board import load_board
from workshop_app.ui.column_model import ROW_ROLE
from workshop_app.ui.note_dialog import NoteDialog

CTRL = Qt.KeyboardModifier.ControlModifier


def test_enter_saves_note_into_selected_theme_and_clears_box(qtbot, board_window, workshop_id):
    w = board_window
    board = w.board
    db = w.db
    first, second = load(db, workshop_id).themes[:2]
    assert board.capture.current_theme_id() == first.id

    capture(qtbot, board, "Buses every 30 minutes")
    # Saved: the row is in the database, in the selected theme.
    row = note_by_text(db, "Buses every 30 minutes")
    assert row["theme_id"] == first.id and row["deleted_at"] is None
    # Shown: the card is in the first column's model; the box is empty and keeps the focus.
    column = board.view_for_theme(first.id)
    assert index_of_text(column, "Buses every 30 minutes").isValid()
    assert board.capture.note_edit.text() == ""
    assert QApplication.focusWidget() is board.capture.note_edit
    assert "1 note" in board.total.text()
    assert not board.empty_hint.isVisible()

    # Ctrl+2 picks the second theme; the next note goes there.
    press(qtbot, Qt.Key.Key_2, CTRL)
    assert board.capture.current_theme_id() == second.id
    assert QApplication.focusWidget() is board.capture.note_edit
    capture(qtbot, board, "Insulate the old terraces")
    assert note_by_text(db, "Insulate the old terraces")["theme_id"] == second.id
    assert index_of_text(board.view_for_theme(second.id), "Insulate the old terraces").isValid()
    texts = [c.text for c in load(db, workshop_id).cards.values()]
    assert texts == ["Buses every 30 minutes", "Insulate the old terraces"]


def test_table_label_is_stored_and_kept_for_next_note(qtbot, board_window, workshop_id):
    w = board_window
    board = w.board
    # Tab from the note box to the table box, as a user does.
    qtbot.keyClicks(board.capture.note_edit, "Safe cycle route to the college")
    board.capture.table_edit.setFocus()
    qtbot.keyClicks(board.capture.table_edit, "Table 4")
    qtbot.keyClick(board.capture.table_edit, Qt.Key.Key_Return)
    row = note_by_text(w.db, "Safe cycle route to the college")
    assert row["table_label"] == "Table 4"
    card = load(w.db, workshop_id).cards[row["id"]]
    assert card.table_label == "Table 4"
    # After saving, the keyboard is back in the note box, ready for the next note.
    assert board.capture.note_edit.text() == ""
    assert QApplication.focusWidget() is board.capture.note_edit


def test_empty_or_blank_note_shows_hint_and_saves_nothing(qtbot, board_window):
    w = board_window
    board = w.board
    edit = board.capture.note_edit
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert board.capture.message.isVisible()
    assert "needs some words" in board.capture.message.text()
    assert live_count(w.db) == 0 and note_rows(w.db) == []

    qtbot.keyClicks(edit, "    ")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert "needs some words" in board.capture.message.text()
    assert note_rows(w.db) == []
    # What was typed is not thrown away on an error.
    assert edit.text() == "    "
    assert QApplication.focusWidget() is edit
    # Escape dismisses the message; a real note then saves and clears it.
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert not board.capture.message.isVisible()
    edit.selectAll()
    capture(qtbot, board, "Market day back on Saturdays")
    assert note_by_text(w.db, "Market day back on Saturdays")["deleted_at"] is None
    assert not board.capture.message.isVisible()


def test_error_keeps_the_typed_text(qtbot, board_window, workshop_id, monkeypatch):
    """If saving fails, the words typed are still in the box to retry."""
    w = board_window
    board = w.board
    # A table label over 200 characters is refused by core.
    qtbot.keyClicks(board.capture.note_edit, "Public toilets that are open")
    board.capture.table_edit.setText("T" * 201)
    board.capture.note_edit.setFocus()
    qtbot.keyClick(board.capture.note_edit, Qt.Key.Key_Return)
    assert board.capture.message.isVisible()
    assert "table label" in board.capture.message.text()
    assert board.capture.note_edit.text() == "Public toilets that are open"
    assert note_rows(w.db) == []


def test_ten_thousand_character_note_is_saved_whole(qtbot, board_window, workshop_id):
    w = board_window
    board = w.board
    long_note = ("We need buses that run after the evening shift ends. " * 200)[:9_999] + "!"
    assert len(long_note) == 10_000
    # Pasted, as long testimony usually is.
    QApplication.clipboard().setText(long_note)
    press(qtbot, Qt.Key.Key_V, CTRL)
    assert board.capture.note_edit.text() == long_note
    press(qtbot, Qt.Key.Key_Return)

    rows = note_rows(w.db)
    assert len(rows) == 1
    assert len(rows[0]["text"]) == 10_000 and rows[0]["text"] == long_note
    assert w.db.read(lambda s: load_board(s, workshop_id)).cards[rows[0]["id"]].text == long_note

    view = board.view_for_theme(rows[0]["theme_id"])
    index = view.model().index(0, 0)
    assert index.data(ROW_ROLE).card.text == long_note
    # The hover tooltip shows the start, marked as cut; the whole note is one key away.
    tooltip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert tooltip == long_note[:600] + "…"
    # Ctrl+I opens the whole note: every character is there.
    view.setFocus()
    view.setCurrentIndex(index)
    seen = {}

    def read_dialog():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NoteDialog)
        seen["text"] = dialog.text.toPlainText()
        seen["count"] = dialog.count.text()
        dialog.reject()

    QTimer.singleShot(0, read_dialog)
    press(qtbot, Qt.Key.Key_I, CTRL)
    assert seen["text"] == long_note
    assert "10000" in seen["count"].replace(",", "")
