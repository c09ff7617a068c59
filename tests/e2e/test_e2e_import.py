"""`notes import`: .txt and .csv in, byte-exact text, themes and clusters by name, and
all-or-nothing refusal of anything wrong with one line on stderr."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from e2e_support import Cli, live_notes, new_workshop, table_rows

from workshop_app.core.notes import add_note
from workshop_app.core.themes import list_themes
from workshop_app.store.database import Database

PARKING = "Parking lot"
CWO = "Community wealth and ownership"
ZERO = "Zero carbon and green jobs"
WORK = "Good work and decent pay"
PLACES = "Reviving places"

# Text that must come back exactly as it went in.
ODD_TEXTS = [
    "👩‍👩‍👧‍👦 family, one ZWJ sequence",
    "🏳️‍🌈 and 🏴‍☠️ flags, 👍🏽 skin tone, 🇨🇾 regional indicators",
    "🙂🙃😀",
    "مرحبا بالعالم: نريد حافلات أكثر",
    "שלום עולם, עם ניקוד: שָׁלוֹם",
    "mixed: Bus 42 → אוטובוס 42 ← الحافلة 42",
    "e\u0301 decomposed vs \u00e9 precomposed",
    "Z\u0351\u0364\u036b\u0300a\u0336l\u0334g\u0327o\u0315",
    "<script>alert('x')</script>",
    "AT&T &amp; &lt;b&gt; not escaped",
    "She said \"more buses\", then 'please'",
    "comma, separated, values, inside",
    "line one\nline two\n\nline four after a blank",
    "windows\r\nline break",
    "  leading and trailing spaces  ",
    "trailing tab\t",
    "=SUM(A1:A9)",
    "+44 29 2000 0000",
    "-5 degrees in the hall",
    "@council please reply",
    "'quoted with an apostrophe",
    "zero\u200bwidth\u200djoiner\u200cnon-joiner",
    "Welsh: Mae angen bysiau ar ddydd Sul. Ŵ ŷ â",
    "CJK 社区 공동체 コミュニティ and 𠜎𠜱 (astral)",
    "\u202eright-to-left override\u202c",
    "a\u2028line separator inside a cell",
    'a lone "quote',
]


def open_db(data_dir: Path) -> Database:
    return Database.open(data_dir)


@pytest.fixture
def seeded(cli: Cli) -> str:
    """A workshop that already holds three notes, so 'nothing changed' means something."""
    wid = new_workshop(cli.data_dir).id
    db = open_db(cli.data_dir)
    try:
        themes = db.read(lambda s: list_themes(s, wid))
        for text, theme in (("Existing one", 0), ("Existing two", 1), ("Existing three", 4)):
            db.run(lambda s, t=text, i=theme: add_note(s, wid, t, themes[i].id, "Table 9"))
    finally:
        db.close()
    return wid


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def read_export(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), raw[:20]
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def new_notes(data_dir: Path, wid: str, before: dict) -> dict:
    after = live_notes(data_dir, wid)
    return {k: v for k, v in after.items() if k not in before}


def test_txt_import_one_note_per_line(cli: Cli, seeded: str, tmp_path: Path) -> None:
    before = live_notes(cli.data_dir, seeded)
    path = tmp_path / "notes.txt"
    path.write_bytes(
        "First note\n"
        "\n"
        "  indented, spaces kept  \n"
        " \t \n"
        "Ysgol y Bont – café au lait 👩‍👩‍👧\r\n"
        "\n\n"
        "last line without a newline".encode()
    )
    out = cli.ok("notes", "import", seeded, path)
    assert out.startswith("Imported 4 notes into 'Llanidloes town hall'"), out
    added = new_notes(cli.data_dir, seeded, before)
    assert sorted(text for text, *_ in added.values()) == sorted(
        [
            "First note",
            "  indented, spaces kept  ",
            "Ysgol y Bont – café au lait 👩‍👩‍👧",
            "last line without a newline",
        ]
    )
    assert {(theme, cluster, table) for _, theme, cluster, table in added.values()} == {
        (PARKING, None, "")
    }
    assert live_notes(cli.data_dir, seeded).items() >= before.items()


def test_txt_import_splits_only_at_line_breaks(cli: Cli, seeded: str, tmp_path: Path) -> None:
    """A .txt line ends at \\n, \\r\\n or \\r. Characters Python's str.splitlines() also breaks
    at (form feed, U+001C..U+001E, NEL U+0085, U+2028, U+2029) belong to the note's text."""
    before = live_notes(cli.data_dir, seeded)
    lines = [
        "copied from a web page:\u2028second visual line",
        "paragraph\u2029separator",
        "next\u0085line (NEL)",
        "page\x0cbreak",
        "group\x1dseparator",
    ]
    path = tmp_path / "web.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", newline="")
    result = cli.run("notes", "import", seeded, path)
    assert result.returncode == 0, result.stderr
    added = new_notes(cli.data_dir, seeded, before)
    assert sorted(t for t, *_ in added.values()) == sorted(lines)


