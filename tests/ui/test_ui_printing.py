"""File > Print in the app: each document is asked for from the keyboard, built off the main
thread and shown in a preview whose Save as PDF… writes a real PDF; Cancel leaves no file;
walk-in codes join the register only once their cards are saved; a failed save says so in one
line and changes nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from print_helpers import (
    WAIT_MS,
    page_size,
    pdf_text,
    save_from_preview,
    save_to,
    wait_preview,
)
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog, QPushButton

from workshop_app.core import demo, voting
from workshop_app.core.notes import add_note
from workshop_app.core.participants import list_participants
from workshop_app.ui.print_preview import PreviewDialog
from workshop_app.ui.printing_actions import ChoiceDialog, PrintController, safe_file_name

TITLE = demo.DEMO_TITLE


@pytest.fixture
def demo_id(db) -> str:
    return db.run(demo.create_demo_workshop).id


@pytest.fixture
def open_window(window, demo_id):
    # The session of the open workshop is all printing needs (the board is not shown).
    w = window()
    w.session.open_workshop(demo_id)
    return w


@pytest.fixture
def printer(open_window) -> PrintController:
    return PrintController(open_window.session, open_window)


def register(db, workshop_id: str) -> list[str]:
    return [p.code for p in db.read(lambda s: list_participants(s, workshop_id))]


def no_leftovers(folder: Path) -> bool:
    return not list(folder.glob(".print-*"))


def test_cards_with_walk_ins_are_saved_then_their_codes_join_the_register(
    qtbot, monkeypatch, tmp_path, db, demo_id, open_window, printer
):
    before = register(db, demo_id)
    out = tmp_path / "cards.pdf"
    suggested = save_to(monkeypatch, out)

    printer.print_cards()
    dialog = printer.dialog
    assert dialog is not None and dialog.isVisible()
    spin = dialog.field
    qtbot.waitUntil(lambda: QApplication.focusWidget() is spin)
    assert spin.value() == 0 and spin.accessibleName() == "Blank cards for walk-ins"
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    qtbot.keyClick(spin, Qt.Key.Key_Up)
    preview = wait_preview(qtbot, printer, lambda: qtbot.keyClick(spin, Qt.Key.Key_Return))
    # Previewing alone hands nothing out: the walk-in codes are not in the register yet.
    assert register(db, demo_id) == before
    save_from_preview(qtbot, printer, preview)

    # The save dialog offered "<title> - cards.pdf" (title made safe) in a real folder.
    assert Path(suggested[0]).name == f"{safe_file_name(TITLE)} - cards.pdf"
    assert Path(suggested[0]).parent.is_dir()
    text = pdf_text(out)
    assert TITLE in text
    after = register(db, demo_id)
    walk_ins = [code for code in after if code not in before]
    assert len(walk_ins) == 2 and after[: len(before)] == before
    squashed = "".join(text.split())  # codes are printed letter-spaced
    for code in walk_ins:
        assert f"Walk-in:yourcode{code}" in squashed  # exactly the codes printed on the cards
    message = open_window.statusBar().currentMessage()
    assert str(out) in message and all(code in message for code in walk_ins)
    assert f"{len(before) + 2} participant cards" in message
    assert open_window.session.undo_stack.undoText() == "Add 2 walk-in cards"
    # An ordinary document: readable by others as any saved file is (umask), not 0600.
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    assert no_leftovers(tmp_path)


def test_a_save_that_fails_says_so_in_one_line_and_adds_no_walk_ins(
    qtbot, monkeypatch, tmp_path, db, demo_id, printer
):
    before = register(db, demo_id)
    out = tmp_path / "no such folder" / "cards.pdf"
    save_to(monkeypatch, out)
    printer.print_cards()
    printer.dialog.field.setValue(3)
    preview = wait_preview(qtbot, printer, printer.dialog.accept)
    with qtbot.waitSignal(printer.failed, timeout=WAIT_MS) as failed:
        preview.save_button.click()

    message = failed.args[0]
    assert "\n" not in message and "does not exist" in message
    box = preview.error_box
    assert box is not None and box.isVisible() and box.text() == message
    assert box.icon() == QMessageBox.Icon.Warning
    assert not out.exists()
    assert register(db, demo_id) == before
    assert not printer.session.undo_stack.canUndo()


def test_welcome_sheet_as_an_a5_handout(qtbot, monkeypatch, tmp_path, printer, open_window):
    out = tmp_path / "welcome"  # no extension typed: .pdf is added
    suggested = save_to(monkeypatch, out)
    printer.print_welcome()
    combo = printer.dialog.field
    qtbot.waitUntil(lambda: QApplication.focusWidget() is combo)
    assert combo.currentText() == "A4 poster"
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentText() == "A5 handout"
    preview = wait_preview(qtbot, printer, lambda: qtbot.keyClick(combo, Qt.Key.Key_Return))
    save_from_preview(qtbot, printer, preview)

    written = tmp_path / "welcome.pdf"
    assert Path(suggested[0]).name == f"{safe_file_name(TITLE)} - welcome sheet.pdf"
    assert TITLE in pdf_text(written)
    assert page_size(written) == (420, 595)  # A5 portrait, in points
    assert str(written) in open_window.statusBar().currentMessage()


def test_results_sheet_defaults_to_the_latest_closed_round(
    qtbot, monkeypatch, tmp_path, db, demo_id, printer
):
    def close_final(s):
        voting.close_round(s, voting.find_round(s, demo_id, "Final: what first?").id)

    db.run(close_final)
    out = tmp_path / "results.pdf"
    save_to(monkeypatch, out)
    printer.print_results_sheet()
    combo = printer.dialog.field
    # Only closed rounds are offered, the latest chosen.
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Shortlist",
        "Final: what first?",
    ]
    assert combo.currentText() == "Final: what first?"
    preview = wait_preview(qtbot, printer, printer.dialog.accept)
    save_from_preview(qtbot, printer, preview)
    text = pdf_text(out)
    assert TITLE in text and "Final: what first?" in text and "Shortlist" not in text


def test_results_sheet_without_a_closed_round_explains(qtbot, tmp_path, db, window):
    from workshop_app.core.workshops import WorkshopFields, create_workshop

    info = db.run(lambda s: create_workshop(s, WorkshopFields(title="No votes yet")))
    w = window()
    w.session.open_workshop(info.id)
    printer = PrintController(w.session, w)
    printer.print_results_sheet()
    assert printer.dialog is None
    assert printer.error_box is not None
    assert printer.error_box.text() == (
        "No voting round is closed yet: close a round to print its results."
    )


def test_report_on_us_letter_shows_progress_and_keeps_the_window_live(
    qtbot, monkeypatch, tmp_path, printer, open_window
):
    out = tmp_path / "report.pdf"
    suggested = save_to(monkeypatch, out)
    printer.print_report()
    combo = printer.dialog.field
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == "letter"

    def go_on() -> None:
        printer.dialog.accept()
        assert printer.job is not None  # built on its worker thread, not here

    preview = wait_preview(qtbot, printer, go_on)
    save_from_preview(qtbot, printer, preview)

    assert Path(suggested[0]).name == f"{safe_file_name(TITLE)} - report.pdf"
    reader = PdfReader(str(out))
    assert reader.metadata.title == f"Workshop report: {TITLE}"
    assert page_size(out) == (612, 792)
    assert TITLE in pdf_text(out)
    assert printer.job is None  # ready for the next document


def test_cancelling_the_report_leaves_no_file(qtbot, tmp_path, db, demo_id, printer, open_window):
    def many_notes(s):
        for i in range(1500):
            add_note(s, demo_id, f"Note {i}: more buses in the evening, and a library that opens")

    db.run(many_notes)
    out = tmp_path / "report.pdf"
    job = printer.report_to(out, "a4")
    assert job is not None
    seen: list[tuple[int, int]] = []

    def first_progress(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) == 1:
            # The person presses Cancel on the progress dialog while the report is built.
            assert isinstance(job.dialog, QProgressDialog)
            job.cancel_button.click()

    job.thread.progressed.connect(first_progress)
    with qtbot.waitSignal(printer.cancelled, timeout=WAIT_MS):
        pass
    # Progress arrived while the worker ran: the main thread kept handling events.
    assert seen and seen[0][0] < seen[0][1]
    assert not out.exists() and no_leftovers(tmp_path)
    assert "cancelled" in open_window.statusBar().currentMessage()
    assert printer.error_box is None


def test_the_choice_dialog_is_keyboard_and_screen_reader_friendly(printer):
    printer.print_report()
    dialog = printer.dialog
    assert dialog.accessibleName() == "Workshop report"
    assert dialog.field.accessibleName() == "Paper"
    names = {b.accessibleName() for b in dialog.findChildren(QPushButton)}
    assert names == {"Preview", "Cancel"}
    dialog.reject()
    assert not dialog.isVisible() and printer.job is None


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Our place, our priorities (demo)", "Our place, our priorities (demo)"),
        ('Fish/chips: "best" <b>?', "Fish-chips best b"),
        ("..\\secret.", "secret"),
        ("Llanidloes\nTown hall\t2026", "Llanidloes Town hall 2026"),
        ("///", "Workshop"),
        ("Ŵyl Ffordd Gŵyr ✨", "Ŵyl Ffordd Gŵyr ✨"),
        ("x" * 300, "x" * 80),
    ],
)
def test_workshop_titles_become_safe_file_names(title, expected):
    assert safe_file_name(title) == expected


def test_file_print_offers_the_four_documents_once_a_workshop_is_open(
    qtbot, monkeypatch, tmp_path, window, demo_id
):
    w = window()
    file_menu = w.print_menu.menuAction().associatedObjects()[0]
    file_menu.aboutToShow.emit()
    assert not w.print_menu.isEnabled()  # nothing to print on the list of workshops
    assert [a.text() for a in w.print_menu.actions()] == [
        "Participant &cards…",
        "&Welcome sheet…",
        "&Results sheet…",
        "Workshop &report…",
    ]
    w.open_workshop(demo_id)
    file_menu.aboutToShow.emit()
    assert w.print_menu.isEnabled()

    out = tmp_path / "welcome.pdf"
    save_to(monkeypatch, out)
    w.print_menu.actions()[1].trigger()
    dialog = w.findChild(ChoiceDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Welcome sheet"
    dialog.accept()
    # The welcome sheet opens in its preview; Save as PDF… writes it.
    qtbot.waitUntil(lambda: w.findChild(PreviewDialog) is not None, timeout=WAIT_MS)
    preview = w.findChild(PreviewDialog)
    qtbot.waitUntil(preview.isVisible, timeout=WAIT_MS)
    assert preview.windowTitle() == "Preview: Welcome sheet"
    preview.save_button.click()
    assert TITLE in pdf_text(out)
    qtbot.waitUntil(lambda: str(out) in w.statusBar().currentMessage(), timeout=WAIT_MS)


def test_the_voting_window_prints_a_closed_rounds_results_sheet(
    qtbot, monkeypatch, tmp_path, open_window
):
    from workshop_app.ui.board_model import BoardModel
    from workshop_app.ui.voting_screen import VotingDialog

    w = open_window
    voting_window = VotingDialog(w.session, BoardModel(w.session, w), [], None, w)
    qtbot.addWidget(voting_window)
    voting_window.show()
    # The open final round has nothing to print yet.
    voting_window.select_round(voting_window.rounds[-1].id)
    assert voting_window.current().name == "Final: what first?"
    assert not voting_window.print_button.isVisible()
    voting_window.select_round(voting_window.rounds[0].id)
    assert voting_window.current().name == "Shortlist"
    assert voting_window.print_button.isVisible()
    assert voting_window.print_button.accessibleName() == "Print results sheet"

    out = tmp_path / "shortlist.pdf"
    suggested = save_to(monkeypatch, out)
    qtbot.mouseClick(voting_window.print_button, Qt.MouseButton.LeftButton)
    # The sheet of that round opens in its preview, over the voting window.
    qtbot.waitUntil(lambda: voting_window.findChild(PreviewDialog) is not None, timeout=WAIT_MS)
    preview = voting_window.findChild(PreviewDialog)
    qtbot.waitUntil(preview.isVisible, timeout=WAIT_MS)
    preview.save_button.click()
    qtbot.waitUntil(lambda: voting_window.message.text().startswith("Saved"), timeout=WAIT_MS)
    assert Path(suggested[0]).name == f"{safe_file_name(TITLE)} - results.pdf"
    text = pdf_text(out)
    assert TITLE in text and "Shortlist" in text
    assert voting_window.message.text() == f"Saved the results sheet of Shortlist to {out}"
    voting_window.close()


def test_a_document_that_cannot_be_built_says_why_and_writes_nothing(qtbot, tmp_path, db, window):
    from workshop_app.core.workshops import WorkshopFields, create_workshop

    fields = WorkshopFields(title="Long link", follow_up_url="https://example.org/" + "a" * 1500)
    info = db.run(lambda s: create_workshop(s, fields))
    w = window()
    w.session.open_workshop(info.id)
    printer = PrintController(w.session, w)
    out = tmp_path / "welcome.pdf"
    with qtbot.waitSignal(printer.failed, timeout=WAIT_MS) as failed:
        printer.welcome_to(out)
    assert "follow-up address is too long" in failed.args[0] and "\n" not in failed.args[0]
    assert printer.error_box.text() == failed.args[0]
    assert not out.exists() and no_leftovers(tmp_path)


def test_closing_the_window_mid_report_stops_the_worker_and_leaves_no_file(
    tmp_path, db, demo_id, open_window, printer
):
    def many_notes(s):
        for i in range(1500):
            add_note(s, demo_id, f"Note {i}: a bus shelter at the top of the hill, and benches")

    db.run(many_notes)
    out = tmp_path / "report.pdf"
    job = printer.report_to(out)
    assert job is not None and job.thread.isRunning()
    open_window.close()
    assert job.thread.isFinished()  # no worker outlives the window
    assert not out.exists() and no_leftovers(tmp_path)


def test_the_results_sheet_is_offered_once_the_round_is_revealed(qtbot, open_window, monkeypatch):
    """Printing the results before the room has seen them would show them on the facilitator's
    screen early: the button comes with Reveal, not with Close."""
    from PySide6.QtWidgets import QMessageBox

    from workshop_app.ui.board_model import BoardModel
    from workshop_app.ui.voting_screen import VotingDialog

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    w = open_window
    voting_window = VotingDialog(w.session, BoardModel(w.session, w), [], None, w)
    qtbot.addWidget(voting_window)
    voting_window.show()
    voting_window.select_round(voting_window.rounds[-1].id)
    assert voting_window.close_button.isVisible()
    voting_window.close_button.click()
    qtbot.waitUntil(lambda: voting_window.reveal_button.isVisible())
    assert not voting_window.print_button.isVisible()
    voting_window.reveal_button.click()
    qtbot.waitUntil(lambda: voting_window.print_button.isVisible())
