"""The voting window in the room (issue 8, points 4-6): paper counts go in the way people read
them, down a column; counts that cannot be true are flagged without blocking; every message is
true for the round selected and clears when it stops being true; progress counts paper dots;
the run-off is offered for the tie that decides what goes forward and never among options
nobody chose; a near tie is only at that line; counted words read right at 0, 1 and 2."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from ui_helpers import activate, focused, press, sql, type_text

from workshop_app.core import voting
from workshop_app.core.notes import add_note
from workshop_app.core.participants import ParticipantFields, add_participant
from workshop_app.ui.voting_screen import VotingDialog

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
LABELS = ["Buses", "Co-op shop", "Fair pay", "High street", "Homes", "Solar roofs", "Wages"]


def _round(db, workshop_id, name, counts=(), status="open", dots=2, objections=False, people=0):
    """A round on the seven notes (made once), with paper counts, left in `status`."""

    def build(s):
        ids = [
            r["id"] for r in sql(db, "SELECT id FROM notes WHERE deleted_at IS NULL ORDER BY rowid")
        ] or [add_note(s, workshop_id, t).id for t in LABELS]
        for _ in range(people):
            add_participant(s, workshop_id, ParticipantFields())
        made = voting.create_round(
            s, workshop_id, name, [("note", i) for i in ids], dots, None, "", objections
        )
        if status != "setup":
            voting.open_round(s, made.id)
            for option, n in zip(made.options, counts, strict=False):
                voting.record_paper_tally(s, made.id, option.id, n)
        if status == "closed":
            voting.close_round(s, made.id)
        return made.id

    return db.run(build)


def _voting(qtbot, w, round_id: str | None = None) -> VotingDialog:
    press(qtbot, Qt.Key.Key_V, CTRL_SHIFT)
    qtbot.waitUntil(lambda: w.voting is not None and w.voting.isVisible())
    dialog = w.voting
    activate(qtbot, dialog)
    if round_id:
        dialog.select_round(round_id)
    return dialog


def _paper(db, objection: bool) -> dict[str, int]:
    rows = sql(
        db,
        "SELECT o.label, v.dots FROM votes v JOIN round_options o ON o.id = v.option_id "
        "WHERE v.source = 'paper' AND v.deleted_at IS NULL AND v.objection = :o",
        o=int(objection),
    )
    return {r["label"]: r["dots"] for r in rows}


def _type_enter(qtbot, text: str) -> None:
    target = focused()
    target.selectAll()
    type_text(qtbot, target, text)
    qtbot.keyClick(target, Qt.Key.Key_Return)


def test_enter_goes_down_the_column_being_typed(qtbot, board_window, workshop_id):
    # Seen: Enter went Dots -> Objections -> next row, so reading counts down the wall put
    # dot counts into Objections.
    db = board_window.db
    round_id = _round(db, workshop_id, "Wall", objections=True, people=6)
    dialog = _voting(qtbot, board_window, round_id)
    dialog.tabs.setCurrentWidget(dialog.tally)
    tally = dialog.tally
    dots = [e for e in tally.edits if not e.objection]
    reds = [e for e in tally.edits if e.objection]
    dots[0].setFocus()
    for n in (4, 2, 1):
        _type_enter(qtbot, str(n))
    assert focused() is dots[3]
    assert _paper(db, objection=False) == {"Buses": 4, "Co-op shop": 2, "Fair pay": 1}
    assert _paper(db, objection=True) == {}
    reds[0].setFocus()
    _type_enter(qtbot, "1")
    _type_enter(qtbot, "2")
    assert focused() is reds[2]
    assert _paper(db, objection=True) == {"Buses": 1, "Co-op shop": 2}
    # The bottom of a column: stays there, and says so.
    reds[-1].setFocus()
    _type_enter(qtbot, "0")
    assert focused() is reds[-1]
    assert "last option in this column" in tally.message.text()
    # And the hint says so.
    assert "Enter to go down" in tally.intro.text()
    assert "Enter stays in the column" in tally.intro.text()


def test_counts_that_cannot_be_true_are_flagged_without_blocking(qtbot, board_window, workshop_id):
    db = board_window.db
    # Three people, one dot each: 3 dots and 3 objection dots at most.
    round_id = _round(db, workshop_id, "Flags", dots=1, objections=True, people=3)
    dialog = _voting(qtbot, board_window, round_id)
    tally = dialog.tally
    dialog.tabs.setCurrentWidget(tally)
    assert not dialog.flags.isVisibleTo(dialog)
    dots = [e for e in tally.edits if not e.objection]
    reds = [e for e in tally.edits if e.objection]
    dots[0].setFocus()
    _type_enter(qtbot, "5")  # accepted: the register may miss walk-ins
    assert _paper(db, objection=False) == {"Buses": 5}
    assert dialog.flags.isVisibleTo(dialog)
    text = dialog.flags.text()
    assert text.startswith("These counts do not add up: recount before closing")
    assert "5 dots are recorded, but only 3 were given out" in text
    assert "“Buses”: 5 paper dots" in text
    for edit in reds[:4]:
        edit.setFocus()
        _type_enter(qtbot, "1")
    assert "4 objection dots are recorded, but 3 people are registered" in dialog.flags.text()
    # Not blocking: the round closes, and the flag still says what was odd.
    dialog.close_button.click()
    assert sql(db, "SELECT status FROM voting_rounds WHERE id = :r", r=round_id)[0]["status"] == (
        "closed"
    )
    assert dialog.flags.text().startswith("These counts did not add up")


def test_the_tally_footer_is_true_for_the_round_selected(qtbot, board_window, workshop_id):
    # Seen: "Open the round to record paper dots" on an open round, and "Voting is closed for
    # this round" on another open round.
    db = board_window.db
    setup = _round(db, workshop_id, "Being set up", status="setup")
    first = _round(db, workshop_id, "Open one", counts=[1])
    closed = _round(db, workshop_id, "Closed", counts=[3, 1], status="closed")
    second = _round(db, workshop_id, "Open two", counts=[2])
    dialog = _voting(qtbot, board_window)
    tally, ballots = dialog.tally, dialog.ballots

    states = ("Open the round", "Voting is closed")

    def footer() -> str:
        """Every line of text showing on the tally and ballot tabs."""
        labels = [*tally.findChildren(QLabel), *ballots.findChildren(QLabel)]
        return " ".join(w.text() for w in labels if w.isVisibleTo(dialog))

    dialog.tabs.setCurrentWidget(tally)
    dialog.select_round(setup)
    assert "Open the round to record paper dots." in footer()
    dialog.select_round(first)
    assert not any(state in footer() for state in states)
    assert not tally.edits[0].isReadOnly()
    dialog.select_round(closed)
    assert "Voting is closed for this round." in footer()
    dialog.select_round(second)
    assert not any(state in footer() for state in states)
    # A saved count is about its own round: it goes when another round is chosen.
    qtbot.waitUntil(lambda: tally.edits[1].isVisible())
    tally.edits[1].setFocus()
    _type_enter(qtbot, "3")
    assert "Saved: 3 dots on “Co-op shop”." in tally.message.text()
    dialog.select_round(first)
    assert "Saved" not in footer()
    # The ballot tab says the same things, and only while they are true.
    dialog.tabs.setCurrentWidget(ballots)
    dialog.select_round(closed)
    assert "Voting is closed for this round." in ballots.message.text()
    dialog.select_round(second)
    assert not any(state in footer() for state in states)


def test_progress_counts_paper_dots_here_and_on_the_projector(qtbot, board_window, workshop_id):
    # Seen: the projector said "0 of 11 have voted" after 34 paper dots were recorded.
    db = board_window.db
    round_id = _round(db, workshop_id, "Wall", counts=[10, 8, 6, 4, 3, 2, 1], dots=5, people=11)
    dialog = _voting(qtbot, board_window, round_id)
    assert dialog.progress.text() == "34 of 55 dots placed"
    dialog.projector_button.click()
    projector = board_window.projector
    qtbot.waitUntil(lambda: projector is not None and projector.isVisible())
    assert projector.vote_progress.text() == "34 of 55 dots placed"


def test_runoff_only_for_the_tie_that_decides_what_goes_forward(qtbot, board_window, workshop_id):
    db = board_window.db
    # A tie for first (both go forward anyway) and a tie for third (one place left).
    round_id = _round(db, workshop_id, "Shortlist", counts=[9, 9, 5, 5, 2], status="closed")
    dialog = _voting(qtbot, board_window, round_id)
    assert dialog.forward.isVisible() and dialog.forward.value() == 3
    assert dialog.runoff_button.isVisible()
    assert "2 options tie across that line: a run-off settles it" in dialog.results.summary.text()
    # Two go forward: the line falls between 9 and 5, and no tie decides anything.
    dialog.forward.setValue(2)
    assert not dialog.runoff_button.isVisible()
    assert "tie across" not in dialog.results.summary.text()
    dialog.forward.setValue(3)
    dialog.runoff_button.click()
    rounds = sql(db, "SELECT id, name, dots_per_person FROM voting_rounds ORDER BY seq")
    assert [r["name"] for r in rounds] == ["Shortlist", "Shortlist: run-off"]
    options = sql(
        db,
        "SELECT label FROM round_options WHERE round_id = :r ORDER BY position",
        r=rounds[1]["id"],
    )
    assert [o["label"] for o in options] == ["Fair pay", "High street"]
    assert rounds[1]["dots_per_person"] == 1
    assert "1 place to fill" in dialog.message.text()


def test_no_runoff_among_options_nobody_chose(qtbot, board_window, workshop_id):
    # Seen: the run-off offer pointed at a tie of 23 options with no dots.
    db = board_window.db
    round_id = _round(db, workshop_id, "Few dots", counts=[4, 3], status="closed")
    dialog = _voting(qtbot, board_window, round_id)
    dialog.reveal_button.click()
    assert not dialog.runoff_button.isVisible()
    assert dialog.message.text() == "Revealed."
    assert "only 2 options got any dots" in dialog.results.summary.text()
    marks = [dialog.results.table.topLevelItem(i).text(6) for i in range(7)]
    assert marks == [""] * 7, "options with no dots are not 'tied'"


def test_near_tie_marks_only_the_line(qtbot, board_window, workshop_id):
    # Seen: "near tie" marked 6 of 7 options.
    db = board_window.db
    round_id = _round(db, workshop_id, "Steps", counts=[8, 7, 6, 5, 4, 3, 2], dots=5)
    db.run(lambda s: voting.close_round(s, round_id))
    dialog = _voting(qtbot, board_window, round_id)
    table = dialog.results.table
    marks = {table.topLevelItem(i).text(1): table.topLevelItem(i).text(6) for i in range(7)}
    assert [label for label, mark in marks.items() if mark] == ["Fair pay", "High street"]
    assert set(marks.values()) == {"", "near tie"}


def test_the_tie_message_goes_when_the_tie_no_longer_decides(qtbot, board_window, workshop_id):
    db = board_window.db
    round_id = _round(db, workshop_id, "Shortlist", counts=[9, 9, 5, 5, 2], status="closed")
    dialog = _voting(qtbot, board_window, round_id)
    dialog.reveal_button.click()
    assert "2 options tie across the line" in dialog.message.text()
    dialog.forward.setValue(2)
    assert not dialog.message.isVisibleTo(dialog)


def test_counted_phrases_in_both_numbers(qtbot, board_window):
    """Seen: "1 dots each", "1 of 1 dots left", "5 dot(s)". Every counted phrase of the voting
    screens at 0, 1 and 2."""
    from workshop_app.ui.voting_ballot import budget_text
    from workshop_app.ui.voting_results import forward_notes, rules_text
    from workshop_app.ui.voting_rounds import short_rules, status_text
    from workshop_app.ui.voting_tally import saved_text

    w = board_window

    def info(n: int, **kw) -> voting.RoundInfo:
        fields = dict(cap_per_option=n or None, objections=False, reopened=n, runoff_of=None)
        fields.update(kw)
        return voting.RoundInfo(
            "r", "w", "R", "", n, fields["cap_per_option"], fields["objections"], "open",
            False, fields["reopened"], fields["runoff_of"], (),
        )  # fmt: skip

    expected = {
        0: [
            "0 of 0 dots left",
            "Saved: 0 dots on “Buses”.",
            "Saved: 0 objection dots on “Buses”.",
            "0 dots each",
            "0 dots",
            "open",
        ],
        1: [
            "1 of 1 dot left",
            "Saved: 1 dot on “Buses”.",
            "Saved: 1 objection dot on “Buses”.",
            "1 dot each; at most 1 on one option",
            "1 dot · cap 1",
            "open · reopened 1×",
        ],
        2: [
            "2 of 2 dots left",
            "Saved: 2 dots on “Buses”.",
            "Saved: 2 objection dots on “Buses”.",
            "2 dots each; at most 2 on one option",
            "2 dots · cap 2",
            "open · reopened 2×",
        ],
    }
    for n, phrases in expected.items():
        got = [
            budget_text(w, n, n),
            saved_text(w, n, False, "Buses"),
            saved_text(w, n, True, "Buses"),
            rules_text(w, info(n)),
            short_rules(w, info(n)),
            status_text(w, info(n)),
        ]
        assert got == phrases
    assert budget_text(w, 0, 1) == "0 of 1 dot left"

    def result(counts: list[int], forward: int) -> voting.Results:
        lines = tuple(
            voting.ResultLine(str(i), f"o{i}", "note", str(i), d, d, 0.0, 0, 0, 1, False, False)
            for i, d in enumerate(counts)
        )
        return voting.Results(info(1), lines, 0, sum(counts), sum(counts), 0, 0, True, {}, forward)

    assert forward_notes(w, result([0, 0, 0], 1)) == [
        "1 option going forward",
        "only 0 options got any dots",
    ]
    assert forward_notes(w, result([3, 0, 0], 2)) == [
        "2 options going forward",
        "only 1 option got any dots",
    ]
    assert forward_notes(w, result([3, 2, 2], 2)) == [
        "2 options going forward",
        "2 options tie across that line: a run-off settles it",
    ]


def test_undo_in_the_tally_is_not_typed_back_on_leaving_the_box(qtbot, board_window, workshop_id):
    """Ctrl+Z while the count's own box has the keyboard: the box shows the count as it now
    is, and leaving it does not record the undone count again."""
    db = board_window.db
    round_id = _round(db, workshop_id, "Undo", people=4)
    dialog = _voting(qtbot, board_window, round_id)
    tally = dialog.tally
    dialog.tabs.setCurrentWidget(tally)
    first, second = tally.edits[:2]
    first.setFocus()
    _type_enter(qtbot, "5")
    assert focused() is second and _paper(db, objection=False) == {"Buses": 5}
    press(qtbot, Qt.Key.Key_Up)
    assert focused() is first
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert _paper(db, objection=False) == {}
    assert first.text() == ""
    press(qtbot, Qt.Key.Key_Down)
    assert focused() is second
    assert _paper(db, objection=False) == {}, "the undone count came back on leaving its box"
