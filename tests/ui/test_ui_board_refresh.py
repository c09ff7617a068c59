"""Refreshing what changed: an action on loose notes is applied to the open board in place, so
adding a note costs the same on a 50,000-note board as on a small one."""

from __future__ import annotations

import statistics
import time
import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import text
from ui_helpers import capture, live_count, model_texts, press

from workshop_app.core.records import now_iso
from workshop_app.store.database import Database

CTRL = Qt.KeyboardModifier.ControlModifier


def _bulk_notes(db: Database, workshop_id: str, count: int) -> None:
    """`count` loose notes spread over the first four themes, written in one SQL statement."""
    with db.engine.begin() as conn:
        themes = [
            r[0]
            for r in conn.execute(
                text("SELECT id FROM themes WHERE workshop_id = :w ORDER BY position"),
                {"w": workshop_id},
            )
        ][:4]
        now = now_iso()
        rows = [
            {
                "id": str(uuid.uuid4()),
                "w": workshop_id,
                "t": themes[i % 4],
                "text": f"Bulk note {i}: more buses on Sundays and a bench by the stop",
                "label": f"Table {i % 12 + 1}",
                "seq": i + 1,
                "now": now,
                "dev": db.device_id,
                "rev": f"0000000000000-0000-bulk{i}",
            }
            for i in range(count)
        ]
        conn.execute(
            text(
                "INSERT INTO notes (id, workshop_id, theme_id, text, table_label, position, seq,"
                " created_at, updated_at, device_id, rev) VALUES (:id, :w, :t, :text, :label,"
                " 0, :seq, :now, :now, :dev, :rev)"
            ),
            rows,
        )


def _open_board(qtbot, window):
    w = window()
    qtbot.keyClick(w.home.list, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: w.board is not None and w.board.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is w.board.capture.note_edit)
    return w


def _add_note_times(w, adds: int) -> list[float]:
    """Milliseconds from Enter in the capture bar to the card in its column, saved."""
    board = w.board
    theme_id = board.capture.current_theme_id()
    model = board.board_model.models[theme_id]
    times = []
    for i in range(adds):
        before = model.rowCount()
        start = time.perf_counter()
        board.capture.submitted.emit(f"Timed note {i}", theme_id, "")
        times.append((time.perf_counter() - start) * 1000)
        assert model.rowCount() == before + 1
        assert model.rows()[-1].card.text == f"Timed note {i}"
    return times


def test_adding_a_note_inserts_one_row_and_reloads_nothing(qtbot, window, db, workshop_id):
    _bulk_notes(db, workshop_id, 300)
    w = _open_board(qtbot, window)
    models = w.board_model.models
    resets, inserted = [], []
    for model in models.values():
        model.modelReset.connect(lambda m=model: resets.append(m.theme_id))
        model.rowsInserted.connect(lambda _p, first, last, m=model: inserted.append(m.theme_id))
    capture(qtbot, w.board, "A bench at the bus stop")
    first_theme = w.board.capture.current_theme_id()
    assert inserted == [first_theme]
    assert resets == []
    assert "301 notes" in w.board.total.text()
    # Undo is applied in place too: the row goes, nothing reloads.
    press(qtbot, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: live_count(db) == 300)
    assert resets == []
    assert "A bench at the bus stop" not in model_texts(w.board.view_for_theme(first_theme))
    assert "300 notes" in w.board.total.text()


def test_a_note_edited_elsewhere_shows_in_place_and_a_new_cluster_reloads(
    qtbot, window, db, workshop_id
):
    _bulk_notes(db, workshop_id, 40)
    w = _open_board(qtbot, window)
    session, model = w.session, w.board_model
    first = model.theme_ids()[0]
    column = model.models[first]
    ids = [r.id for r in column.rows()[:2]]
    from workshop_app.core.operations import board as ops

    session.run(ops.edit_note(ids[0], "Changed in place"))
    assert column.rows()[0].card.text == "Changed in place"
    session.run(ops.group(ids, "Buses"))
    assert column.rows()[0].kind == "cluster"
    assert [r.id for r in column.rows()[1:3]] == ids


@pytest.mark.slow
@pytest.mark.parametrize("notes", [1_000, 50_000])
def test_adding_a_note_stays_fast_as_the_board_grows(qtbot, window, db, workshop_id, notes):
    _bulk_notes(db, workshop_id, notes)
    w = _open_board(qtbot, window)
    times = _add_note_times(w, 15)
    median = statistics.median(times)
    print(
        f"\nadd a note with {notes} notes on the board: median {median:.1f} ms, "
        f"min {min(times):.1f} ms, max {max(times):.1f} ms"
    )
    model = w.board_model
    model.set_query("sundays")  # folds every card once; later keystrokes reuse it
    start = time.perf_counter()
    model.set_query("sunday")
    search_ms = (time.perf_counter() - start) * 1000
    assert model.match_count == notes
    model.set_query("NOTE 7")
    bulk = sum(1 for i in range(notes) if str(i).startswith("7"))
    assert model.match_count == bulk + 1  # and "Timed note 7"
    print(f"a search keystroke with {notes} notes (cached folding): {search_ms:.1f} ms")
    # 753 ms at 50,000 before the board was patched in place; the target is 20 ms. The bound
    # leaves room for a busy shared machine, and still fails if the board is reloaded.
    assert median < 120


def test_search_filters_once_per_pause_in_typing(qtbot, window, db, workshop_id):
    _bulk_notes(db, workshop_id, 200)
    w = _open_board(qtbot, window)
    board, model = w.board, w.board_model
    passes: list[str] = []
    model.updated.connect(lambda: passes.append(model.query))
    press(qtbot, Qt.Key.Key_F, CTRL)
    for key in "note 19":
        qtbot.keyClicks(board.search, key)
    assert passes == []  # nothing filtered while the keys keep coming
    qtbot.waitUntil(lambda: passes == ["note 19"], timeout=2000)
    # "Bulk note 19", "Bulk note 190".."199": the count comes from the same pass as the rows.
    assert model.match_count == 11
    assert "Showing 11 of 200 notes" in board.total.text()
