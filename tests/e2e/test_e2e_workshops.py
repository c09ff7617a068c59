"""`demo`, `workshops` (text and JSON), resolving WORKSHOP by prefix, and the parser itself."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from e2e_support import Cli, assert_one_line_error, new_workshop

from workshop_app.core.board import load_board
from workshop_app.core.workshops import set_archived
from workshop_app.store.database import Database

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
DEMO_TITLE = "Our place, our priorities (demo)"
WORKSHOP_KEYS = {
    "id",
    "title",
    "programme",
    "place",
    "venue",
    "starts_at",
    "facilitators",
    "prompts",
    "archived",
    "counts",
}


def db_counts(data_dir: Path, workshop_id: str) -> dict[str, int]:
    conn = sqlite3.connect(data_dir / "workshop.db")
    try:
        return {
            key: conn.execute(
                f"SELECT count(*) FROM {table} WHERE workshop_id = ? AND deleted_at IS NULL",
                (workshop_id,),
            ).fetchone()[0]
            for key, table in (("notes", "notes"), ("themes", "themes"), ("clusters", "clusters"))
        }
    finally:
        conn.close()


def test_demo_is_listed_in_text_and_json(cli: Cli) -> None:
    empty = json.loads(cli.ok("workshops", "--json"))
    assert empty == {"version": 1, "workshops": []}

    out = cli.ok("demo")
    assert out.endswith("\n")
    lines = out.splitlines()
    assert len(lines) == 1, out
    assert UUID.fullmatch(lines[0]), out
    wid = lines[0]

    listing = cli.ok("workshops").splitlines()
    assert len(listing) == 1, listing
    row = listing[0]
    assert row.startswith(wid)
    assert row.endswith(DEMO_TITLE)
    assert re.search(r"\b40 notes\b", row), row
    assert re.search(r"\b5 themes\b", row), row
    assert re.search(r"\b7 clusters\b", row), row

    payload = json.loads(cli.ok("workshops", "--json"))
    assert set(payload) == {"version", "workshops"}
    assert payload["version"] == 1
    assert len(payload["workshops"]) == 1
    item = payload["workshops"][0]
    assert set(item) == WORKSHOP_KEYS
    assert set(item["counts"]) == {"notes", "themes", "clusters"}
    assert item["id"] == wid
    assert item["title"] == DEMO_TITLE
    for key in ("programme", "place", "venue", "facilitators"):
        assert isinstance(item[key], str)
    assert item["starts_at"] is None or isinstance(item["starts_at"], str)
    assert isinstance(item["prompts"], list)
    assert all(isinstance(p, str) for p in item["prompts"])
    assert item["archived"] is False
    assert all(type(v) is int for v in item["counts"].values())
    assert item["counts"]["notes"] == 40
    assert item["counts"] == db_counts(cli.data_dir, wid)

    db = Database.open(cli.data_dir)
    try:
        board = db.read(lambda s: load_board(s, wid))
        assert board.total_notes == item["counts"]["notes"]
        assert len(board.themes) == item["counts"]["themes"]
        assert len(board.clusters) == item["counts"]["clusters"]
        db.run(lambda s: set_archived(s, wid, True))
    finally:
        db.close()

    # Archived: hidden by default, shown (flagged) with --all.
    assert cli.ok("workshops").startswith("No workshops yet")
    archived = json.loads(cli.ok("workshops", "--json", "--all"))["workshops"]
    assert [w["id"] for w in archived] == [wid]
    assert archived[0]["archived"] is True


def test_workshop_by_unique_prefix_and_unknown_prefix(cli: Cli, tmp_path: Path) -> None:
    w = new_workshop(cli.data_dir)
    other = new_workshop(cli.data_dir, "Another").id
    n = 1
    while other.startswith(w.id[:n]):
        n += 1
    out = tmp_path / "out.csv"
    stdout = cli.ok("notes", "export", w.id[:n], "--out", out)
    assert w.id in stdout
    assert other not in stdout
    assert out.is_file()

    missing = tmp_path / "missing.csv"
    message = cli.fails("notes", "export", "zz", "--out", missing)
    assert "zz" in message
    assert not missing.exists()


def test_sql_wildcards_are_not_a_workshop_prefix(cli: Cli, tmp_path: Path) -> None:
    """'%' and '_' are not hex digits: no workshop id starts with them."""
    new_workshop(cli.data_dir)
    for ref in ("%", "_"):
        out = tmp_path / f"wild{len(ref)}.csv"
        result = cli.run("notes", "export", ref, "--out", out)
        message = assert_one_line_error(result)
        assert "No workshop id starts with" in message, message
        assert not out.exists()


def test_ambiguous_prefix_is_refused(cli: Cli, tmp_path: Path) -> None:
    ids: list[str] = []
    pair: tuple[str, str] | None = None
    for n in range(40):
        wid = new_workshop(cli.data_dir, f"Workshop {n}").id
        twin = next((other for other in ids if other[0] == wid[0]), None)
        ids.append(wid)
        if twin is not None:
            pair = (twin, wid)
            break
    assert pair is not None, "17 uuids always share a first hex digit"
    common = 0
    while pair[0][common] == pair[1][common]:
        common += 1
    prefix = pair[0][:common]
    out = tmp_path / "ambiguous.csv"
    message = cli.fails("notes", "export", prefix, "--out", out)
    assert prefix in message
    assert not out.exists()
    # One more character tells them apart.
    assert pair[1][: common + 1] in cli.ok("notes", "export", pair[1][: common + 1], "--out", out)


def test_help_and_unknown_command(cli: Cli) -> None:
    result = cli.raw("--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: workshop-app")
    for command in ("demo", "workshops", "notes"):
        assert command in result.stdout
    assert result.stderr == ""

    result = cli.raw("--data-dir", cli.data_dir, "frobnicate")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("usage: workshop-app")
    assert "frobnicate" in result.stderr
    assert "Traceback" not in result.stderr
    assert not cli.data_dir.exists()


def test_data_dir_before_and_after_the_command(cli: Cli, tmp_path: Path) -> None:
    wid = new_workshop(cli.data_dir, "Placement").id
    before = cli.raw("--data-dir", cli.data_dir, "workshops", "--json")
    after = cli.raw("workshops", "--json", "--data-dir", cli.data_dir)
    for result in (before, after):
        assert result.returncode == 0, result.stderr
        assert [w["id"] for w in json.loads(result.stdout)["workshops"]] == [wid]
    # Nothing went to the default data folder (HOME/XDG_DATA_HOME point into tmp_path).
    assert not (tmp_path / "home" / "xdg-data").exists()
    assert not list((tmp_path / "home").rglob("*.db"))


def test_the_list_is_read_without_importing_sqlalchemy(cli) -> None:
    """`workshops` is what a script asks first: it answers from a read-only look at the file,
    the same list as the full store gives, without the store's start-up cost."""
    import subprocess
    import sys

    cli.run("demo")
    probe = (
        "import sys; from workshop_app.cli import main; code = main(sys.argv[1:]); "
        "assert 'sqlalchemy' not in sys.modules, 'the quick list imported SQLAlchemy'; "
        "sys.exit(code)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "workshops", "--json", "--data-dir", str(cli.data_dir)],
        capture_output=True,
        text=True,
        env=cli.env,
    )
    assert done.returncode == 0, done.stderr
    assert '"title": "Our place, our priorities (demo)"' in done.stdout


