"""`workshop-app print …` end to end: each document written, what it wrote said in one line,
walk-in codes in the register, and bad input refused in one line with nothing written."""

from __future__ import annotations

import io
import json

from e2e_support import Cli
from pypdf import PdfReader


def _text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(p.extract_text() or "" for p in reader.pages).split())


def test_every_document_is_written_and_said(cli: Cli, tmp_path) -> None:
    wid = cli.ok("demo").strip()
    before = json.loads(cli.ok("participants", wid, "--json"))["participants"]
    cards = tmp_path / "cards.pdf"
    out = cli.ok("print", "cards", wid[:8], "--out", cards, "--blank", "2")
    after = json.loads(cli.ok("participants", wid, "--json"))["participants"]
    new = [p for p in after if p["code"] not in {b["code"] for b in before}]
    assert len(new) == 2 and all(not p["consent"]["take_part"] and not p["name"] for p in new)
    assert out.startswith(f"Wrote {len(after)} participant cards for 'Our place, our priorities")
    assert all(p["code"] in out for p in new)
    assert all(" ".join(p["code"]) in _text(cards) for p in after)

    welcome = tmp_path / "welcome.pdf"
    out = cli.ok("print", "welcome", wid, "--out", welcome, "--a5")
    title = "'Our place, our priorities (demo)'"
    assert out == f"Wrote the welcome sheet (A5 handout) for {title} to {welcome}.\n"
    assert "Your privacy, in plain words" in _text(welcome)

    results = tmp_path / "results.pdf"
    out = cli.ok("print", "results", wid, "--out", results, "--round", "shortlist")
    assert out == f"Wrote the results sheet of 'Shortlist' to {results}.\n"
    assert "Tied at rank 3: Fair pay; High street." in _text(results)

    report = tmp_path / "report.pdf"
    out = cli.ok("print", "report", wid, "--out", report, "--paper", "letter")
    assert out == f"Wrote the report of 'Our place, our priorities (demo)' to {report}.\n"
    reader = PdfReader(io.BytesIO(report.read_bytes()))
    assert round(float(reader.pages[0].mediabox.width)) == 612  # US Letter
    assert "Appendix: every note" in _text(report)


def test_bad_input_is_one_line_and_writes_nothing(cli: Cli, tmp_path) -> None:
    wid = cli.ok("demo").strip()
    out = tmp_path / "x.pdf"
    assert "still open" in cli.fails(
        "print", "results", wid, "--round", "Final: what first?", "--out", out
    )
    assert "No workshop id starts with" in cli.fails("print", "report", "zzzz", "--out", out)
    assert "does not exist" in cli.fails(
        "print", "welcome", wid, "--out", tmp_path / "no" / "x.pdf"
    )
    assert "is a folder" in cli.fails("print", "cards", wid, "--out", tmp_path)
    before = json.loads(cli.ok("participants", wid, "--json"))["participants"]
    assert "walk-in cards" in cli.fails("print", "cards", wid, "--out", out, "--blank", "-1")
    # Cards that could not be saved add no walk-in codes to the register.
    cli.fails("print", "cards", wid, "--out", tmp_path / "no" / "cards.pdf", "--blank", "3")
    assert json.loads(cli.ok("participants", wid, "--json"))["participants"] == before
    assert not out.exists()
