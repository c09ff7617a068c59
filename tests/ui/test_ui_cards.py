"""Working on cards: stacking duplicates, editing in place, searching."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from ui_helpers import (
    capture,
    click_card,
    index_of_text,
    live_count,
    load,
    model_texts,
    note_by_text,
    press,
    type_text,
)

from workshop_app.core.operations import board as board_ops
from workshop_app.ui.column_model import ROW_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_ctrl_d_stacks_duplicates_on_one_card(qtbot, board_window, workshop_id):
    w = board_window
    db = w.db
    for text in ("More buses in the evening", "Evening buses please", "Skate park"):
        capture(qtbot, w.board, text)
    view = w.board.columns[0].view
    click_card(qtbot, view, "More buses in the evening")
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    press(qtbot, Qt.Key.Key_D, CTRL)

    # One card shows for the two, counted ×2; the loose card is untouched.
    assert model_texts(view) == ["More buses in the evening", "Skate park"]
    top_row = index_of_text(view, "More buses in the evening").data(ROW_ROLE)
    assert top_row.card.count == 2
    # Both originals are kept in the database; one points at the other.
    top = note_by_text(db, "More buses in the evening")
    dup = note_by_text(db, "Evening buses please")
    assert top["deleted_at"] is None and dup["deleted_at"] is None
    assert dup["duplicate_of"] == top["id"] and top["duplicate_of"] is None
    assert live_count(db) == 3
    board = load(db, workshop_id)
    assert board.cards[top["id"]].duplicate_ids == (dup["id"],)
    assert board.total_notes == 3  # the stack counts as two notes
    assert "3 notes" in w.board.total.text()
    header = w.board.columns[0].header.text()
    assert "3 notes" in header

    # Ctrl+Shift+D takes the stack apart again.
    view.setFocus()
    view.select_id(top["id"])
    press(qtbot, Qt.Key.Key_D, CTRL | SHIFT)
    assert note_by_text(db, "Evening buses please")["duplicate_of"] is None
    assert sorted(model_texts(view)) == sorted(
        ["More buses in the evening", "Evening buses please", "Skate park"]
    )


def test_ctrl_d_with_one_card_explains_instead(qtbot, board_window):
    w = board_window
    capture(qtbot, w.board, "Only one note")
    view = w.board.columns[0].view
    click_card(qtbot, view, "Only one note")
    press(qtbot, Qt.Key.Key_D, CTRL)
    assert "two or more" in w.board.capture.message.text()
    assert note_by_text(w.db, "Only one note")["duplicate_of"] is None


def test_f2_edits_card_in_place_enter_saves(qtbot, board_window, workshop_id):
    w = board_window
    db = w.db
    capture(qtbot, w.board, "Buses evry 30 minutes")
    view = w.board.columns[0].view
    click_card(qtbot, view, "Buses evry 30 minutes")
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPlainTextEdit))
    editor = QApplication.focusWidget()
    assert editor.toPlainText() == "Buses evry 30 minutes"
    # The whole text is selected: typing replaces it.
    type_text(qtbot, editor, "Buses every 30 minutes, and on Sundays")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.hasFocus())

    row = note_by_text(db, "Buses every 30 minutes, and on Sundays")
    assert row["base_rev"] is not None  # an edit of the same note, not a new one
    assert live_count(db) == 1
    assert model_texts(view) == ["Buses every 30 minutes, and on Sundays"]
    assert load(db, workshop_id).cards[row["id"]].text == "Buses every 30 minutes, and on Sundays"
    # And Ctrl+Z gives the old wording back.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert note_by_text(db, "Buses evry 30 minutes")["id"] == row["id"]


def test_escape_cancels_edit_in_place(qtbot, board_window):
    w = board_window
    db = w.db
    capture(qtbot, w.board, "Clean up the riverside path")
    before = note_by_text(db, "Clean up the riverside path")
    view = w.board.columns[0].view
    click_card(qtbot, view, "Clean up the riverside path")
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPlainTextEdit))
    type_text(qtbot, QApplication.focusWidget(), "Something else entirely")
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not isinstance(QApplication.focusWidget(), QPlainTextEdit))
    QApplication.processEvents()
    after = note_by_text(db, "Clean up the riverside path")
    assert after == before, "Escape must leave the note as it was"
    assert model_texts(view) == ["Clean up the riverside path"]
    assert w.session.undo_stack.count() == 1  # only the capture


def test_edit_to_blank_is_refused_and_note_kept(qtbot, board_window):
    w = board_window
    capture(qtbot, w.board, "Murals on the underpass")
    view = w.board.columns[0].view
    click_card(qtbot, view, "Murals on the underpass")
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPlainTextEdit))
    press(qtbot, Qt.Key.Key_Delete)
    press(qtbot, Qt.Key.Key_Return)
    assert note_by_text(w.db, "Murals on the underpass")["deleted_at"] is None
    assert "needs some words" in w.board.capture.message.text()
    assert model_texts(view) == ["Murals on the underpass"]


def test_search_filters_columns_and_escape_clears(qtbot, board_window, workshop_id):
    w = board_window
    board = w.board
    themes = load(w.db, workshop_id).themes
    capture(qtbot, board, "Buses every 30 minutes")
    capture(qtbot, board, "Skate park by the river")
    press(qtbot, Qt.Key.Key_2, CTRL)
    capture(qtbot, board, "Electric minibus for the farms")
    capture(qtbot, board, "Community solar")

    press(qtbot, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is board.search
    type_text(qtbot, board.search, "BUS")
    first = board.view_for_theme(themes[0].id)
    second = board.view_for_theme(themes[1].id)
    # Filtering waits for a pause in the typing, then filters once for the whole word.
    assert len(model_texts(first)) == 2
    qtbot.waitUntil(lambda: model_texts(first) == ["Buses every 30 minutes"], timeout=2000)
    assert model_texts(second) == ["Electric minibus for the farms"]
    assert "2 of 4" in board.total.text()
    # Searching changes nothing in the database.
    assert live_count(w.db) == 4

    press(qtbot, Qt.Key.Key_Escape)
    assert board.search.text() == ""
    assert QApplication.focusWidget() is board.capture.note_edit
    assert model_texts(first) == ["Buses every 30 minutes", "Skate park by the river"]
    assert model_texts(second) == ["Electric minibus for the farms", "Community solar"]
    assert "4 notes" in board.total.text()


def test_typing_on_and_rubbing_out_a_search_stays_true_after_the_board_changes(qtbot, board_window):
    """A search remembers what it matched to answer the next keystroke quickly; a note added
    or edited meanwhile must still be found, and an edited one no longer matching dropped."""
    w = board_window
    board = w.board
    view = board.columns[0].view
    capture(qtbot, board, "Bus shelter by the school")
    capture(qtbot, board, "Buses every 30 minutes")

    def search(text: str) -> list[str]:
        board.search.setText(text)
        board.flush_search()
        return model_texts(view)

    assert search("bus") == ["Bus shelter by the school", "Buses every 30 minutes"]
    assert search("buse") == ["Buses every 30 minutes"]
    assert search("bus") == ["Bus shelter by the school", "Buses every 30 minutes"]
    board.focus_capture()
    capture(qtbot, board, "Buses to the hospital")
    assert search("buse") == ["Buses every 30 minutes", "Buses to the hospital"]
    note_id = note_by_text(w.db, "Buses every 30 minutes")["id"]
    w.session.run(board_ops.edit_note(note_id, "Trains every hour"))
    assert search("buses") == ["Buses to the hospital"]
    assert search("bus") == ["Bus shelter by the school", "Buses to the hospital"]
    assert search("") == [
        "Bus shelter by the school",
        "Trains every hour",
        "Buses to the hospital",
    ]
    assert "3 notes" in board.total.text()


def test_search_is_accent_insensitive_and_new_notes_respect_it(qtbot, board_window):
    w = board_window
    board = w.board
    capture(qtbot, board, "Repair café once a month")
    press(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, board.search, "cafe")
    view = board.columns[0].view
    qtbot.waitUntil(lambda: "1 of 1" in board.total.text(), timeout=2000)
    assert model_texts(view) == ["Repair café once a month"]
    board.focus_capture()
    capture(qtbot, board, "Unrelated note")
    # Saved, even though the search hides it, and the count says so.
    assert note_by_text(w.db, "Unrelated note")["deleted_at"] is None
    assert model_texts(view) == ["Repair café once a month"]
    assert "1 of 2" in board.total.text()


def test_picking_a_theme_mid_note_keeps_the_words_already_typed(qtbot, board_window):
    w = board_window
    board = w.board
    type_text(qtbot, board.capture.note_edit, "Longer library hours")
    press(qtbot, Qt.Key.Key_2, CTRL)
    type_text(qtbot, board.capture.note_edit, " on Saturdays")
    assert board.capture.note_edit.text() == "Longer library hours on Saturdays"


def _search(board, text: str) -> None:
    board.search.setText(text)
    board.flush_search()


def test_the_search_count_counts_the_notes_shown_including_a_matching_cluster_s(
    qtbot, board_window
):
    """A cluster whose name matches shows all its notes: the count says so, in notes (a ×2
    stack is two notes, as in the column headers), not "0 of 37"."""
    w = board_window
    board = w.board
    for text in ("Real Living Wage for carers", "No zero-hours contracts", "Skate park"):
        capture(qtbot, board, text)
    ids = [note_by_text(w.db, t)["id"] for t in ("Real Living Wage for carers", "Skate park")]
    w.session.run(board_ops.group([note_by_text(w.db, "No zero-hours contracts")["id"]]))
    cluster_notes = [ids[0], note_by_text(w.db, "No zero-hours contracts")["id"]]
    w.session.run(board_ops.rename_cluster(_cluster_of(w, cluster_notes[1]), "Fair pay"))
    w.session.run(board_ops.add_to_cluster(_cluster_of(w, cluster_notes[1]), [ids[0]]))
    board.focus_capture()
    capture(qtbot, board, "Skate park by the river")
    w.session.run(
        board_ops.stack_duplicates(ids[1], [note_by_text(w.db, "Skate park by the river")["id"]])
    )
    assert "4 notes" in board.total.text()
    _search(board, "Fair pay")
    view = board.columns[0].view
    assert model_texts(view) == [
        "[Fair pay]",
        "No zero-hours contracts",
        "Real Living Wage for carers",
    ] or model_texts(view) == [
        "[Fair pay]",
        "Real Living Wage for carers",
        "No zero-hours contracts",
    ]
    assert board.total.text() == "Showing 2 of 4 notes"
    _search(board, "skate")
    assert board.total.text() == "Showing 2 of 4 notes"  # the ×2 stack
    _search(board, "nothing like this")
    assert board.total.text() == "Showing 0 of 4 notes"


def _cluster_of(w, note_id: str) -> str:
    from ui_helpers import sql

    return sql(w.db, "SELECT cluster_id FROM notes WHERE id = :i", i=note_id)[0]["cluster_id"]


def test_a_note_typed_under_a_search_that_hides_it_says_where_it_went(qtbot, board_window):
    w = board_window
    board = w.board
    capture(qtbot, board, "Repair café once a month")
    _search(board, "cafe")
    board.focus_capture()
    capture(qtbot, board, "Unrelated note")
    assert note_by_text(w.db, "Unrelated note")["deleted_at"] is None
    message = board.capture.message
    assert not message.isHidden()
    assert message.text() == (
        "Saved in Community wealth and ownership, but the search hides it: "
        "Ctrl+F then Esc shows every note."
    )
    # A column whose notes the search hides says so, not that it has none.
    _search(board, "cafe once")
    assert model_texts(board.columns[0].view) == ["Repair café once a month"]
    _search(board, "skate park")
    hidden = board.columns[0]
    assert hidden.model.rowCount() == 0
    assert hidden.view.placeholder == "No notes in this theme match the search."
    assert board.columns[1].view.placeholder == "No notes here yet."  # it has none
    _search(board, "")
    assert hidden.view.placeholder == "No notes here yet."
    # Once the search is gone, the message is no longer true and goes.
    assert message.text() == ""
