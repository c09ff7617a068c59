"""A voter's own screen (issue 8, point 9): full screen, the ballot alone, a code typed or
scanned, their options and dots left, Done; no way back to the facilitator's screens but the
facilitator's key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_ui_voting import NOTES, _new_round, _open_voting, _people, _rounds, mnemonic
from ui_helpers import activate, capture, focused, sql, type_text

from workshop_app.core.cards import card_text
from workshop_app.ui.voter_screen import VoterScreen

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _voter_screen(qtbot, w, workshop_id):
    for text in NOTES:
        capture(qtbot, w.board, text)
    codes = _people(w.db, workshop_id)
    dialog = _open_voting(qtbot, w)
    _new_round(qtbot, dialog, "Shortlist")
    activate(qtbot, dialog)
    mnemonic(qtbot, Qt.Key.Key_O, lambda: _rounds(w.db)[0]["status"] == "open")
    dialog.tabs.setCurrentWidget(dialog.ballots)
    dialog.ballots.own_screen.click()
    screen = dialog.ballots.voter_screen
    assert isinstance(screen, VoterScreen)
    qtbot.waitExposed(screen)
    activate(qtbot, screen)
    return dialog, screen, codes


def test_a_voter_votes_on_their_own_screen_and_cannot_leave_it(qtbot, board_window, workshop_id):
    w = board_window
    dialog, screen, codes = _voter_screen(qtbot, w, workshop_id)
    assert screen.isFullScreen() or screen.windowState() & Qt.WindowState.WindowFullScreen
    # Nothing of the facilitator's screen is on it.
    assert not [b for b in screen.findChildren(type(dialog.peek_button)) if "Peek" in b.text()]
    assert "Ctrl+Shift+Q closes it" in dialog.ballots.message.text()
    # A card scanned into the code box, then a dot and Enter.
    qtbot.waitUntil(lambda: focused() is screen.panel.code)
    type_text(qtbot, screen.panel.code, card_text(workshop_id, codes[0]))
    qtbot.keyClick(screen.panel.code, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is screen.panel.options)
    assert screen.panel.budget.text() == "1 of 1 dot left"
    qtbot.keyClick(screen.panel.options, Qt.Key.Key_Plus)
    qtbot.keyClick(screen.panel.options, Qt.Key.Key_Return)
    ballots = sql(w.db, "SELECT dots_used FROM ballots WHERE deleted_at IS NULL")
    assert [b["dots_used"] for b in ballots] == [1]
    assert screen.panel.message.text().startswith(f"Recorded 1 dot for {codes[0]}")
    assert focused() is screen.panel.code, "ready for the next person"
    # Esc, Alt+F4 or the close button do not take the voter back to the facilitator's screens.
    qtbot.keyClick(screen.panel.code, Qt.Key.Key_Escape)
    screen.close()
    assert screen.isVisible()
    assert "ask the facilitator" in screen.notice.text()
    # The facilitator's key does.
    qtbot.keyClick(screen.panel.code, Qt.Key.Key_Q, CTRL_SHIFT)
    qtbot.waitUntil(lambda: dialog.ballots.voter_screen is None)
    assert dialog.progress.text() == "1 of 4 have voted", "the facilitator's window follows"
    assert "screen is open" not in dialog.ballots.message.text()
    # The key is on the ballot page before anyone opens the screen, not only in a tooltip.
    assert "Ctrl+Shift+Q" in dialog.ballots.who_hint.text()


def test_the_voter_screen_is_only_for_an_open_round(qtbot, board_window, workshop_id):
    w = board_window
    for text in NOTES:
        capture(qtbot, w.board, text)
    dialog = _open_voting(qtbot, w)
    _new_round(qtbot, dialog, "Not yet open")
    assert not dialog.ballots.own_screen.isEnabled()
