"""The new/edit workshop dialog: every field saved, the follow-up address and contact phone
kept through an edit, errors shown in the dialog, and the change undoable like any action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from ui_helpers import press, sql

from workshop_app.ui.workshop_dialog import WorkshopDialog

CTRL = Qt.KeyboardModifier.ControlModifier
FOLLOW_UP = "https://llani.example/you-said-we-did"
PHONE = "01686 412 000"


def _when_dialog_opens(qtbot, act: Callable[[WorkshopDialog], None]) -> list[str]:
    """Run `act` on the workshop dialog once it is open (exec() blocks the test otherwise).
    If the dialog comes back with an error, that error is returned and the dialog cancelled."""
    seen: list[str] = []
    acted: list[WorkshopDialog] = []

    def watch(tries: int = 0) -> None:
        dialog = QApplication.activeModalWidget()
        if acted and dialog is not acted[0]:
            return  # that dialog is done with: stop watching
        if isinstance(dialog, WorkshopDialog) and dialog.isVisible():
            if not acted:
                acted.append(dialog)
                act(dialog)
            elif dialog.error.isVisible():
                seen.append(dialog.error.text())
                dialog.reject()
                return
        if tries < 150:
            QTimer.singleShot(20, lambda: watch(tries + 1))

    QTimer.singleShot(0, watch)
    return seen


def _save(dialog: WorkshopDialog) -> None:
    """Click Save, the way a facilitator does."""
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_a_new_workshop_keeps_every_field_and_opens_its_board(qtbot, window, db):
    w = window()

    def fill(dialog: WorkshopDialog) -> None:
        assert dialog.windowTitle()
        dialog.title.setText("Rhayader — what next for the high street?")
        dialog.place.setText("Rhayader")
        dialog.facilitators.setText("Ceri, Dafydd")
        dialog.follow_up.setText(FOLLOW_UP)
        dialog.phone.setText(PHONE)
        _save(dialog)

    _when_dialog_opens(qtbot, fill)
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: w.board is not None and w.board.isVisible())
    row = sql(db, "SELECT * FROM workshops")[0]
    assert row["title"] == "Rhayader — what next for the high street?"
    assert row["follow_up_url"] == FOLLOW_UP
    assert row["contact_phone"] == PHONE
    assert row["facilitators"] == "Ceri, Dafydd"
    assert w.board.title.text() == "Rhayader — what next for the high street?"
    assert "Rhayader" in w.windowTitle()
    assert w.saved_label.text().startswith("Saved at")


def test_a_bad_follow_up_address_is_said_in_the_dialog_not_on_a_board(qtbot, board_window, db):
    w = board_window

    def fill(dialog: WorkshopDialog) -> None:
        dialog.follow_up.setText("our website")
        _save(dialog)

    seen = _when_dialog_opens(qtbot, fill)
    w.act_details.trigger()
    assert seen and "is not a web address" in seen[0]
    # The board's message line (under the capture bar) says nothing of it.
    assert not w.board.capture.message.isVisible() or "web address" not in (
        w.board.capture.message.text()
    )
    assert sql(db, "SELECT follow_up_url FROM workshops")[0]["follow_up_url"] == ""
    assert w.session.undo_stack.count() == 0


def test_editing_details_keeps_follow_up_and_phone_and_undo_puts_the_title_back(
    qtbot, board_window, db, workshop_id
):
    w = board_window
    original = sql(db, "SELECT title FROM workshops")[0]["title"]
    with db.engine.begin() as conn:
        from sqlalchemy import text

        conn.execute(
            text("UPDATE workshops SET follow_up_url = :u, contact_phone = :p"),
            {"u": FOLLOW_UP, "p": PHONE},
        )
    prefilled: list[tuple[str, str]] = []

    def rename(dialog: WorkshopDialog) -> None:
        prefilled.append((dialog.follow_up.text(), dialog.phone.text()))
        dialog.title.setText("Llanidloes town hall (second evening)")
        _save(dialog)

    _when_dialog_opens(qtbot, rename)
    w.act_details.trigger()
    assert prefilled == [(FOLLOW_UP, PHONE)]
    row = sql(db, "SELECT * FROM workshops")[0]
    assert row["title"] == "Llanidloes town hall (second evening)"
    assert (row["follow_up_url"], row["contact_phone"]) == (FOLLOW_UP, PHONE)
    assert w.board.title.text() == "Llanidloes town hall (second evening)"
    assert "second evening" in w.windowTitle()
    assert w.session.undo_stack.undoText() == "Edit workshop details"

    w.undo_action.trigger()
    row = sql(db, "SELECT * FROM workshops")[0]
    assert row["title"] == original
    assert (row["follow_up_url"], row["contact_phone"]) == (FOLLOW_UP, PHONE)
    qtbot.waitUntil(lambda: w.board.title.text() == original)


def test_archiving_from_the_home_screen_goes_through_the_session(qtbot, window, db, workshop_id):
    w = window()
    assert w.home.list.count() == 1
    w.archive_workshop(workshop_id, True)
    assert sql(db, "SELECT archived_at FROM workshops")[0]["archived_at"] is not None
    assert w.home.list.count() == 0
    assert w.session.undo_stack.undoText() == "Archive workshop"
    assert w.saved_label.text().startswith("Saved at")
    w.session.undo()
    assert sql(db, "SELECT archived_at FROM workshops")[0]["archived_at"] is None
