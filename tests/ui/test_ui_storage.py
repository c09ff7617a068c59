"""Bad input and a failing disk, seen from the GUI: a clear message, nothing lost, nothing torn."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import event
from ui_helpers import capture, live_count, note_rows, press, sql

CTRL = Qt.KeyboardModifier.ControlModifier


def _fill_disk(db) -> None:
    """From now on the database file cannot grow: SQLite reports 'database or disk is full'."""
    pages = sql(db, "PRAGMA page_count")[0]["page_count"]
    db.engine.dispose()

    def cap(dbapi_conn, _record):
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA max_page_count = {pages}")
        cursor.close()

    event.listen(db.engine, "connect", cap)


def test_full_disk_keeps_typed_text_and_database_intact(qtbot, board_window):
    w = board_window
    board = w.board
    db = w.db
    capture(qtbot, board, "Saved before the disk filled up")
    before = note_rows(db)
    _fill_disk(db)

    big = "Long testimony about the closure of the library. " * 2000
    QApplication.clipboard().setText(big)
    press(qtbot, Qt.Key.Key_V, CTRL)
    press(qtbot, Qt.Key.Key_Return)

    message = board.capture.message
    assert message.isVisible()
    assert "disk is full" in message.text().lower()
    assert "\n" not in message.text()
    # Nothing typed is lost: the note is still in the box, ready to retry.
    assert board.capture.note_edit.text() == big
    assert QApplication.focusWidget() is board.capture.note_edit
    # The database is as it was, and sound.
    assert note_rows(db) == before
    assert live_count(db) == 1
    assert db.integrity_check() == "ok"
    assert sql(db, "PRAGMA integrity_check")[0]["integrity_check"] == "ok"
    # The board still shows just the saved note; nothing half-added.
    assert board.columns[0].view.model().rowCount() == 1
    assert w.session.undo_stack.count() == 1


def test_failed_undo_can_be_retried_and_does_not_skip_to_an_older_action(qtbot, board_window):
    """The data folder turns read-only (a USB stick's lock switch, a sync tool): Ctrl+Z fails
    and says so. Once the folder is writable again, Ctrl+Z must retry that same undo, not
    silently undo the action before it."""
    w = board_window
    board = w.board
    db = w.db
    capture(qtbot, board, "First note")
    capture(qtbot, board, "Second note")
    db.engine.dispose()

    def read_only(dbapi_conn, _record):
        dbapi_conn.execute("PRAGMA query_only = ON")

    event.listen(db.engine, "connect", read_only)
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert "read-only" in board.capture.message.text()
    assert live_count(db) == 2
    view = board.columns[0].view
    assert view.model().rowCount() == 2

    event.remove(db.engine, "connect", read_only)
    db.engine.dispose()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    live = [r["text"] for r in sql(db, "SELECT text FROM notes WHERE deleted_at IS NULL")]
    assert live == ["First note"], (
        f"after the failed undo, Ctrl+Z undid an older action instead: live notes are {live}"
    )
