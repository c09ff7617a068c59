"""Results out as CSV: ranked rows with ties marked, formula labels neutralised, Unicode labels
byte-exact, and the rules of the round after the rows."""

from __future__ import annotations

import csv
import io

import pytest

from workshop_app.core.notes import add_note
from workshop_app.core.voting import (
    cast_ballot,
    close_round,
    create_round,
    open_round,
    record_paper_tally,
    results,
)
from workshop_app.core.voting_io import RESULT_COLUMNS, results_rows, write_results_csv
from workshop_app.store.errors import StorageError

FORMULA = '=HYPERLINK("http://example.invalid","click")'
UNICODE = "Ysgol Gymraeg i bawb ☕ — caf\u00e9 vs cafe\u0301, 日本語, 👩🏽\u200d🏫, \u202eRTL\u202c"
PLAIN = "Evening buses"


@pytest.fixture
def closed_round(db, workshop, themes):
    """Three options: the formula and the Unicode label tie on 3 dots; the plain one has 2
    (one of them on paper), a near-tie with them."""
    ids = [
        db.run(lambda s, t=t: add_note(s, workshop.id, t, themes[0].id)).id
        for t in (FORMULA, UNICODE, PLAIN)
    ]
    info = db.run(
        lambda s: create_round(
            s,
            workshop.id,
            "Final",
            [("note", i) for i in ids],
            dots_per_person=2,
            cap_per_option=2,
            criterion="=most urgent",
        )
    )
    db.run(lambda s: open_round(s, info.id))
    formula, unicode_, plain = (o.id for o in info.options)
    db.run(lambda s: cast_ballot(s, info.id, "v1", {formula: 2}))
    db.run(lambda s: cast_ballot(s, info.id, "v2", {unicode_: 2}))
    db.run(lambda s: cast_ballot(s, info.id, "v3", {formula: 1, unicode_: 1}))
    db.run(lambda s: cast_ballot(s, info.id, "v4", {plain: 1}))  # one dot left unused
    db.run(lambda s: record_paper_tally(s, info.id, plain, 1))  # one paper dot on the wall
    db.run(lambda s: close_round(s, info.id))
    return db.read(lambda s: results(s, info.id))


def _read(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets read it as UTF-8
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def test_rows_are_ranked_and_ties_are_marked(closed_round):
    rows = results_rows(closed_round)
    assert [r["option"] for r in rows][2] == PLAIN
    top = rows[:2]
    assert {r["option"] for r in top} == {FORMULA, UNICODE}
    assert all(r["rank"] == 1 and r["tied"] == "yes" and r["dots"] == 3 for r in top)
    assert all(r["supporters"] == 2 for r in top)
    assert rows[2]["rank"] == 3 and rows[2]["tied"] == "no" and rows[2]["near_tie"] == "yes"
    assert rows[2]["paper_dots"] == 1 and rows[2]["supporters"] == 1
    assert sum(r["share"] for r in rows) == pytest.approx(1.0, abs=1e-3)
    assert list(rows[0]) == list(RESULT_COLUMNS)


def test_csv_neutralises_formulas_and_keeps_unicode_byte_exact(closed_round, tmp_path):
    path = tmp_path / "results.csv"
    write_results_csv(path, closed_round)
    raw, table = _read(path)
    assert table[0] == list(RESULT_COLUMNS)
    labels = [row[3] for row in table[1:4]]
    assert "'" + FORMULA in labels  # a spreadsheet shows it as text, never runs it
    assert FORMULA not in labels
    assert UNICODE in labels
    assert UNICODE.encode("utf-8") in raw  # not normalised, escaped or re-encoded
    ties = [row for row in table[1:4] if row[1] == "yes"]
    assert len(ties) == 2 and {row[0] for row in ties} == {"1"}
    assert b"\r\n" in raw
    assert not list(tmp_path.glob(".export-*"))  # the temporary file was renamed into place


def test_csv_records_the_rules_after_a_blank_row(closed_round, tmp_path):
    path = tmp_path / "results.csv"
    write_results_csv(path, closed_round)
    _, table = _read(path)
    blank = table.index([])
    assert blank == 1 + len(closed_round.lines)
    rules = {row[0]: row[1] for row in table[blank + 1 :]}
    assert rules["round"] == "Final"
    assert rules["dots per person"] == "2"
    assert rules["cap per option"] == "2"
    assert rules["criterion"] == "'=most urgent"  # user text is neutralised too
    assert rules["voters"] == "4"
    assert rules["dots cast"] == "8"
    assert rules["dots unused"] == "1"
    assert rules["paper dots"] == "1"


def test_an_unwritable_place_is_a_clear_error_and_leaves_nothing(closed_round, tmp_path):
    with pytest.raises(StorageError, match="does not exist"):
        write_results_csv(tmp_path / "missing" / "results.csv", closed_round)
    folder = tmp_path / "a-folder.csv"
    folder.mkdir()
    with pytest.raises(StorageError, match="is a folder"):
        write_results_csv(folder, closed_round)
    assert not list(tmp_path.glob(".export-*"))
