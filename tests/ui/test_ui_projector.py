"""The projector window mirrors the board live, in large type that zooms from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import activate, capture, live_count, load, note_by_text, press

from workshop_app.ui.projector import ProjectorWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _cards(projector: ProjectorWindow) -> int:
    return len(projector.board_view.visible_ids())


def _texts(projector: ProjectorWindow, column: int) -> list[str]:
    """The notes of one column as the projector lays them out, top to bottom."""
    layout = projector.board_view.layout_
    theme_id = projector.board_view.board_model.theme_ids()[column]
    return [
        p.row.card.text
        for p in sorted(layout.items, key=lambda p: p.rect.top())
        if p.row.card is not None and p.row.card.theme_id == theme_id
    ]


def _headers(projector: ProjectorWindow) -> list[str]:
    return [g.name for g, _rect in projector.board_view.layout_.headers]


def _open_projector(qtbot, w) -> ProjectorWindow:
    press(qtbot, Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(lambda: w.projector is not None and w.projector.isVisible())
    qtbot.waitExposed(w.projector)
    return w.projector


def test_ctrl_p_opens_projector_mirroring_board_live(qtbot, board_window, workshop_id):
    w = board_window
    board = w.board
    capture(qtbot, board, "Buses every 30 minutes")
    capture(qtbot, board, "Sunday buses!")
    projector = _open_projector(qtbot, w)
    themes = load(w.db, workshop_id).themes
    # Every theme, but not the parking lot while it is empty (it would only take room).
    assert _headers(projector) == [t.name for t in themes if not t.is_parking_lot]
    assert len(board.columns) == len(themes)
    assert _cards(projector) == 2
    assert projector.total.text() == "2 notes"
    # The projector shows the workshop title when there is no prompt.
    assert projector.title.text() == "Llanidloes town hall"

    # Back to the main window: a new note appears on the projector at once.
    activate(qtbot, w)
    board.focus_capture()
    capture(qtbot, board, "Skate park by the river")
    assert live_count(w.db) == 3
    qtbot.waitUntil(lambda: _cards(projector) == 3)
    assert _texts(projector, 0)[-1] == "Skate park by the river"
    assert projector.total.text() == "3 notes"
    # Undo in the main window takes it off the projector too.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: _cards(projector) == 2)
    assert _texts(projector, 0) == ["Buses every 30 minutes", "Sunday buses!"]
    assert projector.total.text() == "2 notes"


def test_view_menu_action_opens_projector(qtbot, board_window):
    w = board_window
    assert w.act_projector.isEnabled()
    w.act_projector.trigger()
    qtbot.waitUntil(lambda: w.projector is not None and w.projector.isVisible())
    # Opening it again reuses the one window.
    first = w.projector
    w.act_projector.trigger()
    assert w.projector is first


def test_projector_zoom_keys(qtbot, board_window):
    w = board_window
    capture(qtbot, w.board, "Community solar on the school roof")
    projector = _open_projector(qtbot, w)
    activate(qtbot, projector)
    board = projector.board_view
    fitted = board.note_pixel_size()
    assert fitted > 0

    qtbot.keyClick(projector, Qt.Key.Key_Minus, CTRL)
    smaller = board.note_pixel_size()
    assert smaller < fitted
    qtbot.keyClick(projector, Qt.Key.Key_Minus, CTRL)
    assert board.note_pixel_size() < smaller
    qtbot.keyClick(projector, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(projector, Qt.Key.Key_Plus, CTRL)
    assert abs(board.note_pixel_size() - fitted) <= 1
    # Ctrl+0 fits the board to the screen again.
    qtbot.keyClick(projector, Qt.Key.Key_Minus, CTRL)
    qtbot.keyClick(projector, Qt.Key.Key_0, CTRL)
    assert board.note_pixel_size() == fitted

    shot = projector.grab()
    assert not shot.isNull() and shot.width() > 0 and shot.height() > 0


def test_projector_is_closed_with_the_main_window(qtbot, board_window):
    w = board_window
    projector = _open_projector(qtbot, w)
    w.close()
    assert not projector.isVisible()
    QApplication.processEvents()


def test_on_one_screen_words_typed_at_the_projector_go_on_to_the_board(qtbot, board_window):
    """With one screen (a mirrored projector), Ctrl+P brings the projector to the front with
    its keys; a facilitator who then types a note is typing at the board: the words go to the
    capture bar, which comes back to the front, and Enter saves them."""
    w = board_window
    board = w.board
    capture(qtbot, board, "Buses every 30 minutes")
    assert len(QApplication.screens()) == 1
    projector = _open_projector(qtbot, w)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is projector)
    qtbot.keyClick(projector, Qt.Key.Key_Right)  # its own keys still work
    assert projector.board_view.only_theme == 0
    qtbot.keyClicks(projector, "Y")  # the first letter reaches the projector...
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    assert QApplication.focusWidget() is board.capture.note_edit
    capture(qtbot, board, "outh club needs funding")  # ...the rest the capture bar
    assert note_by_text(w.db, "Youth club needs funding")
    # A and H are the projector's keys only on a screen of its own: here they start notes.
    for first, rest in (("H", "eat pumps for the school"), ("A", "ffordable homes")):
        activate(qtbot, projector)
        qtbot.keyClicks(projector, first)
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
        capture(qtbot, board, rest)
        assert note_by_text(w.db, first + rest)
    assert not projector.high_contrast
    assert live_count(w.db) == 4
    qtbot.waitUntil(lambda: _cards(projector) == 3)  # one theme on show, the new notes in it
    assert projector.isVisible()
