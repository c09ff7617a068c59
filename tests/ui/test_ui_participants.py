"""The participant register, from the keyboard: adding with consent, refusing a name without it,
withdrawing consent and erasing, each checked in the database itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import activate, focused, press, sql, type_text

from workshop_app.core.consent import ConsentChoices
from workshop_app.core.operations import board as board_ops
from workshop_app.core.participants import (
    CODE_ALPHABET,
    ParticipantFields,
    add_participant,
    withdraw_participant,
)
from workshop_app.ui.main_window import MainWindow
from workshop_app.ui.participant_form import ParticipantForm
from workshop_app.ui.participants_screen import ParticipantsDialog

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_register(qtbot, w: MainWindow) -> ParticipantsDialog:
    press(qtbot, Qt.Key.Key_P, CTRL_SHIFT)
    qtbot.waitUntil(lambda: w.participants is not None and w.participants.isVisible())
    dialog = w.participants
    assert dialog is not None
    activate(qtbot, dialog)
    qtbot.waitUntil(lambda: focused() is dialog.list)
    return dialog


def open_add_form(qtbot, dialog: ParticipantsDialog) -> ParticipantForm:
    press(qtbot, Qt.Key.Key_Insert)
    qtbot.waitUntil(lambda: dialog.form is not None and dialog.form.isVisible())
    form = dialog.form
    assert form is not None
    activate(qtbot, form)
    qtbot.waitUntil(lambda: focused() is form.boxes["take_part"])
    return form


def tab_to(qtbot, widget, limit: int = 30) -> None:
    for _ in range(limit):
        if focused() is widget:
            return
        press(qtbot, Qt.Key.Key_Tab)
    assert focused() is widget, f"Tab never reached {widget.accessibleName()!r}"


def people(db) -> list[dict]:
    return sql(db, "SELECT * FROM participants ORDER BY created_at")


def consents(db) -> list[dict]:
    return sql(db, "SELECT * FROM consents WHERE story_id IS NULL ORDER BY created_at")


def test_menu_action_only_with_a_board_open(window, workshop_id):
    w = window()
    assert not w.act_participants.isEnabled()
    assert w.act_participants.shortcut().toString() == "Ctrl+Shift+P"


def test_add_participant_with_consent_from_the_keyboard(qtbot, board_window, db):
    w = board_window
    dialog = open_register(qtbot, w)
    assert dialog.empty_hint.isVisible()
    form = open_add_form(qtbot, dialog)
    # Every consent box starts unticked, and the name waits for consent to take part.
    assert not any(box.isChecked() for box in form.boxes.values())
    assert form.quote.currentData() == "no"
    assert not form.name.isEnabled() and form.hint.isVisible()
    press(qtbot, Qt.Key.Key_Space)
    assert form.boxes["take_part"].isChecked() and form.name.isEnabled()
    tab_to(qtbot, form.quote)
    form.quote.setFocus()
    for _ in range(form.quote.findData("first_name")):
        press(qtbot, Qt.Key.Key_Down)
    assert form.quote.currentData() == "first_name"
    tab_to(qtbot, form.name)
    type_text(qtbot, form.name, "Siân Evans")
    assert not form.email.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not form.isVisible())

    rows = people(db)
    assert len(rows) == 1
    person = rows[0]
    assert person["name"] == "Siân Evans"
    assert len(person["code"]) == 4 and all(ch in CODE_ALPHABET for ch in person["code"])
    (consent,) = consents(db)
    assert consent["participant_id"] == person["id"]
    assert consent["take_part"] and consent["quote"] == "first_name"
    assert not (consent["photo"] or consent["contact"] or consent["use_report"])
    assert consent["wording_version"] and consent["withdrawn_at"] is None
    # The register shows them, and the add is one undoable step.
    assert dialog.list.topLevelItemCount() == 1
    item = dialog.list.topLevelItem(0)
    assert item.text(0) == person["code"] and item.text(1) == "Siân Evans"
    assert item.text(2) == "Taking part · quote: first name"
    assert w.session.undo_stack.canUndo()
    qtbot.waitUntil(lambda: focused() is dialog.list)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_name_without_consent_to_take_part_is_not_saved(qtbot, board_window, db):
    dialog = open_register(qtbot, board_window)
    form = open_add_form(qtbot, dialog)
    press(qtbot, Qt.Key.Key_Space)
    tab_to(qtbot, form.name)
    type_text(qtbot, form.name, "Dai Jones")
    form.boxes["take_part"].setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert not form.boxes["take_part"].isChecked()
    assert not form.name.isEnabled() and "Take part" in form.hint.text()
    press(qtbot, Qt.Key.Key_Return)

    assert form.isVisible(), "the form stays open"
    assert form.error.isVisible()
    assert "consent to take part" in form.error.text()
    assert form.name.text() == "Dai Jones", "nothing typed is lost"
    assert people(db) == [] and consents(db) == []
    assert board_window.session.undo_stack.count() == 0
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not form.isVisible())


def _seed(db, workshop_id: str, name: str, **consent) -> str:
    info = db.run(
        lambda s: add_participant(
            s,
            workshop_id,
            ParticipantFields(name=name),
            ConsentChoices(take_part=True, **consent),
            "Sam Rees",
        )
    )
    return info.id


def test_withdraw_consent_blanks_the_name(qtbot, board_window, db, workshop_id):
    person_id = _seed(db, workshop_id, "Gwen Hughes", quote="full_name", contact=True)
    dialog = open_register(qtbot, board_window)
    assert dialog.list.topLevelItem(0).text(1) == "Gwen Hughes"
    assert dialog.withdraw_button.isEnabled()
    # The mnemonic, as a user presses it.
    qtbot.keyClick(dialog, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)
    # A mnemonic "animates" the click: it lands a moment later.
    qtbot.waitUntil(lambda: "withdrawn" in dialog.message.text())

    (row,) = sql(db, "SELECT * FROM participants WHERE id = :i", i=person_id)
    assert (row["name"], row["email"], row["phone"]) == ("", "", "")
    (consent,) = consents(db)
    assert consent["withdrawn_at"] is not None
    item = dialog.list.topLevelItem(0)
    assert item.text(1) == "(no name kept)"
    assert "withdrawn" in item.text(2).lower()
    assert not dialog.withdraw_button.isEnabled()
    # Withdrawal is undoable from the register itself.
    qtbot.waitUntil(lambda: focused() is dialog.list)
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    (row,) = sql(db, "SELECT * FROM participants WHERE id = :i", i=person_id)
    assert row["name"] == "Gwen Hughes"
    assert dialog.list.topLevelItem(0).text(1) == "Gwen Hughes"


def test_erase_deleting_their_words_leaves_a_blank_tombstone(qtbot, board_window, db, workshop_id):
    w = board_window
    person_id = _seed(db, workshop_id, "Rhys Morgan", quote="first_name")
    # Something undoable first, which must not survive the erasure.
    theme = w.board_model.theme_ids()[0]
    w.session.run(board_ops.add_note(workshop_id, "More buses on Sundays", theme))
    assert w.session.undo_stack.canUndo()
    dialog = open_register(qtbot, w)
    qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: dialog.confirm is not None and dialog.confirm.isVisible())
    box = dialog.confirm
    assert isinstance(box, QMessageBox)
    activate(qtbot, box)
    assert box.defaultButton() is box.escapeButton(), "Enter alone does not erase"
    qtbot.keyClick(box, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: not box.isVisible())

    (row,) = sql(db, "SELECT * FROM participants WHERE id = :i", i=person_id)
    assert row["name"] == "" and row["area"] == "" and row["email"] == ""
    assert row["deleted_at"] is not None and row["erased_at"] is not None
    assert all(c["deleted_at"] is not None for c in consents(db))
    assert w.session.undo_stack.count() == 0
    assert dialog.list.topLevelItemCount() == 0
    assert b"Rhys Morgan" not in Path(db.path).read_bytes()


def test_screenshot_of_register(qtbot, board_window, db, workshop_id):
    ids = [
        _seed(db, workshop_id, "Siân Evans", quote="first_name"),
        _seed(
            db,
            workshop_id,
            "Mohammed Al-Sayed",
            quote="first_name_area",
            contact=True,
            use_report=True,
        ),
        _seed(db, workshop_id, "", quote="anonymous", photo=True, use_publicity=True),
        _seed(db, workshop_id, "Gwen Hughes", quote="full_name"),
    ]
    db.run(lambda s: withdraw_participant(s, ids[3], "Sam Rees"))
    dialog = open_register(qtbot, board_window)
    assert dialog.list.topLevelItemCount() == 4
    dialog.show_message("Added 7KQ3: write this code on their card. Ctrl+Z undoes.")
    QApplication.processEvents()
    shots = Path("/tmp/shots")
    shots.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(shots / "participants.png"))
    form = dialog.edit_current()
    assert form is not None
    qtbot.waitUntil(form.isVisible)
    QApplication.processEvents()
    assert form.grab().save(str(shots / "participant_form.png"))
    form.reject()
    add = dialog.add()
    qtbot.waitUntil(add.isVisible)
    add.name.setText("Dai Jones")
    add.try_save()
    assert add.error.isVisible()
    QApplication.processEvents()
    assert add.grab().save(str(shots / "participant_form_error.png"))
    add.reject()
    box = dialog.erase_current()
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    QApplication.processEvents()
    assert box.grab().save(str(shots / "participant_erase.png"))
    box.reject()


def test_erasing_while_another_window_reads_says_the_file_is_cleaned_later(
    qtbot, board_window, db, workshop_id
):
    """Another program holding a read open keeps the old bytes in the WAL for a while: the
    person erasing is told so, rather than told it is all gone."""
    import sqlite3

    w = board_window
    _seed(db, workshop_id, "Rhys Morgan", quote="first_name")
    reader = sqlite3.connect(db.path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM participants").fetchone()
    try:
        dialog = open_register(qtbot, w)
        qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: dialog.confirm is not None and dialog.confirm.isVisible())
        box = dialog.confirm
        activate(qtbot, box)
        qtbot.keyClick(box, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: not box.isVisible())
        assert "erased" in dialog.message.text()
        assert "cleaned when that window closes" in dialog.message.text()
    finally:
        reader.rollback()
        reader.close()


def test_a_scanned_card_picks_its_person_in_the_register(qtbot, board_window, db, workshop_id):
    """A USB QR scanner types the card's text and Enter into whatever has the focus: in the
    register that picks the person; a typed code does the same; a card for another workshop
    or an unknown code says so (issue "Paper the room can take home", point 3)."""
    from workshop_app.core.cards import card_text

    ids = [_seed(db, workshop_id, name) for name in ("Ann", "Bryn", "Cai")]
    codes = {p["id"]: p["code"] for p in people(db)}
    dialog = open_register(qtbot, board_window)
    # The scanner types into the list, which has the focus.
    qtbot.keyClicks(dialog.list, card_text(workshop_id, codes[ids[2]]))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert dialog.current_id() == ids[2]
    assert focused() is dialog.list
    assert "Found" in dialog.message.text()
    # A code typed by hand, in any case and spacing.
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, focused(), codes[ids[1]].lower()[:2] + " " + codes[ids[1]].lower()[2:])
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    assert dialog.current_id() == ids[1]
    # Another workshop's card, and a code nobody here has.
    other = "0" * 8 + "-0000-4000-8000-" + "0" * 12
    qtbot.keyClicks(dialog.list, card_text(other, codes[ids[0]]))
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert "another workshop" in dialog.message.text()
    assert dialog.current_id() == ids[1], "nothing picked"
    dialog.finder.edit.setText("ZZZZ")
    qtbot.keyClick(dialog.finder.edit, Qt.Key.Key_Return)
    assert "No one in this register has the code ZZZZ" in dialog.message.text()


@pytest.mark.parametrize("width", [320, 200, 130])
def test_the_find_box_hint_is_never_cut_off(qtbot, board_window, width):
    """At 1280×720 with 125% scaling the box is narrow: a shorter hint shows whole."""
    dialog = open_register(qtbot, board_window)
    edit = dialog.finder.edit
    edit.setFixedWidth(width)
    qtbot.waitUntil(lambda: edit.width() == width)
    hint = edit.placeholderText()
    assert hint.startswith("Find by code")
    assert edit.fontMetrics().horizontalAdvance(hint) < width - 20
