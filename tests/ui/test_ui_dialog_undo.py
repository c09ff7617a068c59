"""One undo path for every window: the voting and participants windows undo through the
session, say what they undid, say truthfully when a step cannot be undone, and keep their
errors to themselves (nothing lands under the board's capture bar)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import activate, capture, live_count, note_by_text, press

from workshop_app.core import voting
from workshop_app.core.consent import ConsentChoices
from workshop_app.core.operations import board as board_ops
from workshop_app.core.operations import people as people_ops
from workshop_app.core.operations import voting as voting_ops
from workshop_app.core.participants import ParticipantFields

CTRL = Qt.KeyboardModifier.ControlModifier


def _open_voting(qtbot, w):
    w.show_voting()
    qtbot.waitUntil(lambda: w.voting is not None and w.voting.isVisible())
    activate(qtbot, w.voting)
    return w.voting


def _round(w, name: str = "Shortlist"):
    board = w.board_model.board
    targets = [("note", c.id) for c in board.cards.values()]
    return w.session.run(
        voting_ops.create_round(w.session.workshop_id, name, targets, 2, None, "", False)
    )


def test_two_steps_on_one_note_undo_one_after_the_other(qtbot, board_window):
    w = board_window
    capture(qtbot, w.board, "Buses every 30 minutes")
    note = note_by_text(w.db, "Buses every 30 minutes")
    w.session.run(board_ops.edit_note(note["id"], "Buses every 20 minutes"))
    assert w.session.undo() == "Edit note"
    assert note_by_text(w.db, "Buses every 30 minutes")["deleted_at"] is None
    assert w.session.undo() == "Add note"
    assert live_count(w.db) == 0
    assert w.session.redo() == "Add note"
    assert w.session.redo() == "Edit note"
    assert note_by_text(w.db, "Buses every 20 minutes")["deleted_at"] is None


def test_voting_window_undo_says_what_it_undid(qtbot, board_window):
    w = board_window
    capture(qtbot, w.board, "Buses every 30 minutes")
    capture(qtbot, w.board, "Skate park by the river")
    made = _round(w)
    dialog = _open_voting(qtbot, w)
    assert [r.name for r in dialog.rounds] == ["Shortlist"]
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert dialog.message.text() == "Undone: New voting round"
    assert dialog.message.objectName() == "registerMessage"  # a confirmation, not an error
    # The window redrew from the change: the round is gone from its list.
    assert dialog.rounds == []
    dialog.redo()
    assert dialog.message.text() == "Redone: New voting round"
    assert [r.id for r in dialog.rounds] == [made.id]


def test_voting_window_says_when_undo_is_refused_and_the_board_stays_quiet(qtbot, board_window):
    w = board_window
    capture(qtbot, w.board, "Buses every 30 minutes")
    capture(qtbot, w.board, "Skate park by the river")
    made = _round(w)
    # Another window (or a merged bundle) changes the round after this action.
    w.db.run(lambda s: voting.set_rules(s, made.id, 1, None, "", False))
    dialog = _open_voting(qtbot, w)
    dialog.undo()
    assert "can't be undone" in dialog.message.text()
    assert dialog.message.objectName() == "captureMessage"  # shown as an error
    assert not dialog.message.text().startswith("Undone")
    assert w.db.read(lambda s: voting.get_round(s, made.id)).dots_per_person == 1
    # Nothing of it under the board's capture bar.
    assert "undone" not in w.board.capture.message.text()
    # The history stays where it was: the step can be retried once settled.
    assert w.session.undo_stack.undoText() == "New voting round"


def test_round_setup_error_stays_in_its_dialog(qtbot, board_window):
    w = board_window
    dialog = _open_voting(qtbot, w)
    setup = dialog.new_round()
    qtbot.waitUntil(setup.isVisible)
    setup.name.setText("Final")
    setup.submit()  # an empty board gives no options
    assert setup.message.isVisible() and setup.message.text()
    assert setup.isVisible()
    assert w.board.capture.message.text() == ""
    assert dialog.message.text() == ""
    setup.reject()


def test_participants_window_undo_says_what_it_undid_or_that_there_is_nothing(qtbot, board_window):
    w = board_window
    w.show_participants()
    qtbot.waitUntil(lambda: w.participants is not None and w.participants.isVisible())
    dialog = w.participants
    dialog.undo()
    assert dialog.message.text() == "Nothing to undo."
    fields = ParticipantFields(area="Llanidloes")
    operation = people_ops.add_participant(w.session.workshop_id, fields, ConsentChoices(), "Ceri")
    w.session.run(operation)
    assert len(dialog.participants) == 1  # redrawn from the change
    dialog.undo()
    assert dialog.message.text() == "Undone: Add participant"
    assert dialog.participants == []
    assert w.board.capture.message.text() == ""
