"""The whole facilitator path from the keyboard alone, no mouse: capture into themes, stack a
repeat, cluster, write the priority's narrative, and run a dot-vote to its revealed result
(issue "Ship it to every facilitator", point 6)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from test_ui_voting import _open_voting, _people, _rounds, _type_enter, mnemonic
from ui_helpers import activate, focused, load, press, sql, type_text

from workshop_app.ui.card_list import CardListView
from workshop_app.ui.narrative_editor import NarrativeEditor

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _type_note(qtbot, text: str) -> None:
    type_text(qtbot, focused(), text)
    press(qtbot, Qt.Key.Key_Return)


def test_facilitator_path_from_the_keyboard_alone(qtbot, board_window, workshop_id):
    w = board_window
    db = w.db
    _people(db, workshop_id, 3)
    # Capture into the first theme, a repeat stacked from the capture bar, then the second.
    press(qtbot, Qt.Key.Key_1, CTRL)
    for text in ("Buses every 30 minutes", "Sunday buses", "buses every 30 minutes!"):
        _type_note(qtbot, text)
    press(qtbot, Qt.Key.Key_D, CTRL)
    press(qtbot, Qt.Key.Key_2, CTRL)
    _type_note(qtbot, "Warm homes for all")
    board = load(db, workshop_id)
    assert sorted(c.count for c in board.cards.values()) == [1, 1, 2]
    assert focused() is w.board.capture.note_edit

    # Cluster the two bus notes: down into the first theme, Shift+Down, Ctrl+G, a name, Enter.
    press(qtbot, Qt.Key.Key_1, CTRL)
    press(qtbot, Qt.Key.Key_Down)
    view = focused()
    assert isinstance(view, CardListView) and view is w.board.columns[0].view
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Down, SHIFT)
    press(qtbot, Qt.Key.Key_G, CTRL)
    qtbot.waitUntil(lambda: isinstance(focused(), QPlainTextEdit))
    focused().selectAll()
    _type_note(qtbot, "Getting about")
    clusters = sql(db, "SELECT id, name FROM clusters WHERE deleted_at IS NULL")
    assert [c["name"] for c in clusters] == ["Getting about"]
    in_cluster = sql(
        db, "SELECT count(*) AS n FROM notes WHERE cluster_id = :c", c=clusters[0]["id"]
    )
    assert in_cluster[0]["n"] == 3, "both cards, the stacked repeat with its card"

    # The narrative for the cluster: Ctrl+Shift+N, words, Ctrl+S, Esc.
    qtbot.waitUntil(lambda: isinstance(focused(), CardListView))
    view = focused()
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_N, CTRL | SHIFT)
    qtbot.waitUntil(lambda: isinstance(w.board.narrative_editor, NarrativeEditor))
    editor = w.board.narrative_editor
    activate(qtbot, editor)
    qtbot.waitUntil(lambda: focused() is editor.edits["issue"])
    type_text(qtbot, focused(), "The last bus leaves at six.")
    press(qtbot, Qt.Key.Key_S, CTRL)
    qtbot.waitUntil(lambda: bool(sql(db, "SELECT issue FROM narratives")))
    narrative = sql(db, "SELECT issue, target_kind, target_id FROM narratives")[0]
    assert narrative == {
        "issue": "The last bus leaves at six.",
        "target_kind": "cluster",
        "target_id": clusters[0]["id"],
    }
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not editor.isVisible())

    # The vote: open the window, a new round, open it, paper counts, close, reveal.
    activate(qtbot, w)
    dialog = _open_voting(qtbot, w)
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: dialog.setup_dialog is not None and dialog.setup_dialog.isVisible())
    setup = dialog.setup_dialog
    activate(qtbot, setup)
    type_text(qtbot, setup.name, "Priorities")
    qtbot.keyClick(setup.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not setup.isVisible())
    activate(qtbot, dialog)
    mnemonic(qtbot, Qt.Key.Key_O, lambda: _rounds(db)[0]["status"] == "open")
    qtbot.waitUntil(lambda: focused() is dialog.tally.edits[0])
    for count in ("2", "1"):
        _type_enter(qtbot, count)
    mnemonic(qtbot, Qt.Key.Key_L, lambda: _rounds(db)[0]["status"] == "closed")
    mnemonic(qtbot, Qt.Key.Key_V, lambda: _rounds(db)[0]["revealed"] == 1)
    result = dialog.results.result
    assert result is not None and result.lines[0].dots == 2
    assert QApplication.activeModalWidget() in (None, dialog)
