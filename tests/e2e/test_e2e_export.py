"""`notes export`: a UTF-8 (BOM) CSV that csv reads back, formula cells neutralised, every
other cell byte-exact, and the file written whole or not at all."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest
from e2e_support import Cli, new_workshop

from workshop_app.core.clusters import create_cluster
from workshop_app.core.notes import add_note, stack_duplicates
from workshop_app.core.themes import add_theme, list_themes
from workshop_app.store.database import Database

COLUMNS = ["text", "theme", "cluster", "table", "stacked_on", "id", "created_at"]
FORMULA_STARTS = ("=", "+", "-", "@")


def expected_cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


@pytest.fixture
def board(cli: Cli) -> str:
    """Notes whose text, table, theme and cluster names start with formula characters."""
    wid = new_workshop(cli.data_dir, '=HYPERLINK("x") title').id
    db = Database.open(cli.data_dir)
    try:
        themes = db.read(lambda s: list_themes(s, wid))
        danger = db.run(lambda s: add_theme(s, wid, "=Danger theme"))
        specs = [
            ("=1+1", themes[0].id, "Table 1"),
            ("+44 29 2000 0000", themes[0].id, "=Table 2"),
            ("-minus", themes[1].id, "-3"),
            ("@SUM(A1)", danger.id, "@table"),
            ("plain text, with comma", themes[1].id, "Table 'quoted'"),
            ('multi\nline "quoted"', danger.id, ""),
            ("'already an apostrophe", themes[4].id, ""),
            (" =space first", themes[2].id, ""),
            ("emoji 👩‍👩‍👧‍👦 and עברית", themes[3].id, "Bwrdd 3"),
            ("duplicate of =1+1", themes[0].id, "Table 5"),
        ]
        ids = [
            db.run(lambda s, t=t, th=th, lb=lb: add_note(s, wid, t, th, lb)).id
            for t, th, lb in specs
        ]
        db.run(lambda s: create_cluster(s, [ids[0], ids[1]], "@home cluster"))
        db.run(lambda s: create_cluster(s, [ids[5]], 'Quiet, "calm" cluster'))
        db.run(lambda s: stack_duplicates(s, ids[0], [ids[9]]))
    finally:
        db.close()
    return wid


def stored(data_dir: Path, wid: str) -> dict[str, dict[str, str]]:
    conn = sqlite3.connect(data_dir / "workshop.db")
    try:
        rows = conn.execute(
            "SELECT n.id, n.text, t.name, t.is_parking_lot, coalesce(c.name, ''), "
            "n.table_label, coalesce(n.duplicate_of, ''), n.created_at FROM notes n "
            "JOIN themes t ON t.id = n.theme_id "
            "LEFT JOIN clusters c ON c.id = n.cluster_id AND c.deleted_at IS NULL "
            "WHERE n.workshop_id = ? AND n.deleted_at IS NULL",
            (wid,),
        ).fetchall()
    finally:
        conn.close()
    return {
        r[0]: {
            "text": r[1],
            "theme": "" if r[3] else r[2],
            "cluster": r[4],
            "table": r[5],
            "stacked_on": r[6],
            "id": r[0],
            "created_at": r[7],
        }
        for r in rows
    }


def test_export_is_spreadsheet_safe_and_exact(cli: Cli, board: str, tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    target = folder / "notes.csv"
    target.write_text("old content that must be replaced entirely\n" * 1000)
    out = cli.ok("notes", "export", board, "--out", target)
    assert out.startswith("Exported 10 notes of "), out

    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"old content" not in raw
    text = raw.decode("utf-8")  # strict: the whole file is UTF-8
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), strict=True)
    header, *rows = list(reader)
    assert header == COLUMNS
    assert all(len(r) == len(COLUMNS) for r in rows)

    expected = stored(cli.data_dir, board)
    got = {r[COLUMNS.index("id")]: dict(zip(COLUMNS, r, strict=True)) for r in rows}
    assert len(rows) == len(expected) == 10
    assert got.keys() == expected.keys()
    for note_id, want in expected.items():
        for column in COLUMNS:
            assert got[note_id][column] == expected_cell(want[column]), (column, want)
    # Cells that start with a formula character really were there, and really were escaped.
    texts = {r[0] for r in rows}
    assert {"'=1+1", "'+44 29 2000 0000", "'-minus", "'@SUM(A1)"} <= texts
    assert {"'already an apostrophe", " =space first", 'multi\nline "quoted"'} <= texts
    assert "'=Danger theme" in {r[1] for r in rows}
    assert "'@home cluster" in {r[2] for r in rows}
    assert sorted(p.name for p in folder.iterdir()) == ["notes.csv"]


def test_export_into_missing_folder_fails_cleanly(cli: Cli, board: str, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "notes.csv"
    message = cli.fails("notes", "export", board, "--out", target)
    assert "no-such-folder" in message
    assert not target.parent.exists()


def test_export_onto_a_folder_fails_and_leaves_no_temp_file(
    cli: Cli, board: str, tmp_path: Path
) -> None:
    folder = tmp_path / "exports"
    (folder / "notes.csv").mkdir(parents=True)
    cli.fails("notes", "export", board, "--out", folder / "notes.csv")
    assert [p.name for p in folder.iterdir()] == ["notes.csv"]
    assert list((folder / "notes.csv").iterdir()) == []


def _board_shape(data_dir: Path, wid: str) -> list[tuple[str, str, str, str, str]]:
    """Each live note as (text, theme, cluster, table, text of the note it is stacked on):
    what a person sees on the board, without the ids that an import mints afresh."""
    notes = stored(data_dir, wid)
    return sorted(
        (
            n["text"],
            n["theme"],
            n["cluster"],
            n["table"],
            notes[n["stacked_on"]]["text"] if n["stacked_on"] else "",
        )
        for n in notes.values()
    )


def test_an_export_imported_again_gives_back_the_same_board(
    cli: Cli, board: str, tmp_path: Path
) -> None:
    target = tmp_path / "notes.csv"
    cli.ok("notes", "export", board, "--out", target)
    copy = new_workshop(cli.data_dir, "The same board again")
    db = Database.open(cli.data_dir)
    try:
        # The same columns: the export names its themes, and the copy must have them.
        db.run(lambda s: add_theme(s, copy.id, "=Danger theme"))
        names = [
            [t.name for t in db.read(lambda s, w=w: list_themes(s, w))] for w in (board, copy.id)
        ]
        assert names[0] == names[1]
    finally:
        db.close()
    cli.ok("notes", "import", copy.id, target)
    assert _board_shape(cli.data_dir, copy.id) == _board_shape(cli.data_dir, board)
