"""`participants` and `narratives`: a CSV register imported with consent applied (nothing kept
that consent does not cover), all-or-nothing refusal with one line on stderr, and JSON that
carries nothing personal beyond what consent lets leave the laptop."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from e2e_support import Cli, new_workshop, table_rows

from workshop_app.core.equality import add_response
from workshop_app.store.database import Database

TABLES = ("workshops", "participants", "consents")
HEADER = ["name", "email", "phone", "area", "take_part", "quote", "contact", "use_report"]

# Unusual strings, so a search of the JSON text cannot match anything by accident.
FULL = ("Zebedee Quartermaine", "zebedee@xylophonic-example.cymru", "+44 7700 913582", "Cwmhiraeth")
NOCONTACT = ("Perpetua Snodgrass", "perpetua@quince-example.org", "01970 623111", "Glanyrafon")
REFUSED = ("Barnaby Wobblethwaite", "barnaby@wibble-example.net", "01686 412999", "Trefeglwys")
ANON = ("Ottoline Figgis", "ottoline@figgis-example.org", "", "Llawryglyn")


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def mixed_rows() -> list[list[str]]:
    return [
        HEADER,
        [*FULL, "yes", "full_name", "Y", "x"],
        [*NOCONTACT, "TRUE", "first_name", "no", "1"],
        [*REFUSED, "no", "full_name", "yes", "yes"],
        [*ANON, "y", "anonymous", "", ""],
        ["", "", "", "", "1", "", "", ""],
    ]


def people(data_dir: Path, wid: str) -> dict[str, tuple]:
    """code -> (name, email, phone, area, take_part, quote, contact) of live participants."""
    conn = sqlite3.connect(data_dir / "workshop.db")
    try:
        rows = conn.execute(
            "SELECT p.code, p.name, p.email, p.phone, p.area, c.take_part, c.quote, c.contact "
            "FROM participants p LEFT JOIN consents c ON c.participant_id = p.id "
            "AND c.story_id IS NULL WHERE p.workshop_id = ? AND p.deleted_at IS NULL",
            (wid,),
        ).fetchall()
    finally:
        conn.close()
    return {r[0]: tuple(r[1:]) for r in rows}


def db_text(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in data_dir.glob("workshop.db*"))


@pytest.fixture
def wid(cli: Cli) -> str:
    return new_workshop(cli.data_dir).id


def test_import_keeps_only_what_consent_allows(cli: Cli, wid: str, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_bytes(b"\xef\xbb\xbf" + csv_bytes(mixed_rows()))
    out = cli.ok("participants", "import", wid[:8], path)
    assert out.startswith(f"Imported 5 participants into 'Llanidloes town hall' ({wid})"), out
    assert (
        "; 1 name, 1 area, 1 email and 1 phone number not kept: no consent to take part; "
        "2 emails and 1 phone number not kept: no consent to be contacted.\n"
    ) in out, out
    assert out.count("\n") == 1
    rows = sorted(people(cli.data_dir, wid).values(), key=repr)
    assert sorted(rows, key=repr) == sorted(
        [
            (*FULL, 1, "full_name", 1),
            (NOCONTACT[0], "", "", NOCONTACT[3], 1, "first_name", 0),
            ("", "", "", "", 0, "full_name", 1),
            (ANON[0], "", "", ANON[3], 1, "anonymous", 0),
            ("", "", "", "", 1, "no", 0),
        ],
        key=repr,
    )
    stored = db_text(cli.data_dir)
    for secret in (*REFUSED, NOCONTACT[1], NOCONTACT[2], ANON[1]):
        assert secret.encode() not in stored, secret

    listing = cli.ok("participants", wid)
    assert FULL[0] in listing and REFUSED[0] not in listing
    assert "not taking part" in listing and "takes part" in listing


def test_without_consent_columns_no_names_are_stored(cli: Cli, wid: str, tmp_path: Path) -> None:
    path = tmp_path / "names-only.csv"
    path.write_bytes(
        csv_bytes([["Name", "Email", "Phone"], list(FULL[:3]), list(NOCONTACT[:3]), ["", "", ""]])
    )
    out = cli.ok("participants", "import", wid, path)
    assert "Imported 2 participants" in out
    assert "2 names, 2 emails and 2 phone numbers not kept: no consent to take part" in out
    assert sorted(people(cli.data_dir, wid).values()) == [("", "", "", "", 0, "no", 0)] * 2
    for secret in (*FULL[:3], *NOCONTACT[:3]):
        assert secret.encode() not in db_text(cli.data_dir)


def test_a_partial_consent_set_counts_the_missing_columns_as_no(
    cli: Cli, wid: str, tmp_path: Path
) -> None:
    path = tmp_path / "no-contact-column.csv"
    path.write_bytes(csv_bytes([["name", "email", "take_part"], [FULL[0], FULL[1], "yes"]]))
    cli.ok("participants", "import", wid, path)
    assert list(people(cli.data_dir, wid).values()) == [(FULL[0], "", "", "", 1, "no", 0)]


BAD_FILES = {
    "no-email.csv": (
        csv_bytes([["name", "take_part"], ["Ann", "yes"]]),
        ["'email'", "name", "take_part"],
    ),
    "no-name.csv": (csv_bytes([["email"], ["a@b.org"]]), ["'name'"]),
    "bad-yes-no.csv": (
        csv_bytes(
            [HEADER, [*FULL, "yes", "full_name", "yes", "yes"], [*ANON, "maybe", "", "", ""]]
        ),
        ["line 3", "take_part", "'maybe'"],
    ),
    "bad-quote.csv": (
        csv_bytes([HEADER, [*FULL, "yes", "nickname", "yes", "yes"]]),
        ["line 2", "quote", "'nickname'"],
    ),
    "duplicate.csv": (
        csv_bytes([HEADER, [*FULL, "yes", "", "yes", ""], ["B", FULL[1].upper(), "", "", "y"]]),
        ["line 3", "line 2", FULL[1].upper()],
    ),
    "bad-email.csv": (
        csv_bytes(
            [HEADER, [*FULL, "yes", "", "yes", ""], ["B", "not-an-email", "", "", "y", "", "y", ""]]
        ),
        ["Line 3", "not-an-email"],
    ),
    "binary.csv": (b"name,email\r\n\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ["binary"]),
    "cp1252.csv": (
        "name,email\r\nok,ok@x.org\r\nZoë,zoe@x.org\r\n".encode("cp1252"),
        ["UTF-8", "line 3"],
    ),
    "empty.csv": (b"", ["is empty"]),
    "header-only.csv": (b"name,email\r\n", ["no participants"]),
}


@pytest.mark.parametrize("filename", sorted(BAD_FILES))
def test_a_bad_file_is_refused_and_nothing_changes(
    cli: Cli, wid: str, tmp_path: Path, filename: str
) -> None:
    first = tmp_path / "first.csv"
    first.write_bytes(csv_bytes([HEADER, ["Existing Person", "", "", "", "yes", "", "", ""]]))
    cli.ok("participants", "import", wid, first)
    before = table_rows(cli.data_dir, TABLES)
    data, expected = BAD_FILES[filename]
    path = tmp_path / filename
    path.write_bytes(data)
    message = cli.fails("participants", "import", wid, path)
    for part in expected:
        assert part in message, message
    assert table_rows(cli.data_dir, TABLES) == before


def test_usage_mistakes_are_one_line(cli: Cli, wid: str, tmp_path: Path) -> None:
    assert "FILE.csv" in cli.fails("participants", "import", wid)
    assert "one WORKSHOP" in cli.fails("participants", wid, "extra")
    assert "no file" in cli.fails("participants", "import", wid, tmp_path / "missing.csv").lower()
    assert "No workshop id starts with" in cli.fails("participants", "ffffffff")


def _reach_cards(data_dir: Path, wid: str) -> None:
    db = Database.open(data_dir)
    try:
        cards = [{"disability": "yes", "area": "SY18"}] * 6 + [{"disability": "no"}] * 2
        cards += [{"disability": "prefer-not-to-say"}] * 2
        for card in cards:
            db.run(lambda s, c=card: add_response(s, wid, c))
    finally:
        db.close()


def test_json_holds_only_what_consent_lets_out(cli: Cli, wid: str, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    path.write_bytes(csv_bytes(mixed_rows()))
    cli.ok("participants", "import", wid, path)
    _reach_cards(cli.data_dir, wid)
    text = cli.raw("--data-dir", cli.data_dir, "participants", wid, "--json").stdout
    payload = json.loads(text)
    assert payload["version"] == 1
    assert payload["workshop"]["id"] == wid
    assert len(payload["participants"]) == 5
    # Full consent: name and contacts. First-name quote without contact: the name only.
    for allowed in (*FULL[:3], NOCONTACT[0]):
        assert allowed in text, allowed
    # Never the refused person, never contacts without contact consent, never an area,
    # never an anonymous teller's name.
    for secret in (*REFUSED, NOCONTACT[1], NOCONTACT[2], ANON[0], ANON[1], FULL[3], NOCONTACT[3]):
        assert secret not in text, secret
    keys = {tuple(sorted(p)) for p in payload["participants"]}
    assert keys == {("code", "consent", "email", "name", "phone")}
    reach = payload["reach"]
    assert reach["cards"] == "10" and reach["suppressed_below"] == 5
    disability = next(q for q in reach["questions"] if q["key"] == "disability")
    counts = {a["answer"]: a["count"] for a in disability["answers"]}
    assert counts == {"Yes": "6", "No": "<5", "Prefer not to say": "<5"}
    area = next(q for q in reach["questions"] if q["key"] == "area")
    assert {a["answer"]: a["count"] for a in area["answers"]}["SY18"] == "6"
    # The same output with --data-dir after the command.
    assert cli.ok("participants", wid, "--json") == text


def test_json_of_an_empty_register_is_stable(cli: Cli, wid: str) -> None:
    payload = json.loads(cli.ok("participants", wid, "--json"))
    assert payload["participants"] == [] and payload["version"] == 1
    assert payload["reach"]["cards"] == "<5"
    assert "No participants" in cli.ok("participants", wid)


def test_narratives_json_hides_unpublishable_stories(cli: Cli) -> None:
    wid = cli.ok("demo").strip()
    text = cli.ok("narratives", wid, "--json")
    payload = json.loads(text)
    assert payload["version"] == 1 and payload["workshop"]["id"] == wid
    assert payload["narratives"], "the demo has narratives"
    for narrative in payload["narratives"]:
        assert {"id", "priority", "issue", "outcomes", "words", "stories"} <= set(narrative)
        for story in narrative["stories"]:
            assert set(story) == {"id", "priority", "publish", "text", "credit", "in_reports"}
            if not story["publish"]:
                assert story["text"] is None and story["credit"] is None
                assert story["in_reports"] is False
    assert "words" in cli.ok("narratives", wid[:8])
    people_json = cli.ok("participants", wid, "--json")
    for p in json.loads(people_json)["participants"]:
        if not (p["consent"]["take_part"] and p["consent"]["contact"]):
            assert p["email"] is None and p["phone"] is None


def test_importing_the_same_list_twice_says_who_was_already_there(
    cli: Cli, wid: str, tmp_path: Path
) -> None:
    path = tmp_path / "register.csv"
    path.write_text(
        "name,email,take_part,contact\nAnn,ann@x.org,yes,yes\nCai,cai@x.org,yes,yes\n",
        encoding="utf-8",
    )
    cli.ok("participants", "import", wid, path)
    out = cli.ok("participants", "import", wid, path)
    assert out.startswith("Imported 0 participants"), out
    assert "2 were already in the register" in out
    assert len(people(cli.data_dir, wid)) == 2
