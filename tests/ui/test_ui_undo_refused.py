"""Undo that would overwrite a newer change is refused: the person is told why, the data and
the undo history stay as they were, and the next Ctrl+Z tries the same action again."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from workshop_app.core.notes import add_note, edit_note
from workshop_app.core.records import take_change
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.ui.undo import JournalCommand, step


def _edit(db, note_id: str, text: str):
    with db.transaction() as s:
        edit_note(s, note_id, text=text)
        return take_change(s)


def _text(db, note_id: str) -> str:
    from workshop_app.store.models import Note

    return db.read(lambda s: s.get(Note, note_id).text)


def test_a_refused_undo_reports_why_and_the_stack_stays_put(db):
    workshop = db.run(lambda s: create_workshop(s, WorkshopFields(title="Rhyl"), "blank"))
    note = db.run(lambda s: add_note(s, workshop.id, "Seafront lights")).id
    stack = QUndoStack()
    errors: list[str] = []

    def push(text: str, change) -> None:
        stack.push(JournalCommand(db, text, change, lambda: None, lambda e: errors.append(str(e))))

    push("Edit note", _edit(db, note, "Seafront lights all winter"))
    push("Edit note", _edit(db, note, "Seafront lights all year"))
    # Another window changes the note after the last action.
    db.run(lambda s: edit_note(s, note, text="Seafront lights, says the council"))

    step(stack, backwards=True)
    assert errors == [
        "This can't be undone: the note was changed since (by another laptop or another window)."
    ]
    assert stack.index() == 2, "the refused action stays the next one to undo"
    assert _text(db, note) == "Seafront lights, says the council"

    # Even when the words are put back by hand, the note carries a newer revision: undo
    # still will not overwrite it, and says so again rather than skipping to an older action.
    db.run(lambda s: edit_note(s, note, text="Seafront lights all year"))
    step(stack, backwards=True)
    assert len(errors) == 2
    assert stack.index() == 2
    assert _text(db, note) == "Seafront lights all year"


def test_undo_then_redo_through_the_stack_check_against_what_the_last_step_left(db):
    workshop = db.run(lambda s: create_workshop(s, WorkshopFields(title="Rhyl"), "blank"))
    note = db.run(lambda s: add_note(s, workshop.id, "Pier repairs")).id
    stack = QUndoStack()
    errors: list[str] = []
    stack.push(
        JournalCommand(db, "Edit", _edit(db, note, "Pier repairs now"), lambda: None, errors.append)
    )
    step(stack, backwards=True)
    assert _text(db, note) == "Pier repairs"
    step(stack, backwards=False)
    assert _text(db, note) == "Pier repairs now"
    step(stack, backwards=True)
    assert _text(db, note) == "Pier repairs"
    assert errors == [] and stack.index() == 0
