"""The printed documents on the command line, end to end: `handouts`, `welcome-sheet`,
`results-sheet` and `report` each write their PDF and say what they wrote in one line, walk-in
codes join the register, and bad input is refused in one line on stderr (exit 1) with nothing
written. The older `print DOCUMENT` names still work."""

from __future__ import annotations

import io
import json

from e2e_support import Cli
from pypdf import PdfReader

TITLE = "'Our place, our priorities (demo)'"


def _text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())


def _width(path) -> int:
    return round(float(PdfReader(io.BytesIO(path.read_bytes())).pages[0].mediabox.width))


def test_every_document_is_written_and_said(cli: Cli, tmp_path) -> None:
    wid = cli.ok("demo").strip()
    before = json.loads(cli.ok("participants", wid, "--json"))["participants"]
    cards = tmp_path / "cards.pdf"
    out = cli.ok("handouts", wid[:8], "--out", cards, "--blank", "2")
    after = json.loads(cli.ok("participants", wid, "--json"))["participants"]
    new = [p for p in after if p["code"] not in {b["code"] for b in before}]
    assert len(new) == 2 and all(not p["consent"]["take_part"] and not p["name"] for p in new)
    assert out.startswith(f"Wrote {len(after)} participant cards for {TITLE} to {cards}")
    assert out.count("\n") == 1 and all(p["code"] in out for p in new)
    assert all(" ".join(p["code"]) in _text(cards) for p in after)

    welcome = tmp_path / "welcome.pdf"
    out = cli.ok("welcome-sheet", wid, "--out", welcome, "--size", "a5")
    assert out == f"Wrote the welcome sheet (A5 handout) for {TITLE} to {welcome}.\n"
    assert "Your privacy, in plain words" in _text(welcome)
    assert _width(welcome) == 420  # A5
    poster = tmp_path / "poster.pdf"
    out = cli.ok("welcome-sheet", wid, "--out", poster)
    assert out == f"Wrote the welcome sheet (A4 poster) for {TITLE} to {poster}.\n"
    assert _width(poster) == 595  # A4 by default

    results = tmp_path / "results.pdf"
    out = cli.ok("results-sheet", wid, "--out", results, "--round", "shortlist")
    assert out == f"Wrote the results sheet of 'Shortlist' to {results}.\n"
    assert "Tied at rank 3: Fair pay; High street." in _text(results)

    report = tmp_path / "report.pdf"
    out = cli.ok("report", wid, "--out", report, "--paper", "letter")
    assert out == f"Wrote the report of {TITLE} to {report}.\n"
    assert _width(report) == 612  # US Letter
    assert "Appendix: every note" in _text(report)


def test_the_older_print_names_still_work(cli: Cli, tmp_path) -> None:
    wid = cli.ok("demo").strip()
    welcome = tmp_path / "welcome.pdf"
    out = cli.ok("print", "welcome", wid, "--out", welcome, "--a5")
    assert out == f"Wrote the welcome sheet (A5 handout) for {TITLE} to {welcome}.\n"
    report = tmp_path / "report.pdf"
    assert cli.ok("print", "report", wid, "--out", report).startswith("Wrote the report")
    assert _width(report) == 595


def test_bad_input_is_one_line_and_writes_nothing(cli: Cli, tmp_path) -> None:
    wid = cli.ok("demo").strip()
    out = tmp_path / "x.pdf"
    assert "still open" in cli.fails(
        "results-sheet", wid, "--round", "Final: what first?", "--out", out
    )
    assert "No workshop id starts with" in cli.fails("report", "zzzz", "--out", out)
    assert "does not exist" in cli.fails("welcome-sheet", wid, "--out", tmp_path / "no" / "x.pdf")
    assert "is a folder" in cli.fails("handouts", wid, "--out", tmp_path)
    # Argument mistakes too: one line naming the command, exit 1.
    assert "invalid choice: 'a3'" in cli.fails("welcome-sheet", wid, "--out", out, "--size", "a3")
    assert "--out" in cli.fails("report", wid)
    assert "invalid choice: 'a5'" in cli.fails("report", wid, "--out", out, "--paper", "a5")
    before = json.loads(cli.ok("participants", wid, "--json"))["participants"]
    assert "walk-in cards" in cli.fails("handouts", wid, "--out", out, "--blank", "-1")
    # Cards that could not be saved add no walk-in codes to the register.
    cli.fails("handouts", wid, "--out", tmp_path / "no" / "cards.pdf", "--blank", "3")
    assert json.loads(cli.ok("participants", wid, "--json"))["participants"] == before
    assert not out.exists()


def test_a_folder_given_as_out_gets_a_file_name_for_that_document(cli: Cli, tmp_path) -> None:
    wid = cli.ok("demo").strip()
    folder = tmp_path / "prints"
    folder.mkdir()
    for command, name in [
        (("handouts",), "cards.pdf"),
        (("welcome-sheet",), "welcome.pdf"),
        (("results-sheet",), "results.pdf"),
        (("report",), "report.pdf"),
        (("print", "welcome"), "welcome.pdf"),
    ]:
        message = cli.fails(*command, wid, "--out", folder)
        assert message.endswith(f"{folder} is a folder: give a file name such as {folder / name}.")
    assert not any(folder.iterdir())
