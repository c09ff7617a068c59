"""Notes in and out of the main window: formula-safe CSV export, import undone by one Ctrl+Z."""

from __future__ import annotations

import csv

from PySide6.QtCore import Qt
from ui_helpers import capture, live_count, load, model_texts, note_by_text, press, sql

CTRL = Qt.KeyboardModifier.ControlModifier

IMPORT_CSV = (
    "text,theme,cluster,table\r\n"
    '"=SUM(A1:A9)",Reviving places,,Table 1\r\n'
    "Market day back on Saturdays,Reviving places,High street,Table 2\r\n"
    "Free parking for the first hour,Reviving places,High street,Table 3\r\n"
    '"Fish & chips <b> 5 < 6, said ""Dai""",,,\r\n'
    "-2 degrees in the hall,Zero carbon and green jobs,,Table 4\r\n"
)


def test_import_then_export_is_formula_safe_and_import_undoes_in_one_step(
    qtbot, board_window, workshop_id, tmp_path
):
    w = board_window
    db = w.db
    capture(qtbot, w.board, "Typed before the import")
    source = tmp_path / "notes.csv"
    source.write_text(IMPORT_CSV, encoding="utf-8")

    assert w.notes_files.import_from(source, confirm=False) is True
    assert "Imported 5 notes" in w.statusBar().currentMessage()
    assert live_count(db) == 6
    # Stored exactly as in the file (the formula-looking text is kept, not altered).
    assert note_by_text(db, "=SUM(A1:A9)")["table_label"] == "Table 1"
    assert note_by_text(db, 'Fish & chips <b> 5 < 6, said "Dai"')["deleted_at"] is None
    board = load(db, workshop_id)
    themes = {t.name: t.id for t in board.themes}
    assert note_by_text(db, "=SUM(A1:A9)")["theme_id"] == themes["Reviving places"]
    assert (
        note_by_text(db, 'Fish & chips <b> 5 < 6, said "Dai"')["theme_id"]
        == (themes["Parking lot"])
    )
    assert [c.name for c in board.clusters.values()] == ["High street"]
    reviving = w.board.view_for_theme(themes["Reviving places"])
    assert "=SUM(A1:A9)" in model_texts(reviving)
    assert "[High street]" in model_texts(reviving)

    out = tmp_path / "export.csv"
    assert w.notes_files.export_to(out) is True
    assert "Exported 6 notes" in w.statusBar().currentMessage()
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # spreadsheets then read it as UTF-8
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    texts = {r["text"] for r in rows}
    assert "'=SUM(A1:A9)" in texts and "=SUM(A1:A9)" not in texts
    assert "'-2 degrees in the hall" in texts
    assert 'Fish & chips <b> 5 < 6, said "Dai"' in texts
    assert "Typed before the import" in texts
    assert len(rows) == 6

    # One Ctrl+Z undoes the whole import; the note typed before it stays.
    w.board.focus_capture()
    press(qtbot, Qt.Key.Key_Z, CTRL)
    assert live_count(db) == 1
    imported = sql(db, "SELECT deleted_at FROM notes WHERE text != 'Typed before the import'")
    assert len(imported) == 5 and all(r["deleted_at"] is not None for r in imported)
    assert note_by_text(db, "Typed before the import")["deleted_at"] is None
    assert load(db, workshop_id).clusters == {}
    assert model_texts(reviving) == []
    # Redo brings the whole import back.
    press(qtbot, Qt.Key.Key_Z, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert live_count(db) == 6


def test_bad_import_file_is_refused_whole(qtbot, board_window, tmp_path, monkeypatch):
    w = board_window
    db = w.db
    shown: list[str] = []
    import workshop_app.ui.main_window as main_window

    monkeypatch.setattr(
        main_window.QMessageBox, "warning", staticmethod(lambda _p, _t, m: shown.append(m))
    )
    bad = tmp_path / "bad.csv"
    bad.write_text("text,theme\r\nGood line,\r\nAnother,No such theme\r\n", encoding="utf-8")
    assert w.notes_files.import_from(bad, confirm=False) is False
    assert live_count(db) == 0  # all or nothing
    # The reason, with the line number, is shown on the board.
    said = " ".join([*shown, w.board.capture.message.text()])
    assert "Line 3" in said and "No such theme" in said
    assert w.session.undo_stack.count() == 0

    # A file that is not UTF-8 is refused with a message box naming the problem.
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9 in the square\n".encode("latin-1"))
    assert w.notes_files.import_from(latin, confirm=False) is False
    assert any("not UTF-8" in m for m in shown)
    assert live_count(db) == 0