def test_csv_import_themes_and_clusters_by_name(cli: Cli, seeded: str, tmp_path: Path) -> None:
    before = live_notes(cli.data_dir, seeded)
    rows = [
        ["Text", " THEME ", "cluster", "table"],
        ["More buses on Sunday", "zero carbon AND green jobs", "Buses", "Table 1"],
        ["Evening buses", "Zero Carbon and Green Jobs", " buses ", "Table 2"],
        ["Bus to the college", ZERO, "BUSES", ""],
        ["Buses for the market", PLACES, "Buses", "Table 3"],
        ["Fix the pavements", " reviving places ", "", ""],
        ["Broadband", "", "", "Table 4"],
        ["Ask the council", "PARKING LOT", "Questions", ""],
        ["", "", "", ""],
        ["Living wage", WORK, "", ""],
    ]
    path = tmp_path / "notes.csv"
    path.write_bytes(csv_bytes(rows))
    out = cli.ok("notes", "import", seeded[:8], path)
    assert out.startswith("Imported 8 notes and 3 new clusters into"), out

    added = new_notes(cli.data_dir, seeded, before)
    got = sorted((text, theme, cluster, table) for text, theme, cluster, table in added.values())
    assert got == sorted(
        [
            ("More buses on Sunday", ZERO, "Buses", "Table 1"),
            ("Evening buses", ZERO, "Buses", "Table 2"),
            ("Bus to the college", ZERO, "Buses", ""),
            ("Buses for the market", PLACES, "Buses", "Table 3"),
            ("Fix the pavements", PLACES, None, ""),
            ("Broadband", PARKING, None, "Table 4"),
            ("Ask the council", PARKING, "Questions", ""),
            ("Living wage", WORK, None, ""),
        ]
    )
    # Same name in one theme is one cluster; in another theme it is another cluster.
    conn_rows = table_rows(cli.data_dir, ("clusters",))["clusters"]
    assert len(conn_rows) == 3

    # A second import joins the existing cluster instead of making a new one.
    again = tmp_path / "again.csv"
    again.write_bytes(csv_bytes([["text", "theme", "cluster"], ["Night bus", ZERO, "bUSES"]]))
    out = cli.ok("notes", "import", seeded, again)
    assert out.startswith("Imported 1 note"), out
    assert len(table_rows(cli.data_dir, ("clusters",))["clusters"]) == 3
    night = [v for v in live_notes(cli.data_dir, seeded).values() if v[0] == "Night bus"]
    assert night == [("Night bus", ZERO, "Buses", "")]


def test_odd_unicode_round_trips_through_import_and_export(
    cli: Cli, seeded: str, tmp_path: Path
) -> None:
    before = live_notes(cli.data_dir, seeded)
    path = tmp_path / "odd.csv"
    path.write_bytes(
        b"\xef\xbb\xbf" + csv_bytes([["text", "table"], *[[t, "Bwrdd 1 – ☕"] for t in ODD_TEXTS]])
    )
    out = cli.ok("notes", "import", seeded, path)
    assert out.startswith(f"Imported {len(ODD_TEXTS)} notes"), out
    added = new_notes(cli.data_dir, seeded, before)
    assert sorted(t for t, *_ in added.values()) == sorted(ODD_TEXTS)

    target = tmp_path / "export" / "odd-out.csv"
    target.parent.mkdir()
    cli.ok("notes", "export", seeded, "--out", target)
    exported = {row["id"]: row for row in read_export(target)}
    for note_id, (text, _theme, _cluster, table) in added.items():
        row = exported[note_id]
        if text.startswith(("=", "+", "-", "@")):
            assert row["text"] == "'" + text
        else:
            assert row["text"] == text
        assert row["table"] == table
    assert [p.name for p in target.parent.iterdir()] == ["odd-out.csv"]


