"""Drag and drop: a card dropped on a card makes a cluster; on another column, it moves."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from ui_helpers import capture, index_of_text, load, model_texts, note_by_text, press, sql

from workshop_app.ui.card_list import CardListView
from workshop_app.ui.column_model import NOTE_MIME, ROW_ROLE

CTRL = Qt.KeyboardModifier.ControlModifier


def _drop(view: CardListView, mime: QMimeData, pos: QPoint) -> QDropEvent:
    """Deliver drag-enter, drag-move and drop to the view's viewport, as Qt's drag manager does."""
    viewport = view.viewport()
    actions = Qt.DropAction.MoveAction | Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted(), "the column refuses card drags"
    move = QDragMoveEvent(pos, actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, move)
    drop = QDropEvent(QPointF(pos), actions, mime, buttons, mods)
    QApplication.sendEvent(viewport, drop)
    return drop


def _mime_for(view: CardListView, text: str) -> QMimeData:
    return view.model().mimeData([index_of_text(view, text)])


def test_drop_card_on_card_makes_cluster_of_both(qtbot, board_window, workshop_id):
    w = board_window
    db = w.db
    for text in ("Skate park by the river", "Youth club open later", "Market day back"):
        capture(qtbot, w.board, text)
    view = w.board.columns[0].view
    mime = _mime_for(view, "Youth club open later")
    payload = json.loads(bytes(mime.data(NOTE_MIME).data()).decode())
    assert payload["cards"] == [note_by_text(db, "Youth club open later")["id"]]

    target = view.visualRect(index_of_text(view, "Skate park by the river")).center()
    drop = _drop(view, mime, target)
    assert drop.isAccepted()
    assert drop.dropAction() == Qt.DropAction.CopyAction  # Qt must not remove rows itself

    clusters = sql(db, "SELECT id, name FROM clusters WHERE deleted_at IS NULL")
    assert len(clusters) == 1
    a = note_by_text(db, "Skate park by the river")
    b = note_by_text(db, "Youth club open later")
    assert a["cluster_id"] == b["cluster_id"] == clusters[0]["id"]
    assert note_by_text(db, "Market day back")["cluster_id"] is None
    board = load(db, workshop_id)
    assert set(board.clusters[clusters[0]["id"]].card_ids) == {a["id"], b["id"]}
    # The view shows the cluster header with both cards, and offers to name it.
    assert model_texts(view)[:3] == [
        "[Skate park by the river]",
        "Skate park by the river",
        "Youth club open later",
    ]
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPlainTextEdit))
    press(qtbot, Qt.Key.Key_Escape)


def test_drop_on_empty_area_of_other_column_moves_card(qtbot, board_window, workshop_id):
    w = board_window
    db = w.db
    themes = load(db, workshop_id).themes
    capture(qtbot, w.board, "Jobs fair with local firms")
    capture(qtbot, w.board, "Support for carers")
    source = w.board.view_for_theme(themes[0].id)
    target = w.board.view_for_theme(themes[2].id)
    mime = _mime_for(source, "Jobs fair with local firms")
    empty_spot = QPoint(target.viewport().width() // 2, target.viewport().height() - 10)
    assert not target.indexAt(empty_spot).isValid()
    _drop(target, mime, empty_spot)

    assert note_by_text(db, "Jobs fair with local firms")["theme_id"] == themes[2].id
    assert note_by_text(db, "Support for carers")["theme_id"] == themes[0].id
    assert model_texts(target) == ["Jobs fair with local firms"]
    assert model_texts(source) == ["Support for carers"]
    # One Ctrl+Z puts it back.
    w.board.focus_capture()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert note_by_text(db, "Jobs fair with local firms")["theme_id"] == themes[0].id


def test_on_drop_handler_with_model_payload(qtbot, board_window, workshop_id):
    """The view's drop handler, called with the payload the model's mimeData builds."""
    w = board_window
    db = w.db
    themes = load(db, workshop_id).themes
    for text in ("Fill the empty shops", "Pop-ups and makers", "Free parking"):
        capture(qtbot, w.board, text)
    view = w.board.columns[0].view
    mime = view.model().mimeData(
        [index_of_text(view, "Pop-ups and makers"), index_of_text(view, "Free parking")]
    )
    payload = json.loads(bytes(mime.data(NOTE_MIME).data()).decode())
    target_row = index_of_text(view, "Fill the empty shops").data(ROW_ROLE)
    view.on_drop(themes[0].id, target_row, payload)
    cluster_ids = {
        note_by_text(db, t)["cluster_id"]
        for t in ("Fill the empty shops", "Pop-ups and makers", "Free parking")
    }
    assert len(cluster_ids) == 1 and None not in cluster_ids
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QPlainTextEdit))
    press(qtbot, Qt.Key.Key_Escape)

    # Dropping the cluster header on another column's empty area moves the whole cluster.
    view = w.board.columns[0].view
    cluster_index = view.model().index(0, 0)
    assert cluster_index.data(ROW_ROLE).kind == "cluster"
    payload = json.loads(
        bytes(view.model().mimeData([cluster_index]).data(NOTE_MIME).data()).decode()
    )
    w.board.view_for_theme(themes[3].id).on_drop(themes[3].id, None, payload)
    for text in ("Fill the empty shops", "Pop-ups and makers", "Free parking"):
        assert note_by_text(db, text)["theme_id"] == themes[3].id
    board = load(db, workshop_id)
    assert [c.theme_id for c in board.clusters.values()] == [themes[3].id]
    assert model_texts(w.board.view_for_theme(themes[0].id)) == []
