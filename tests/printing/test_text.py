"""Text prints exactly as typed: accents and scripts the embedded font draws, markup characters
as themselves, long words wrapped; what the font cannot draw is named on the first page instead
of printed as empty boxes."""

from __future__ import annotations

import io
import re

import pytest
from pdf_support import all_text, pages_text, render, squashed
from pypdf import PdfReader

from workshop_app.core.notes import add_note
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.printing.fonts import MARKER, TextGuard
from workshop_app.printing.report import load_report, report_pdf
from workshop_app.printing.welcome import welcome_pdf

TYPED = [
    "Dŵr glân i bawb, a thŷ cynnes: ŵ ŷ Ŵ Ŷ",  # Welsh
    "Zażółć gęślą jaźń w Łodzi",  # Polish
    "Καλημέρα, Ελλάδα",  # Greek
    "Привет, как дела?",  # Cyrillic
    "Fish & chips <b>bold?</b> 5 < 6 > 4",
    "<para>not a tag</para> and ]]> and &amp; and &lt;",
    "<script>alert(1)</script>",
]


def _workshop_with(db, notes: list[str], title: str = "Neuadd y dref"):
    w = db.run(lambda s: create_workshop(s, WorkshopFields(title=title, place="Llanidloes")))
    for text in notes:
        db.run(lambda s, t=text: add_note(s, w.id, t))
    return w


def _report(db, w, **kwargs) -> bytes:
    return report_pdf(db.read(lambda s: load_report(s, w.id)), **kwargs)


def test_accents_scripts_and_markup_print_exactly_as_typed(db) -> None:
    w = _workshop_with(db, TYPED, title="Gweithdy <b>Tŷ</b> & Co")
    pdf = _report(db, w)
    text = all_text(pdf)
    for typed in TYPED:
        assert typed in text, typed
    assert "Gweithdy <b>Tŷ</b> & Co" in text
    assert MARKER not in text and "Not printed" not in text
    # The font travels inside the file: any machine prints the same letters.
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("DejaVuSans" in f for f in fonts), fonts


def test_scripts_the_font_cannot_draw_are_named_on_the_first_page(db) -> None:
    w = _workshop_with(
        db,
        ["Buses on Sundays", "我们需要更多的公共汽车", "نريد حافلات أكثر", "Party 🎉 time 🎈"],
    )
    pdf = _report(db, w)
    pages = pages_text(pdf)
    first = " ".join(pages[0].split())
    assert "Not printed" in first
    # Named by their numbers in the appendix; the note that printed whole is not named.
    assert "note 2" in first and "note 3" in first and "note 4" in first
    assert "note 1" not in first
    rest = "\n".join(pages[1:])
    assert "我" not in rest and "ن" not in rest and "🎉" not in rest
    assert f"Party {MARKER} time {MARKER}" in rest
    assert "Buses on Sundays" in rest


def test_the_guard_marks_each_run_once_and_leaves_drawable_text_alone() -> None:
    guard = TextGuard()
    assert guard.plain("Llanfair ŵ", "a") == "Llanfair ŵ"
    assert guard.plain("ab中文cd", "b") == f"ab{MARKER}cd"
    assert guard.plain("\u200dzero\ufe0fwidth", "c") == "zerowidth"  # invisible: dropped
    assert guard.plain("نريد حافلات أكثر", "d") == MARKER  # one marker for the sentence
    assert guard.affected == ["b", "d"]
    assert guard.para("<b>&amp;\nnext") == "&lt;b&gt;&amp;amp;<br/>next"


def test_a_ten_thousand_character_note_wraps_onto_the_page(db) -> None:
    word = "".join(chr(ord("a") + i % 26) for i in range(10_000))
    url = "https://example.org/" + "x" * 300
    w = _workshop_with(db, [word, f"See {url} for more"])
    pdf = _report(db, w)
    # The footer of each page the word runs across comes between its pieces: take it out.
    joined = re.sub(r"Neuaddydrefpage\d+of\d+", "", squashed(all_text(pdf)))
    assert joined.count(word) == 2  # in its theme and in the appendix, every letter kept
    assert url in joined
    # Nothing runs off the right edge: the right margin of every page stays blank.
    for image in render(pdf, dpi=50):
        margin = image.crop((image.width - 30, 0, image.width, image.height))
        assert margin.getextrema()[0] > 200, "ink in the right margin"


def test_welcome_sheet_keeps_markup_in_the_workshop_fields(db) -> None:
    fields = WorkshopFields(
        title="<para>Tŷ & Cymuned</para>",
        place="Łódź ]]> &amp;",
        prompts=("What <i>matters</i> most?",),
    )
    w = db.run(lambda s: create_workshop(s, fields))
    text = " ".join(all_text(welcome_pdf(w)).split())
    for typed in ("<para>Tŷ & Cymuned</para>", "Łódź ]]> &amp;", "What <i>matters</i> most?"):
        assert typed in text


@pytest.mark.parametrize("paper,size", [("a4", (595, 842)), ("letter", (612, 792))])
def test_report_paper_sizes(db, paper: str, size: tuple[int, int]) -> None:
    w = _workshop_with(db, ["One note"])
    reader = PdfReader(io.BytesIO(_report(db, w, paper=paper)))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == size


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_a_long_notice_stays_whole_on_the_first_page(db, paper) -> None:
    """Fifty notes the font cannot draw under a long title: the notice is set smaller to fit
    the cover, never split with its tail alone on the next page."""
    title = "Gweithdy'r dref a'r cylch, " * 11
    notes = [f"我们需要更多的公共汽车 {i} 路" for i in range(50)]
    pages = pages_text(_report(db, _workshop_with(db, notes, title=title), paper=paper))
    first, second = (" ".join(p.split()) for p in pages[:2])
    assert "Not printed" in first and "The app has the full text." in first
    assert "full text" not in second and "Not printed" not in second
