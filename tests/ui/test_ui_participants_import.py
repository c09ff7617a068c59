"""Importing a sign-up list from the GUI: a preview first, nothing saved until confirmed, and
consent applied to what is kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from test_ui_participants import open_register
from ui_helpers import sql

CSV = (
    "name,email,take_part,contact,quote\r\n"
    "Nia Morgan,nia@example.org,yes,yes,first_name\r\n"
    "Huw Bevan,huw@example.org,yes,no,no\r\n"
    "Dafydd Lloyd,dafydd@example.org,,,\r\n"
)


def test_preview_first_then_import_keeps_only_what_consent_allows(qtbot, board_window, tmp_path):
    w = board_window
    path = tmp_path / "sign-up.csv"
    path.write_text(CSV, encoding="utf-8")
    dialog = open_register(qtbot, w)
    preview = dialog.import_from(path)
    assert preview is not None
    qtbot.waitUntil(preview.isVisible)
    # Nothing is saved before the facilitator confirms.
    assert sql(w.db, "SELECT count(*) AS n FROM participants")[0]["n"] == 0
    assert preview.table.topLevelItemCount() == 3
    assert preview.table.topLevelItem(2).text(1) == "(no name kept)"
    assert "no consent to take part" in preview.dropped.text()
    assert "Import 3 participants" in preview.import_button.text()
    qtbot.keyClick(preview.import_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not preview.isVisible())
    rows = sql(w.db, "SELECT name, email FROM participants ORDER BY name")
    assert rows == [
        {"name": "", "email": ""},
        {"name": "Huw Bevan", "email": ""},
        {"name": "Nia Morgan", "email": "nia@example.org"},
    ]
    assert dialog.list.topLevelItemCount() == 3
    assert "Imported 3 participants" in dialog.message.text()
    database_bytes = w.db.path.read_bytes() + w.db.path.with_name("workshop.db-wal").read_bytes()
    assert b"Dafydd" not in database_bytes


def test_a_bad_sign_up_file_is_refused_in_one_line(qtbot, board_window, tmp_path):
    w = board_window
    path = tmp_path / "bad.csv"
    path.write_text("full name,phone\r\nNia,0123\r\n", encoding="utf-8")
    dialog = open_register(qtbot, w)
    assert dialog.import_from(path) is None
    assert "email" in dialog.message.text() and "\n" not in dialog.message.text()
    assert sql(w.db, "SELECT count(*) AS n FROM participants")[0]["n"] == 0
