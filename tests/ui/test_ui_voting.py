"""Dot-voting from the keyboard: set up a round, open it, tally paper dots in the grid, a
per-person ballot by code, close, reveal, and a tie settled by a run-off; the projector shows
progress and never running totals while the round is open."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_helpers import activate, capture, focused, press, sql, type_text

from workshop_app.core import voting
from workshop_app.core.participants import ParticipantFields, add_participant
from workshop_app.ui.voting_screen import VotingDialog

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
NOTES = ["Buses every 30 minutes", "Warm homes for all", "Community shop"]


def _people(db, workshop_id, n=4) -> list[str]:
    return [
        db.run(lambda s: add_participant(s, workshop_id, ParticipantFields())).code
        for _ in range(n)
    ]


def _open_voting(qtbot, w) -> VotingDialog:
    press(qtbot, Qt.Key.Key_V, CTRL_SHIFT)
    qtbot.waitUntil(lambda: w.voting is not None and w.voting.isVisible())
    dialog = w.voting
    activate(qtbot, dialog)
    return dialog


def _type_enter(qtbot, text: str) -> None:
    target = focused()
    assert target is not None
    target.selectAll() if hasattr(target, "selectAll") else None
    type_text(qtbot, target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def mnemonic(qtbot, key: Qt.Key, until) -> None:
    """Alt+letter, as a user presses it; the button "animates" the click, so it lands a
    moment later."""
    press(qtbot, key, ALT)
    qtbot.waitUntil(until)


def _rounds(db) -> list[dict]:
    return sql(db, "SELECT * FROM voting_rounds WHERE deleted_at IS NULL ORDER BY seq")


def _paper(db) -> dict[str, int]:
    rows = sql(
        db,
        "SELECT o.label, v.dots FROM votes v JOIN round_options o ON o.id = v.option_id "
        "WHERE v.source = 'paper' AND v.deleted_at IS NULL",
    )
    return {r["label"]: r["dots"] for r in rows}


def _new_round(qtbot, dialog: VotingDialog, name: str) -> None:
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: dialog.setup_dialog is not None and dialog.setup_dialog.isVisible())
    setup = dialog.setup_dialog
    activate(qtbot, setup)
    assert focused() is setup.name
    type_text(qtbot, setup.name, name)
    qtbot.keyClick(setup.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not setup.isVisible())


def test_whole_round_from_the_keyboard(qtbot, board_window, workshop_id):
    w = board_window
    db = w.db
    for text in NOTES:
        capture(qtbot, w.board, text)
    codes = _people(db, workshop_id)
    assert w.act_voting.isEnabled()
    dialog = _open_voting(qtbot, w)
    assert "No voting round yet" in dialog.title.text()

    # Set up: three loose notes, so a third of that (one dot each) is suggested and shown.
    press(qtbot, Qt.Key.Key_N, CTRL)
    qtbot.waitUntil(lambda: dialog.setup_dialog is not None and dialog.setup_dialog.isVisible())
    setup = dialog.setup_dialog
    activate(qtbot, setup)
    assert setup.by_theme.isChecked()
    assert setup.dots.value() == 1
    assert "3 options" in setup.option_count.text()
    type_text(qtbot, setup.name, "Shortlist")
    setup.criterion.setCurrentText("most important")
    qtbot.keyClick(setup.name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not setup.isVisible())
    rows = _rounds(db)
    assert [(r["name"], r["status"], r["dots_per_person"]) for r in rows] == [
        ("Shortlist", "setup", 1)
    ]
    assert dialog.current().name == "Shortlist"

    # Open it (Alt+O): the tally grid takes the keyboard.
    activate(qtbot, dialog)
    mnemonic(qtbot, Qt.Key.Key_O, lambda: _rounds(db)[0]["status"] == "open")
    assert dialog.tabs.currentWidget() is dialog.tally
    qtbot.waitUntil(lambda: focused() is dialog.tally.edits[0])
    first, second, third = dialog.tally.edits
    labels = [o.label for o in dialog.current().options]

    # Bad counts: the message, nothing saved, the keyboard stays put.
    _type_enter(qtbot, "three")
    assert "'three' is not a number" in dialog.tally.message.text()
    assert focused() is first and _paper(db) == {}
    _type_enter(qtbot, "-2")
    assert "cannot be negative" in dialog.tally.message.text()
    assert focused() is first
    # More than four people with one dot each could have placed: kept, and flagged plainly.
    _type_enter(qtbot, "9")
    assert _paper(db) == {labels[0]: 9} and focused() is second
    assert dialog.flags.isVisibleTo(dialog) and "9 paper dots" in dialog.flags.text()
    press(qtbot, Qt.Key.Key_Up)
    assert focused() is first
    _type_enter(qtbot, "3")
    assert not dialog.flags.isVisibleTo(dialog), "recounted: the flag goes"
    assert focused() is second
    _type_enter(qtbot, "2")
    assert focused() is third
    qtbot.keyClick(third, Qt.Key.Key_Return)  # nothing typed: nothing recorded, stays last
    assert _paper(db) == {labels[0]: 3, labels[1]: 2}

    # One person by code: + on the second option, Enter records it.
    assert not dialog.setup_dialog.isVisible(), "Enter in the grid must not press a button"
    mnemonic(qtbot, Qt.Key.Key_B, lambda: dialog.tabs.currentWidget() is dialog.ballots)
    qtbot.waitUntil(lambda: focused() is dialog.ballots.code)
    _type_enter(qtbot, "nobody")
    assert "No participant" in dialog.ballots.message.text()
    dialog.ballots.code.clear()
    _type_enter(qtbot, codes[0].lower())
    qtbot.waitUntil(lambda: focused() is dialog.ballots.options)
    assert dialog.ballots.budget.text() == "1 of 1 dot left"
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Plus)
    assert dialog.ballots.budget.text() == "0 of 1 dot left"
    press(qtbot, Qt.Key.Key_Plus)  # over budget: refused, said so
    assert "No dots left" in dialog.ballots.message.text()
    press(qtbot, Qt.Key.Key_Return)
    ballots = sql(db, "SELECT * FROM ballots WHERE deleted_at IS NULL")
    person = sql(db, "SELECT id FROM participants WHERE code = :c", c=codes[0])[0]["id"]
    assert [(b["participant_id"], b["dots_used"], b["dots_unused"]) for b in ballots] == [
        (person, 1, 0)
    ]
    # Paper dots count in the progress (seen: "0 of 11 have voted" after 34 paper dots); more
    # dots than four people were given is flagged, never refused.
    assert dialog.progress.text() == "6 dots placed · 1 person voted at the laptop"
    assert "6 dots are recorded, but only 4 were given out" in dialog.flags.text()
    # Blind: no results while open.
    assert dialog.results.result is None
    assert not dialog.results.table.topLevelItemCount()

    # The projector: the round, its options and progress; never totals.
    dialog.projector_button.click()
    projector = w.projector
    qtbot.waitUntil(lambda: projector is not None and projector.isVisible())
    assert projector.pages.currentWidget() is projector.voting_page
    assert projector.vote_title.text() == "Shortlist"
    assert projector.vote_progress.text() == "6 dots placed · 1 person voted at the laptop"
    assert "most important" in projector.vote_rules.text()
    assert all(label in projector.vote_options.text() for label in labels)
    assert not projector.vote_chart.isVisibleTo(projector)
    # Only the options' own words: no counts beside them.
    assert projector.vote_options.text() == "\n".join(f"•  {label}" for label in labels)
    assert projector.total.text() == "3 options"

    # An anonymous voter (Ctrl+Shift+A) leaves their dot unused: recorded as unused.
    activate(qtbot, dialog)
    dialog.ballots.code.setFocus()
    press(qtbot, Qt.Key.Key_A, CTRL_SHIFT)
    qtbot.waitUntil(lambda: focused() is dialog.ballots.options)
    press(qtbot, Qt.Key.Key_Return)
    assert sql(db, "SELECT sum(dots_unused) AS n FROM ballots")[0]["n"] == 1

    # Close and reveal: the ranked result, the tie shown as a tie.
    mnemonic(qtbot, Qt.Key.Key_L, lambda: _rounds(db)[0]["status"] == "closed")
    assert projector.vote_progress.text().startswith("Voting has closed")
    assert not projector.vote_chart.isVisibleTo(projector)
    # Two of three go forward by default, so a tie for first decides nothing: no run-off.
    assert dialog.forward.value() == 2 and not dialog.runoff_button.isVisible()
    # Only one goes forward (Alt+G): now the tie for first is the one that decides.
    press(qtbot, Qt.Key.Key_G, ALT)
    assert focused() is dialog.forward
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.forward.value() == 1 and dialog.runoff_button.isVisible()
    mnemonic(qtbot, Qt.Key.Key_V, lambda: _rounds(db)[0]["revealed"] == 1)
    result = dialog.results.result
    assert result is not None and result.final
    assert [(ln.label, ln.dots, ln.tied) for ln in result.lines][:2] == [
        (labels[0], 3, True),
        (labels[1], 3, True),
    ] or {ln.label for ln in result.lines if ln.tied} == {labels[0], labels[1]}
    table = dialog.results.table
    assert table.topLevelItemCount() == 3
    assert table.topLevelItem(0).text(6) == "tied" and table.topLevelItem(1).text(6) == "tied"
    assert table.topLevelItem(0).text(3) == "50%"
    assert "tied" in dialog.message.text() or "tie" in dialog.message.text()
    # The projector now shows the ranked chart with the tie marked.
    assert projector.vote_chart.isVisibleTo(projector)
    assert [b.tied for b in projector.vote_chart.bars] == [True, True, False]
    assert not projector.vote_progress.isVisibleTo(projector)

    # The tie becomes a run-off in one action (Alt+F).
    assert dialog.runoff_button.isEnabled()
    mnemonic(qtbot, Qt.Key.Key_F, lambda: len(_rounds(db)) == 2)
    rounds = _rounds(db)
    assert [r["name"] for r in rounds] == ["Shortlist", "Shortlist: run-off"]
    assert rounds[1]["runoff_of"] == rounds[0]["id"] and rounds[1]["status"] == "setup"
    options = sql(db, "SELECT label FROM round_options WHERE round_id = :r", r=rounds[1]["id"])
    assert {o["label"] for o in options} == {labels[0], labels[1]}
    assert dialog.current().name == "Shortlist: run-off"
    # Undo from the voting window takes the run-off away again.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert [r["name"] for r in _rounds(db)] == ["Shortlist"]


def test_closing_with_nobody_voted_says_so(qtbot, board_window, workshop_id):
    w = board_window
    db = w.db
    for text in NOTES[:2]:
        capture(qtbot, w.board, text)
    dialog = _open_voting(qtbot, w)
    _new_round(qtbot, dialog, "Final")
    activate(qtbot, dialog)
    dialog.open_button.click()
    dialog.close_button.click()
    assert "Nobody has voted" in dialog.message.text()
    assert _rounds(db)[0]["status"] == "open"


def test_peek_is_on_purpose_and_never_on_the_projector(qtbot, board_window, workshop_id):
    w = board_window
    db = w.db
    for text in NOTES:
        capture(qtbot, w.board, text)
    _people(db, workshop_id, 2)
    dialog = _open_voting(qtbot, w)
    _new_round(qtbot, dialog, "Blind")
    activate(qtbot, dialog)
    dialog.open_button.click()
    round_id = dialog.current().id
    option = dialog.current().options[0].id
    dialog.tally.edits[0].setFocus()
    _type_enter(qtbot, "2")
    assert _paper(db) == {NOTES[0]: 2}
    dialog.projector_button.click()
    projector = w.projector
    qtbot.waitUntil(lambda: projector.isVisible())
    assert dialog.results.result is None
    dialog.peek_button.click()
    result = dialog.results.result
    assert result is not None and not result.final
    assert dialog.results.banner.isVisibleTo(dialog) and "PEEK" in dialog.results.banner.text()
    assert [ln.dots for ln in result.lines if ln.option_id == option] == [2]
    # The projector still shows progress only.
    assert not projector.vote_chart.isVisibleTo(projector)
    assert projector.vote_progress.text() == "2 of 2 dots placed"
    dialog.peek_button.click()
    assert dialog.results.result is None
    assert db.read(lambda s: voting.get_round(s, round_id)).status == "open"


def test_reopen_for_changes_is_confirmed_and_recorded(qtbot, board_window, workshop_id):
    w = board_window
    db = w.db
    for text in NOTES:
        capture(qtbot, w.board, text)
    dialog = _open_voting(qtbot, w)
    _new_round(qtbot, dialog, "Shortlist")
    activate(qtbot, dialog)
    dialog.open_button.click()
    box = dialog.reopen()
    assert box is not None and "recorded" in box.text()
    yes = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
    yes.click()
    QApplication.processEvents()
    row = _rounds(db)[0]
    assert (row["status"], row["reopened"]) == ("setup", 1)
    assert "reopened 1×" in dialog.list.topLevelItem(0).text(1)
    assert "recorded" in dialog.message.text()
    # Now the options can change: keep only the first two themes' notes... the edit dialog
    # opens on the round's options and rules.
    setup = dialog.edit_round()
    assert setup is not None and setup.by_pick.isChecked()
    setup.dots.setValue(2)
    setup.save.click()
    assert _rounds(db)[0]["dots_per_person"] == 2


def test_shortlist_from_the_cards_selected_on_the_board(qtbot, board_window, workshop_id):
    w = board_window
    db = w.db
    for text in NOTES:
        capture(qtbot, w.board, text)
    view = w.board.columns[0].view
    view.setFocus()
    view.selectAll()
    view.selectionModel().select(
        view.model().index(2, 0), view.selectionModel().SelectionFlag.Deselect
    )
    dialog = _open_voting(qtbot, w)
    assert len(dialog.shortlist) == 2
    _new_round(qtbot, dialog, "Picked")
    labels = {
        r["label"] for r in sql(db, "SELECT label FROM round_options WHERE deleted_at IS NULL")
    }
    assert labels == set(NOTES[:2])


def test_closed_round_results_export_as_csv(qtbot, board_window, workshop_id, tmp_path):
    w = board_window
    db = w.db

    def closed_round(s):
        from workshop_app.core.notes import add_note

        for text in ("Buses", "Homes", "Wages"):
            add_note(s, workshop_id, text)
        targets = voting.options_from_board(s, workshop_id)[:3]
        made = voting.create_round(s, workshop_id, "=Shortlist", targets, dots_per_person=1)
        voting.open_round(s, made.id)
        for option, n in zip(made.options, (4, 4, 1), strict=True):
            voting.record_paper_tally(s, made.id, option.id, n)
        voting.close_round(s, made.id)
        return made.id

    round_id = db.run(closed_round)
    dialog = _open_voting(qtbot, w)
    dialog.select_round(round_id)
    assert dialog.export_button.isVisible()
    out = tmp_path / "results.csv"
    assert dialog.export_results_to(out)
    text = out.read_bytes().decode("utf-8-sig")
    assert text.splitlines()[0].startswith("rank,tied,near_tie,option,dots")
    assert sum(1 for line in text.splitlines() if line.startswith("1,yes")) == 2
    assert "Results saved" in dialog.message.text()


def test_a_scanned_card_picks_its_person_in_the_ballot_panel(qtbot, board_window, workshop_id):
    """A USB QR scanner types the card's text and Enter: that person's ballot starts; a card
    from another workshop is refused in one line and starts nothing."""
    from workshop_app.core.cards import card_text

    w = board_window
    db = w.db
    for text in NOTES:
        capture(qtbot, w.board, text)
    codes = _people(db, workshop_id, 2)
    note_ids = [r["id"] for r in sql(db, "SELECT id FROM notes WHERE deleted_at IS NULL")]
    info = db.run(
        lambda s: voting.create_round(s, workshop_id, "Scan", [("note", n) for n in note_ids], 1)
    )
    db.run(lambda s: voting.open_round(s, info.id))
    dialog = _open_voting(qtbot, w)
    dialog.select_round(info.id)
    dialog.tabs.setCurrentWidget(dialog.ballots)
    panel = dialog.ballots
    panel.code.setFocus()
    other = "0f0f0f0f-0000-4000-8000-000000000000"
    _type_enter(qtbot, card_text(other, codes[0]))
    assert "another workshop" in panel.message.text()
    assert focused() is panel.code
    panel.code.clear()
    _type_enter(qtbot, card_text(workshop_id, codes[1]))
    qtbot.waitUntil(lambda: focused() is panel.options)
    press(qtbot, Qt.Key.Key_Plus)
    press(qtbot, Qt.Key.Key_Return)
    person = sql(db, "SELECT id FROM participants WHERE code = :c", c=codes[1])[0]["id"]
    ballots = sql(db, "SELECT participant_id, dots_used FROM ballots WHERE deleted_at IS NULL")
    assert [(b["participant_id"], b["dots_used"]) for b in ballots] == [(person, 1)]
