"""Keyboard safety on the board: typing never overwrites a note, movement is always visible."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPlainTextEdit, QScrollArea
from ui_helpers import click_card, focused, index_of_text, live_count, press, sql, type_text

from workshop_app.core.demo import create_demo_workshop
from workshop_app.ui.card_list import CardListView
from workshop_app.ui.column_model import ROW_ROLE
from workshop_app.ui.note_dialog import NoteDialog

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier

REGENERATION = "Spend the regeneration money with firms based here"


@pytest.fixture
def demo_window(qtbot, window, db):
    db.run(create_demo_workshop)
    w = window()
    qtbot.keyClick(w.home.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.board is not None and w.board.isVisible())
    qtbot.waitUntil(lambda: focused() is w.board.capture.note_edit)
    return w


def live_texts(db) -> list[str]:
    return [r["text"] for r in sql(db, "SELECT text FROM notes WHERE deleted_at IS NULL")]


def test_typing_after_arrowing_into_the_board_adds_notes_and_overwrites_nothing(qtbot, demo_window):
    """The sequence seen in the room: ↓ ↓, "Youth club", Enter, "needs funding", Enter."""
    w = demo_window
    board = w.board
    before = sorted(live_texts(w.db))
    count = live_count(w.db)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert isinstance(focused(), type(board.columns[0].view))
    type_text(qtbot, focused(), "Youth club")
    press(qtbot, Qt.Key.Key_Return)
    type_text(qtbot, focused(), "needs funding")
    press(qtbot, Qt.Key.Key_Return)
    QApplication.processEvents()

    # Every note said before is still there, word for word, and both new ones were added.
    assert REGENERATION in live_texts(w.db)
    assert sorted(live_texts(w.db)) == sorted([*before, "Youth club", "needs funding"])
    assert live_count(w.db) == count + 2
    assert not isinstance(focused(), QPlainTextEdit), "no note editor may be open"
    assert focused() is board.capture.note_edit
    assert board.capture.note_edit.text() == ""


def _focused_card(board) -> str:
    """The text of the card the keyboard is on (the board must have the focus)."""
    view = focused()
    assert isinstance(view, CardListView), f"the board lost the focus to {view!r}"
    assert view in [c.view for c in board.columns]
    row = view.currentIndex().data(ROW_ROLE)
    assert row is not None, "no card has the keyboard focus"
    return row.card.text if row.card else f"[{row.cluster.name}]"


def _typing_goes_to_capture(qtbot, w) -> None:
    """A letter typed on the board starts a new note in the capture bar; no note changes."""
    before = live_texts(w.db)
    type_text(qtbot, focused(), "X")
    assert focused() is w.board.capture.note_edit
    assert w.board.capture.note_edit.text().endswith("X")
    assert live_texts(w.db) == before
    w.board.capture.note_edit.clear()


def test_focus_stays_on_the_board_after_each_board_action(qtbot, demo_window):
    w = demo_window
    board = w.board
    first = board.columns[0].view

    press(qtbot, Qt.Key.Key_Down)  # into the board
    assert _focused_card(board) == "[Local buying]"
    press(qtbot, Qt.Key.Key_Down)
    assert _focused_card(board) == "Council and hospital should buy food from local growers"
    _typing_goes_to_capture(qtbot, w)

    click_card(qtbot, first, REGENERATION)
    assert _focused_card(board) == REGENERATION
    _typing_goes_to_capture(qtbot, w)

    # Alt+Right: the card goes to the next theme and the keyboard goes with it.
    click_card(qtbot, first, REGENERATION)
    press(qtbot, Qt.Key.Key_Right, ALT)
    assert _focused_card(board) == REGENERATION
    assert focused() is board.columns[1].view
    _typing_goes_to_capture(qtbot, w)

    # Delete: the keyboard stays in the column, on the card that took the deleted one's place.
    second = board.columns[1].view
    click_card(qtbot, second, REGENERATION)
    below = second.model().index(second.currentIndex().row() + 1, 0).data(ROW_ROLE)
    press(qtbot, Qt.Key.Key_Delete)
    assert REGENERATION not in live_texts(w.db)
    assert _focused_card(board) == below.card.text
    _typing_goes_to_capture(qtbot, w)

    # Ctrl+G: the new cluster's name is edited in place, on the board.
    click_card(qtbot, first, "Help for people setting up a social enterprise")
    press(qtbot, Qt.Key.Key_Up, SHIFT)
    press(qtbot, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: isinstance(focused(), QPlainTextEdit))
    assert first.isAncestorOf(focused())
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: isinstance(focused(), CardListView))
    assert _focused_card(board).startswith("[")
    _typing_goes_to_capture(qtbot, w)


def test_enter_on_a_card_never_edits_it_and_says_what_does(qtbot, demo_window):
    w = demo_window
    first = w.board.columns[0].view
    click_card(qtbot, first, REGENERATION)
    press(qtbot, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert focused() is first
    assert first.state() != CardListView.State.EditingState
    assert "F2" in w.board.capture.message.text()
    assert w.board.capture.message.isVisible()


def test_f2_and_double_click_still_edit(qtbot, demo_window):
    w = demo_window
    first = w.board.columns[0].view
    click_card(qtbot, first, REGENERATION)
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(focused(), QPlainTextEdit))
    assert focused().toPlainText() == REGENERATION
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: focused() is first)

    index = index_of_text(first, REGENERATION)
    qtbot.mouseDClick(
        first.viewport(), Qt.MouseButton.LeftButton, pos=first.visualRect(index).center()
    )
    qtbot.waitUntil(lambda: isinstance(focused(), QPlainTextEdit))
    assert focused().toPlainText() == REGENERATION


def test_typing_on_the_board_adds_to_a_draft_never_over_it(qtbot, demo_window):
    w = demo_window
    edit = w.board.capture.note_edit
    type_text(qtbot, edit, "Youth club")
    press(qtbot, Qt.Key.Key_Down)
    assert isinstance(focused(), CardListView)
    type_text(qtbot, focused(), " needs funding")
    assert edit.text() == "Youth club needs funding"
    press(qtbot, Qt.Key.Key_Return)
    assert "Youth club needs funding" in live_texts(w.db)


def test_edit_replacing_most_words_says_what_it_replaced_with_undo(qtbot, demo_window):
    w = demo_window
    first = w.board.columns[0].view
    count = live_count(w.db)
    click_card(qtbot, first, REGENERATION)
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(focused(), QPlainTextEdit))
    type_text(qtbot, focused(), "needs funding")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is first)

    # No question asked: saved, and the status line says what went and how to get it back.
    assert "needs funding" in live_texts(w.db)
    assert live_count(w.db) == count
    status = w.statusBar().currentMessage()
    assert "Spend the regeneration money" in status
    assert "needs funding" in status
    assert "Ctrl+Z" in status

    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert REGENERATION in live_texts(w.db)
    assert "needs funding" not in live_texts(w.db)
    # Once undone, the message is no longer true, so it goes.
    assert w.statusBar().currentMessage() == ""


def test_a_small_correction_is_saved_without_a_message(qtbot, demo_window):
    w = demo_window
    first = w.board.columns[0].view
    click_card(qtbot, first, REGENERATION)
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(focused(), QPlainTextEdit))
    editor = focused()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    type_text(qtbot, editor, " and in the valley")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is first)
    assert REGENERATION + " and in the valley" in live_texts(w.db)
    assert "Replaced" not in w.statusBar().currentMessage()


# --- 3. keyboard movement is visible ---------------------------------------------------------


def _card_in_sight(view: CardListView) -> bool:
    index = view.currentIndex()
    return index.isValid() and view.viewport().rect().contains(view.visualRect(index))


def _column_in_sight(board, view: CardListView) -> bool:
    area = board.findChild(QScrollArea)
    column = view.parentWidget()
    left = column.mapTo(area.viewport(), QPoint(0, 0)).x()
    return left >= 0 and left + column.width() <= area.viewport().width()


def _selected_everywhere(board) -> int:
    return sum(len(c.view.selectionModel().selectedIndexes()) for c in board.columns)


@pytest.fixture
def small_demo(qtbot, demo_window):
    """A laptop-sized window: columns run off to the right and cards off the bottom."""
    demo_window.resize(900, 560)  # as narrow as the board allows
    QApplication.processEvents()
    return demo_window


def test_down_from_the_capture_bar_shows_the_card_it_lands_on(qtbot, small_demo):
    board = small_demo.board
    first = board.columns[0].view
    click_card(qtbot, first, "Council and hospital should buy food from local growers")
    press(qtbot, Qt.Key.Key_Escape)
    assert focused() is board.capture.note_edit
    # Notes captured since have scrolled the column to its end.
    first.scrollToBottom()
    QApplication.processEvents()
    assert not _card_in_sight(first)

    press(qtbot, Qt.Key.Key_Down)
    assert focused() is first
    assert _card_in_sight(first)
    assert _column_in_sight(board, first)


def test_left_and_right_show_the_column_and_card_they_land_on(qtbot, small_demo):
    board = small_demo.board
    last = board.columns[-1].view
    # Earlier work left the fourth column's place at its last card, then it scrolled away.
    last.setCurrentIndex(last.model().index(last.model().rowCount() - 1, 0))
    last.scrollToTop()
    assert not _column_in_sight(small_demo.board, last)
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is board.columns[0].view
    for _ in range(len(board.columns) - 1):
        press(qtbot, Qt.Key.Key_Right)
        view = focused()
        assert isinstance(view, CardListView)
        assert _column_in_sight(board, view), "the column the keyboard moved to is off screen"
        assert _card_in_sight(view), "the card the keyboard moved to is scrolled away"
    assert focused() is last
    for _ in range(len(board.columns) - 1):
        press(qtbot, Qt.Key.Key_Left)
        assert _column_in_sight(board, focused())
    assert focused() is board.columns[0].view


def test_only_the_column_with_the_keyboard_shows_a_selection(qtbot, small_demo):
    board = small_demo.board
    first, second = board.columns[0].view, board.columns[1].view
    click_card(qtbot, first, REGENERATION)
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    assert _selected_everywhere(board) == 2
    press(qtbot, Qt.Key.Key_Right)
    assert focused() is second
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    # The first column's selection went when the keyboard left it: one place shows the focus,
    # and "selected on the board" counts only what is selected there.
    assert first.selectionModel().selectedIndexes() == []
    assert _selected_everywhere(board) == len(second.selectionModel().selectedIndexes()) > 0
    click_card(qtbot, first, REGENERATION)
    assert second.selectionModel().selectedIndexes() == []
    assert _selected_everywhere(board) == 1


# --- 5. messages stay only while they are true ------------------------------------------------


def test_empty_note_error_goes_once_the_facilitator_types(qtbot, demo_window):
    board = demo_window.board
    message = board.capture.message
    press(qtbot, Qt.Key.Key_Return)  # nothing typed yet
    assert message.isVisible()
    assert "needs some words" in message.text()
    type_text(qtbot, board.capture.note_edit, "Y")
    assert not message.isVisible()
    assert message.text() == ""


# --- one place shows the focus; editors are the card, not a box over its neighbours -----------


def _has_focus_blue(widget, rect=None) -> bool:
    image = widget.grab(rect) if rect is not None else widget.grab()
    image = image.toImage()
    blue = QColor("#0B57D0").rgb()
    return any(
        image.pixel(x, y) == blue for x in range(image.width()) for y in range(image.height())
    )


def test_after_typing_on_the_board_only_the_capture_bar_looks_focused(qtbot, demo_window):
    board = demo_window.board
    first = board.columns[0].view
    click_card(qtbot, first, REGENERATION)
    rect = first.visualRect(index_of_text(first, REGENERATION))
    assert _has_focus_blue(first.viewport(), rect), "the card with the keyboard is outlined"
    assert not _has_focus_blue(board.capture.note_edit)
    type_text(qtbot, first, "Y")
    assert focused() is board.capture.note_edit
    assert _has_focus_blue(board.capture.note_edit)
    assert not _has_focus_blue(first.viewport(), rect), "two places look focused"


def _edit_with_f2(qtbot, view, note_text):
    click_card(qtbot, view, note_text)
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(focused(), QPlainTextEdit))
    return focused()


def test_f2_editor_is_the_card_not_a_white_box_over_its_neighbours(qtbot, demo_window):
    first = demo_window.board.columns[0].view
    index = index_of_text(first, REGENERATION)
    editor = _edit_with_f2(qtbot, first, REGENERATION)
    below = first.visualRect(index.siblingAtRow(index.row() + 1))
    assert not editor.geometry().intersects(below), "the editor covers the next card"
    assert first.visualRect(index).contains(editor.geometry())
    colour = editor.grab().toImage().pixelColor(editor.width() - 8, editor.height() - 8)
    assert colour != QColor("#FFFFFF"), "the editor should keep the card's colour"


def test_f2_editor_grows_to_show_a_long_note_whole(qtbot, demo_window):
    board = demo_window.board
    long_note = "The library should open on Saturday mornings for families " * 4
    type_text(qtbot, board.capture.note_edit, long_note.strip())
    press(qtbot, Qt.Key.Key_Return)
    first = board.columns[0].view
    editor = _edit_with_f2(qtbot, first, long_note.strip())
    card = first.visualRect(first.currentIndex())
    assert editor.height() > card.height()
    assert editor.verticalScrollBar().maximum() == 0 or editor.height() >= first.height() // 2


def test_new_cluster_name_is_edited_on_its_header_only(qtbot, demo_window):
    board = demo_window.board
    first = board.columns[0].view
    click_card(qtbot, first, "Help for people setting up a social enterprise")
    press(qtbot, Qt.Key.Key_Up, SHIFT)
    press(qtbot, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: isinstance(focused(), QPlainTextEdit))
    editor = focused()
    header = first.visualRect(first.currentIndex())
    assert editor.accessibleName() == "Cluster name"
    assert editor.height() <= header.height()
    # Pre-filled with the note's opening words, whole: nothing cut off by "…".
    name = editor.toPlainText()
    assert "…" not in name
    assert name == "Profits from the wind turbine should"  # of the first note of the two


def test_delete_message_counts_a_stack_and_goes_after_undo(qtbot, demo_window):
    board = demo_window.board
    second = board.columns[1].view
    stacked = "Buses every 30 minutes, and on Sundays"  # ×3 in the demo
    count = live_count(demo_window.db)
    click_card(qtbot, second, stacked)
    press(qtbot, Qt.Key.Key_Delete)
    assert live_count(demo_window.db) == count - 3
    message = board.capture.message
    assert message.isVisible()
    assert "Deleted 3 notes" in message.text()

    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert live_count(demo_window.db) == count
    # The notes are back: "Deleted …" is no longer true, so it is no longer shown; the
    # line says what was undone instead.
    assert "Deleted" not in message.text()
    assert message.text().startswith("Undone: ")


# --- 13. search results are reachable from the keyboard --------------------------------------


@pytest.mark.parametrize("key", [Qt.Key.Key_Down, Qt.Key.Key_Return])
def test_down_or_enter_from_search_goes_to_the_results(qtbot, demo_window, key):
    board = demo_window.board
    press(qtbot, Qt.Key.Key_F, CTRL)
    assert focused() is board.search
    type_text(qtbot, board.search, "skate")
    press(qtbot, key)
    assert isinstance(focused(), CardListView)
    # On the result itself, not the header of the cluster that holds it (which does not match).
    assert _focused_card(board) == "Skate park by the river"
    assert board.search.text() == "skate"


def test_search_ignores_hyphens_and_apostrophes_inside_words(qtbot, demo_window):
    board = demo_window.board
    press(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, board.search, "coop")
    qtbot.waitUntil(lambda: "1 of" in board.total.text())
    press(qtbot, Qt.Key.Key_Down)
    assert _focused_card(board) == "Housing co-op for young families priced out of the village"


def test_altgr_characters_typed_on_the_board_go_to_the_capture_bar(qtbot, demo_window):
    """AltGr arrives as Ctrl+Alt on Windows: "€" typed on the board is typing, not a shortcut."""
    board = demo_window.board
    press(qtbot, Qt.Key.Key_Down)
    view = focused()
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(view, QKeyEvent(kind, Qt.Key.Key_E, CTRL | ALT, "€"))
    assert focused() is board.capture.note_edit
    assert board.capture.note_edit.text() == "€"


def test_whole_note_dialog_error_goes_once_the_facilitator_types(qtbot, demo_window):
    first = demo_window.board.columns[0].view
    click_card(qtbot, first, REGENERATION)
    seen: dict[str, object] = {}

    def in_dialog():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NoteDialog)
        dialog.text.clear()
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
        seen["error shown"] = dialog.error.isVisibleTo(dialog)
        seen["error"] = dialog.error.text()
        dialog.text.setFocus()
        type_text(qtbot, dialog.text, "S")
        seen["error after typing"] = dialog.error.isVisibleTo(dialog)
        dialog.reject()

    QTimer.singleShot(0, in_dialog)
    press(qtbot, Qt.Key.Key_I, CTRL)
    assert seen["error shown"] is True
    assert "words" in str(seen["error"])
    assert seen["error after typing"] is False
    assert REGENERATION in live_texts(demo_window.db)


def test_backspace_on_the_board_never_deletes_a_note(qtbot, demo_window):
    w = demo_window
    before = live_count(w.db)
    click_card(qtbot, w.board.columns[0].view, REGENERATION)
    press(qtbot, Qt.Key.Key_Backspace)
    assert live_count(w.db) == before
    assert "press Delete" in w.board.capture.message.text()
    press(qtbot, Qt.Key.Key_Delete)
    assert live_count(w.db) == before - 1, "Delete still deletes, with undo"


def test_replaced_message_under_a_search_stays_true_and_goes_after_undo(qtbot, demo_window):
    """Under a search, an edit that stops the card matching hides it: the "Replaced … Ctrl+Z"
    line is still true, so it stays; Ctrl+Z brings the old words (and the card) back, and
    the line goes."""
    w = demo_window
    board = w.board
    board.search.setText("regeneration")
    board.flush_search()
    first = board.columns[0].view
    click_card(qtbot, first, REGENERATION)
    press(qtbot, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(focused(), QPlainTextEdit))
    type_text(qtbot, focused(), "needs funding")
    press(qtbot, Qt.Key.Key_Return)
    assert "needs funding" in live_texts(w.db)
    assert "Ctrl+Z" in w.statusBar().currentMessage()
    QApplication.processEvents()
    assert "Ctrl+Z" in w.statusBar().currentMessage()  # hidden by the search, still true
    first.setFocus()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert REGENERATION in live_texts(w.db)
    assert w.statusBar().currentMessage() == ""


def test_deleting_one_note_under_a_search_says_it_once_and_goes_after_undo(qtbot, demo_window):
    board = demo_window.board
    board.search.setText("regeneration")
    board.flush_search()
    first = board.columns[0].view
    click_card(qtbot, first, REGENERATION)
    press(qtbot, Qt.Key.Key_Delete)
    message = board.capture.message
    assert message.text() == "Deleted 1 note. Ctrl+Z undoes."
    board.search.setText("nothing matches this")
    board.flush_search()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert REGENERATION in live_texts(demo_window.db)
    # Back on the board, though the search hides it: the message is no longer true.
    assert "Deleted" not in message.text() and message.text().startswith("Undone: ")
