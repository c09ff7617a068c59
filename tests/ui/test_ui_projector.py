"""The projector window mirrors the board live, in large type that zooms."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import activate, capture, live_count, load, model_texts, press

from workshop_app.ui.projector import BASE_POINT_SIZE, ProjectorWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _cards(columns) -> int:
    return sum(c.view.model().rowCount() for c in columns)


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
    assert len(projector.columns) == len(board.columns) == len(load(w.db, workshop_id).themes)
    assert _cards(projector.columns) == _cards(board.columns) == 2
    assert projector.total.text() == "2 notes"
    assert [c.header.text() for c in projector.columns] == [c.header.text() for c in board.columns]
    # The projector shows the workshop title when there is no prompt.
    assert projector.title.text() == "Llanidloes town hall"

    # Back to the main window: a new note appears on the projector at once.
    activate(qtbot, w)
    board.focus_capture()
    capture(qtbot, board, "Skate park by the river")
    assert live_count(w.db) == 3
    assert model_texts(projector.columns[0].view)[-1] == "Skate park by the river"
    assert _cards(projector.columns) == 3
    assert projector.total.text() == "3 notes"
    # Undo in the main window takes it off the projector too.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert model_texts(projector.columns[0].view) == ["Buses every 30 minutes", "Sunday buses!"]
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


def test_projector_zoom_keys_and_buttons(qtbot, board_window):
    w = board_window
    capture(qtbot, w.board, "Community solar on the school roof")
    projector = _open_projector(qtbot, w)
    activate(qtbot, projector)
    base = projector.delegate.font.pointSizeF()
    assert base == BASE_POINT_SIZE
    card_height = projector.delegate.card_height

    qtbot.keyClick(projector, Qt.Key.Key_Plus, CTRL)
    bigger = projector.delegate.font.pointSizeF()
    assert bigger > base
    assert projector.delegate.card_height > card_height
    qtbot.mouseClick(projector.zoom_in, Qt.MouseButton.LeftButton)
    assert projector.delegate.font.pointSizeF() > bigger
    # The column headers grow with the cards.
    assert "font-size: 26" in projector.columns[0].header.styleSheet() or (
        projector.columns[0].header_point_size > base * 1.1
    )
    qtbot.keyClick(projector, Qt.Key.Key_Minus, CTRL)
    qtbot.mouseClick(projector.zoom_out, Qt.MouseButton.LeftButton)
    assert abs(projector.delegate.font.pointSizeF() - base) < 0.01
    qtbot.keyClick(projector, Qt.Key.Key_Plus, CTRL)
    qtbot.keyClick(projector, Qt.Key.Key_0, CTRL)
    assert projector.delegate.font.pointSizeF() == base

    shot = projector.grab()
    assert not shot.isNull() and shot.width() > 0 and shot.height() > 0


def test_projector_is_closed_with_the_main_window(qtbot, board_window):
    w = board_window
    projector = _open_projector(qtbot, w)
    w.close()
    assert not projector.isVisible()
    QApplication.processEvents()
