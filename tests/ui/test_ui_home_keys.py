"""On the home screen, what needs a workshop looks disabled and its keys say why; Ctrl+Z with
nothing to undo says so; Alt+O opens Vote and Alt+V opens View (issue 8, point 13)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import press


def _menus(w) -> dict[str, bool]:
    return {a.text().replace("&", ""): a.isEnabled() for a in w.menuBar().actions()}


def test_home_menus_that_need_a_workshop_look_disabled(qtbot, window, workshop_id):
    w = window()
    menus = _menus(w)
    for name in ("Edit", "Board", "Themes", "People", "Vote"):
        assert not menus[name], name
    for name in ("File", "View", "Settings", "Help"):
        assert menus[name], name


def test_a_board_key_on_the_home_screen_says_what_it_needs(qtbot, window, workshop_id):
    w = window()
    press(
        qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert "Participants" in w.statusBar().currentMessage()
    assert "needs a workshop open" in w.statusBar().currentMessage()
    assert w.participants is None


def test_board_keys_work_once_a_workshop_is_open(qtbot, board_window):
    w = board_window
    assert all(_menus(w).values())
    press(
        qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: w.participants is not None and w.participants.isVisible())
    w.participants.reject()


def test_undo_with_nothing_to_undo_says_so(qtbot, board_window):
    w = board_window
    press(qtbot, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Nothing to undo" in w.board.capture.message.text()
    assert w.board.capture.message.isVisibleTo(w.board)


def test_vote_and_view_have_their_own_alt_keys(qtbot, board_window):
    texts = [a.text() for a in board_window.menuBar().actions()]
    keys = [t[t.index("&") + 1].lower() for t in texts if "&" in t]
    assert len(keys) == len(set(keys)), f"two menus share an Alt key: {texts}"
