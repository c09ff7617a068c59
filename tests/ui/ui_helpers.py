"""Helpers shared by the GUI tests: reading the database, typing, finding cards."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import text

from workshop_app.core.board import Board, load_board
from workshop_app.store.database import Database
from workshop_app.ui.board_screen import BoardScreen
from workshop_app.ui.card_list import CardListView
from workshop_app.ui.column_model import ROW_ROLE


def activate(qtbot, widget: QWidget) -> None:
    """Shortcuts only fire in the active window."""
    top = widget.window()
    top.raise_()
    top.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is top, timeout=3000)


def load(db: Database, workshop: str) -> Board:
    return db.read(lambda s: load_board(s, workshop))


def sql(db: Database, query: str, **params: Any) -> list[dict[str, Any]]:
    with db.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(text(query), params)]


def note_rows(db: Database) -> list[dict[str, Any]]:
    """Every row of the notes table, tombstones included, in capture order."""
    return sql(db, "SELECT * FROM notes ORDER BY seq, id")


def note_by_text(db: Database, note_text: str) -> dict[str, Any]:
    rows = sql(db, "SELECT * FROM notes WHERE text = :t", t=note_text)
    assert len(rows) == 1, f"expected one note {note_text!r}, found {len(rows)}"
    return rows[0]


def live_count(db: Database) -> int:
    return sql(db, "SELECT count(*) AS n FROM notes WHERE deleted_at IS NULL")[0]["n"]


def theme_ids(db: Database, workshop: str) -> list[str]:
    return [t.id for t in load(db, workshop).themes]


def capture(qtbot, board: BoardScreen, note_text: str) -> None:
    """Type a note where the keyboard is (the capture bar) and press Enter."""
    edit = board.capture.note_edit
    assert QApplication.focusWidget() is edit, "keyboard focus should be in the capture bar"
    type_text(qtbot, edit, note_text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def type_text(qtbot, widget: QWidget, typed: str) -> None:
    """Type text into a widget. QTest only knows ASCII keys (it aborts on others), so other
    characters arrive as a keyboard layout or input method delivers them: a key event that
    carries the character (a whole code point, so emoji are not split into surrogates)."""
    for ch in typed:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
    """Press a key where the keyboard focus is, as a user would."""
    target = QApplication.focusWidget()
    assert target is not None, "nothing has keyboard focus"
    qtbot.keyClick(target, key, modifiers)


def model_texts(view: CardListView) -> list[str]:
    model = view.model()
    out = []
    for i in range(model.rowCount()):
        row = model.index(i, 0).data(ROW_ROLE)
        out.append(row.card.text if row.card else f"[{row.cluster.name}]")
    return out


def index_of_text(view: CardListView, note_text: str) -> QModelIndex:
    model = view.model()
    for i in range(model.rowCount()):
        row = model.index(i, 0).data(ROW_ROLE)
        if row.card is not None and row.card.text == note_text:
            return model.index(i, 0)
    raise AssertionError(f"{note_text!r} is not in the column ({model_texts(view)})")


def click_card(qtbot, view: CardListView, note_text: str, modifier=Qt.KeyboardModifier.NoModifier):
    index = index_of_text(view, note_text)
    view.scrollTo(index)
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    qtbot.waitUntil(lambda: view.hasFocus())
