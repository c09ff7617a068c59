"""Nothing typed is lost at closing (issue "The live room without slips", point 2): words typed
without Enter, and a note being changed, come back after closing or a crash, on the workshop
and theme that were open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from ui_helpers import activate, capture, focused, index_of_text, live_count, press, type_text

from workshop_app.core import ui_state
from workshop_app.ui.main_window import MainWindow


def _reopen(qtbot, db) -> MainWindow:
    w = MainWindow(db)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    activate(qtbot, w)
    return w


def test_words_typed_without_enter_come_back_after_closing(qtbot, board_window, db):
    w = board_window
    type_text(qtbot, w.board.capture.note_edit, "Bus to the hospital after six")
    w.board.capture.table_edit.setText("Table 3")
    assert w.close()

    again = _reopen(qtbot, db)
    assert again.board is not None, "the workshop that was open opens again"
    assert again.board.capture.note_edit.text() == "Bus to the hospital after six"
    assert again.board.capture.table_edit.text() == "Table 3"
    assert "unsaved note from last time" in again.board.capture.message.text()
    assert live_count(db) == 0, "a kept draft is not a note until Enter"
    assert not again.board.capture.note_edit.hasSelectedText(), "typing must not replace it"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: live_count(db) == 1)
    assert again.board.capture.note_edit.text() == ""
    again.close()
    third = _reopen(qtbot, db)
    assert third.board.capture.note_edit.text() == "", "a saved note is not offered twice"
    third.close()


def test_draft_survives_a_crash(qtbot, board_window, db):
    """No clean close: the file already holds the newest keystroke."""
    w = board_window
    type_text(qtbot, w.board.capture.note_edit, "Youth club")
    assert ui_state.load(db.data_dir).drafts[w.session.workshop_id].note == "Youth club"
    # A second window on the same folder is what the next start sees after a crash.
    again = _reopen(qtbot, db)
    assert again.board.capture.note_edit.text() == "Youth club"
    again.close()


def test_the_theme_picked_is_picked_again(qtbot, board_window, db):
    w = board_window
    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    third = w.board.capture.current_theme_id()
    capture(qtbot, w.board, "Safer crossing by the school")
    w.close()
    again = _reopen(qtbot, db)
    assert again.board.capture.current_theme_id() == third
    again.close()


def test_going_back_to_the_list_starts_there_next_time(qtbot, board_window, db):
    w = board_window
    w.act_home.trigger()
    w.close()
    again = _reopen(qtbot, db)
    assert again.board is None and again.pages.currentWidget() is again.home
    again.close()


def _change_note(qtbot, w, old: str, new: str) -> None:
    capture(qtbot, w.board, old)
    view = w.board.columns[0].view
    view.setFocus()
    view.setCurrentIndex(index_of_text(view, old))
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(focused(), QPlainTextEdit))
    focused().selectAll()
    type_text(qtbot, focused(), new)


def _first_note(w) -> str:
    return w.board.columns[0].view.model().index(0, 0).data(Qt.ItemDataRole.EditRole)


OLD = "Spend the regeneration money with firms based here"


def _reopened_after_a_crash_mid_edit(qtbot, w, db) -> MainWindow:
    """A note changed in its editor, then what a crash leaves on disk (the note unchanged, the
    words typed in the state file), and the app started again with the editor back."""
    _change_note(qtbot, w, OLD, "Spend it with local firms")
    left = (db.data_dir / ui_state.FILE_NAME).read_bytes()
    press(qtbot, Qt.Key.Key_Escape)
    w.close()
    (db.data_dir / ui_state.FILE_NAME).write_bytes(left)
    again = _reopen(qtbot, db)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPlainTextEdit))
    return again


def test_a_note_being_changed_comes_back_after_a_crash(qtbot, board_window, db):
    w = board_window
    again = _reopened_after_a_crash_mid_edit(qtbot, w, db)
    assert QApplication.focusWidget().toPlainText() == "Spend it with local firms"
    assert "words are back" in again.board.capture.message.text()
    assert _first_note(again) == OLD, "nothing is changed until Enter"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _first_note(again) == "Spend it with local firms")
    again.close()
    third = _reopen(qtbot, db)
    assert not isinstance(QApplication.focusWidget(), QPlainTextEdit), "saved: not offered again"
    third.close()


def test_closing_while_changing_a_note_keeps_the_new_words(qtbot, board_window, db):
    w = board_window
    _change_note(qtbot, w, OLD, "Spend it with local firms")
    w.close()
    again = _reopen(qtbot, db)
    assert _first_note(again) == "Spend it with local firms"
    assert not isinstance(QApplication.focusWidget(), QPlainTextEdit)
    assert "words are back" not in again.board.capture.message.text()
    again.close()


def test_a_damaged_state_file_starts_on_the_list(qtbot, db, workshop_id):
    (db.data_dir / ui_state.FILE_NAME).write_bytes(b"\x00\xff{not json")
    w = _reopen(qtbot, db)
    assert w.board is None and w.pages.currentWidget() is w.home
    w.close()


def test_state_file_shapes_that_are_not_ours_are_ignored(tmp_path):
    (tmp_path / ui_state.FILE_NAME).write_text('{"drafts": {"w": {"note": 5}}, "themes": []}')
    state = ui_state.load(tmp_path)
    assert state.drafts == {} and state.themes == {}
    state.draft("w").note = "x" * (ui_state.MAX_DRAFT_CHARS + 10)
    assert ui_state.save(tmp_path, state)
    assert len(ui_state.load(tmp_path).drafts["w"].note) == ui_state.MAX_DRAFT_CHARS


def test_a_note_reopened_after_a_crash_goes_on_where_it_stopped(qtbot, board_window, db):
    """The words come back with the cursor after them, nothing selected: the first key typed
    adds to them instead of wiping them; the banner goes once the edit is done (or left)."""
    w = board_window
    again = _reopened_after_a_crash_mid_edit(qtbot, w, db)
    editor = QApplication.focusWidget()
    assert not editor.textCursor().hasSelection()
    type_text(qtbot, editor, " and shops")
    assert editor.toPlainText() == "Spend it with local firms and shops"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _first_note(again) == "Spend it with local firms and shops")
    assert "words are back" not in again.board.capture.message.text()
    again.close()


def test_leaving_a_reopened_edit_with_esc_clears_its_banner(qtbot, board_window, db):
    w = board_window
    again = _reopened_after_a_crash_mid_edit(qtbot, w, db)
    press(qtbot, Qt.Key.Key_Escape)
    assert _first_note(again) == OLD
    assert "words are back" not in again.board.capture.message.text()
    again.close()
