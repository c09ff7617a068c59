"""Clustering, moving and walking the board with the keyboard alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from ui_helpers import capture, click_card, load, model_texts, note_by_text, press, sql, type_text

from workshop_app.ui.column_model import ROW_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier

NOTES = ("Buses every 30 minutes", "Sunday buses!", "Safe cycle route to the college")


def _board_with_notes(qtbot, w):
    for text in NOTES:
        capture(qtbot, w.board, text)
    view = w.board.columns[0].view
    assert model_texts(view) == list(NOTES)
    return view


def test_ctrl_g_groups_selected_cards_and_names_the_cluster(qtbot, board_window, workshop_id):
    w = board_window
    db = w.db
    view = _board_with_notes(qtbot, w)
    # Into the board from the keyboard: focus the column, first card current, Shift+Down.
    view.setFocus()
    view.setCurrentIndex(view.model().index(0, 0))
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    assert [r.card.text for r in view.selected_rows()] == list(NOTES[:2])

    press(qtbot, Qt.Key.Key_G, CTRL)
    clusters = sql(db, "SELECT * FROM clusters WHERE deleted_at IS NULL")
    assert len(clusters) == 1
    cluster_id = clusters[0]["id"]
    for text in NOTES[:2]:
        assert note_by_text(db, text)["cluster_id"] == cluster_id
    assert note_by_text(db, NOTES[2])["cluster_id"] is None
    # The header row leads the column, its cards under it, the loose card last.
    assert model_texts(view) == [f"[{NOTES[0]}]", *NOTES]

    # The name editor opens on the new cluster's header straight away.
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPlainTextEdit))
    assert view.currentIndex().data(ROW_ROLE).id == cluster_id
    editor = QApplication.focusWidget()
    assert editor.toPlainText() == NOTES[0]
    type_text(qtbot, editor, "Getting about")
    press(qtbot, Qt.Key.Key_Return)
    assert sql(db, "SELECT name FROM clusters WHERE id = :i", i=cluster_id)[0]["name"] == (
        "Getting about"
    )
    assert load(db, workshop_id).clusters[cluster_id].name == "Getting about"
    assert model_texts(view)[0] == "[Getting about]"
    qtbot.waitUntil(lambda: view.hasFocus())

    # Ctrl+Shift+G on a clustered card takes it out again.
    view.setCurrentIndex(view.model().index(2, 0))  # "Sunday buses!"
    assert view.currentIndex().data(ROW_ROLE).card.text == "Sunday buses!"
    press(qtbot, Qt.Key.Key_G, CTRL | SHIFT)
    assert note_by_text(db, "Sunday buses!")["cluster_id"] is None
    assert note_by_text(db, NOTES[0])["cluster_id"] == cluster_id
    assert load(db, workshop_id).cards[note_by_text(db, "Sunday buses!")["id"]].cluster_id is None
    rows = [view.model().index(i, 0).data(ROW_ROLE) for i in range(view.model().rowCount())]
    assert [(r.kind, r.in_cluster) for r in rows] == [
        ("cluster", False),
        ("card", True),
        ("card", False),
        ("card", False),
    ]


def test_cluster_name_enter_with_empty_name_is_refused(qtbot, board_window, workshop_id):
    w = board_window
    view = _board_with_notes(qtbot, w)
    click_card(qtbot, view, NOTES[0])
    click_card(qtbot, view, NOTES[2], Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPlainTextEdit))
    press(qtbot, Qt.Key.Key_Backspace)
    press(qtbot, Qt.Key.Key_Return)
    # The cluster keeps its suggested name and the user is told why.
    names = [r["name"] for r in sql(w.db, "SELECT name FROM clusters")]
    assert names == [NOTES[0]]
    assert "needs a name" in w.board.capture.message.text()
    assert {note_by_text(w.db, t)["cluster_id"] for t in (NOTES[0], NOTES[2])} != {None}


def test_alt_right_moves_card_to_next_theme(qtbot, board_window, workshop_id):
    w = board_window
    db = w.db
    themes = load(db, workshop_id).themes
    view = _board_with_notes(qtbot, w)
    click_card(qtbot, view, "Safe cycle route to the college")
    press(qtbot, Qt.Key.Key_Right, ALT)
    assert note_by_text(db, "Safe cycle route to the college")["theme_id"] == themes[1].id
    second = w.board.view_for_theme(themes[1].id)
    assert model_texts(second) == ["Safe cycle route to the college"]
    assert model_texts(w.board.view_for_theme(themes[0].id)) == list(NOTES[:2])
    # The card keeps the keyboard: it is selected in its new column.
    assert second.hasFocus()
    assert second.currentIndex().data(ROW_ROLE).card.text == "Safe cycle route to the college"
    # And Alt+Left takes it back.
    press(qtbot, Qt.Key.Key_Left, ALT)
    assert note_by_text(db, "Safe cycle route to the college")["theme_id"] == themes[0].id
    # Alt+3 sends it straight to the third theme.
    press(qtbot, Qt.Key.Key_3, ALT)
    assert note_by_text(db, "Safe cycle route to the college")["theme_id"] == themes[2].id


def test_left_right_arrows_move_focus_between_columns(qtbot, board_window, workshop_id):
    w = board_window
    board = w.board
    themes = load(w.db, workshop_id).themes
    capture(qtbot, board, "Council should buy local food")
    press(qtbot, Qt.Key.Key_2, CTRL)
    capture(qtbot, board, "Heat pump grants people understand")
    first = board.view_for_theme(themes[0].id)
    second = board.view_for_theme(themes[1].id)
    third = board.view_for_theme(themes[2].id)
    click_card(qtbot, first, "Council should buy local food")

    press(qtbot, Qt.Key.Key_Right)
    assert second.hasFocus()
    assert second.currentIndex().data(ROW_ROLE).card.text == "Heat pump grants people understand"
    press(qtbot, Qt.Key.Key_Right)
    assert third.hasFocus()  # an empty column still takes the focus
    press(qtbot, Qt.Key.Key_Left)
    press(qtbot, Qt.Key.Key_Left)
    assert first.hasFocus()
    press(qtbot, Qt.Key.Key_Left)  # already leftmost: stays
    assert first.hasFocus()
    # Escape leaves the board for the capture bar.
    press(qtbot, Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is board.capture.note_edit
    # Nothing on the board changed while walking it.
    assert note_by_text(w.db, "Council should buy local food")["theme_id"] == themes[0].id