def bad_theme_csv(embedded_newline: bool) -> tuple[bytes, int]:
    rows = [
        ["text", "theme"],
        ["fine one\nwith a second line" if embedded_newline else "fine one", CWO],
        ["fine two", ""],
        ["fine three", "reviving PLACES"],
        ["Council houses", "Housing"],  # no such theme
        ["fine five", WORK],
        ["Also wrong", "Transport"],
    ]
    # The header is line 1; a quoted newline makes a record span two physical lines.
    return csv_bytes(rows), 6 if embedded_newline else 5


@pytest.mark.parametrize("embedded_newline", [False, True], ids=["plain", "multiline-cell"])
def test_unknown_theme_refuses_the_whole_file(
    cli: Cli, seeded: str, tmp_path: Path, embedded_newline: bool
) -> None:
    data, line = bad_theme_csv(embedded_newline)
    path = tmp_path / "bad-theme.csv"
    path.write_bytes(data)
    snapshot = table_rows(cli.data_dir)
    message = cli.fails("notes", "import", seeded, path)
    assert message.startswith(f"Line {line}:"), message
    assert "'Housing'" in message
    assert table_rows(cli.data_dir) == snapshot
    assert len(live_notes(cli.data_dir, seeded)) == 3


def test_too_long_cluster_name_names_its_line(cli: Cli, seeded: str, tmp_path: Path) -> None:
    """Every row is checked before anything is added, so a bad cluster name is reported with
    its line like any other bad cell, and nothing is imported."""
    path = tmp_path / "long-cluster.csv"
    path.write_bytes(
        csv_bytes([["text", "cluster"], ["ok", "Short"], ["too long", "c" * 201], ["ok", ""]])
    )
    snapshot = table_rows(cli.data_dir)
    message = cli.fails("notes", "import", seeded, path)
    assert table_rows(cli.data_dir) == snapshot
    assert message.startswith("Line 3:"), message


BAD_FILES: dict[str, tuple[str, bytes | None, str]] = {
    # id: (file name, content (None: do not create), part of the message)
    "cp1252": ("cp1252.txt", b"good line\ncaf\xe9 au lait\n", "not UTF-8 text (line 2)"),
    "cp1252-csv": ("cp1252.csv", b"text\r\ncaf\xe9\r\n", "not UTF-8"),
    "empty": ("empty.txt", b"", "holds no notes"),
    "only-blank-lines": ("blank.txt", b"\n  \n\t\r\n", "holds no notes"),
    "empty-csv": ("empty.csv", b"", "holds no notes"),
    "binary-png": ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\xff", "UTF-8"),
    "binary-nul": ("dump.txt", b"looks like text\x00\x00\x01\x02 but is not", "binary"),
    "missing": ("missing.txt", None, "no file"),
    "no-text-column": ("notext.csv", b"note,theme\r\nhello,\r\n", "no 'text' column"),
    "whitespace-text": (
        "blank-text.csv",
        b'text,theme\r\nfine,\r\n"   \t ",Reviving places\r\n',
        "Line 3:",
    ),
    "unclosed-quote": ("quote.csv", b'text\r\nfine\r\n"never closed\r\n', "quote.csv line"),
    "too-long-note": ("long.txt", b"a\n\n\n" + b"x" * 100_001 + b"\n", "Line 4:"),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_bad_file_is_refused_and_changes_nothing(
    cli: Cli, seeded: str, tmp_path: Path, case: str
) -> None:
    name, content, expected = BAD_FILES[case]
    path = tmp_path / "in" / name
    path.parent.mkdir()
    if content is not None:
        path.write_bytes(content)
    snapshot = table_rows(cli.data_dir)
    message = cli.fails("notes", "import", seeded, path)
    assert expected in message, message
    assert table_rows(cli.data_dir) == snapshot


def test_directory_is_refused(cli: Cli, seeded: str, tmp_path: Path) -> None:
    folder = tmp_path / "a-folder.csv"
    folder.mkdir()
    snapshot = table_rows(cli.data_dir)
    message = cli.fails("notes", "import", seeded, folder)
    assert "folder" in message
    assert table_rows(cli.data_dir) == snapshot