def test_quick_and_full_lists_agree(cli) -> None:
    from workshop_app.core.workshop_info import quick_workshop_list
    from workshop_app.core.workshops import list_workshops
    from workshop_app.store.database import Database

    cli.run("demo")
    cli.run("demo")
    db = Database.open(cli.data_dir)
    try:
        full = db.read(lambda s: list_workshops(s, include_archived=True))
    finally:
        db.close()
    assert quick_workshop_list(cli.data_dir, include_archived=True) == full


def test_an_older_or_damaged_file_falls_back_to_the_full_way(cli) -> None:
    import sqlite3

    from workshop_app.core.workshop_info import quick_workshop_list

    cli.run("demo")
    path = cli.data_dir / "workshop.db"
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    assert quick_workshop_list(cli.data_dir) is None, "an older schema is updated first"
    path.write_bytes(b"not a database at all" * 100)
    assert quick_workshop_list(cli.data_dir) is None
    assert quick_workshop_list(cli.data_dir / "nowhere") is None


def test_the_workshop_may_be_left_out_when_the_laptop_holds_one(cli, tmp_path) -> None:
    """Issue 8, point 13: a workshop id was required even when the laptop holds one."""
    wid = cli.ok("demo").strip()
    assert cli.ok("participants").count("\n") >= 6
    assert wid in cli.ok("results", "--json")
    out = tmp_path / "notes.csv"
    cli.ok("notes", "export", "--out", out)
    assert out.read_text(encoding="utf-8-sig").startswith("text,")
    cli.run("demo")
    assert cli.fails("narratives") == (
        "This laptop holds 2 workshops: name one by its id or the start of it "
        "(workshop-app workshops lists them)."
    )
