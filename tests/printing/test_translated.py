"""Every word the printed documents add to what people wrote goes through translation, as whole
phrases: in the pseudo-language (each phrase bracketed ⟦…⟧ and lengthened) none of the app's
English is left outside the brackets, no placeholder is left unfilled, and the dates are in the
language's own words."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from pdf_support import all_text

from workshop_app import i18n
from workshop_app.core import voting
from workshop_app.printing.cards import cards_pdf, load_cards
from workshop_app.printing.report import load_report, report_pdf
from workshop_app.printing.results_sheet import load_results_sheet, results_sheet_pdf
from workshop_app.printing.welcome import welcome_pdf

# Phrases the app itself prints, in each document (never text from the demo's people).
ENGLISH = {
    "cards": [
        "Your code",
        "to vote with",
        "Put it on the priority",
        "Show this card",
        "Your votes go with this code",
        "Cut along the marks",
        "November",
    ],
    "welcome": [
        "Welcome to",
        "What today is for",
        "Today we want to hear",
        "Every idea goes on the wall",
        "The questions we will ask",
        "Your privacy, in plain words",
        "You do not have to give your name",
        "Follow what happens next",
        "Scan the code, or type this address",
        "No internet?",
        "Saturday",
    ],
    "results": [
        "Results:",
        "Rules:",
        "Totals:",
        "dots each",
        "voted at the laptop",
        "paper dots",
        "in all",
        "unused",
        "Rank",
        "Supporters",
        "near tie",
        "a run-off settles it",
        "Tied at rank",
        "What these priorities would change",
        "Printed",
    ],
    "report": [
        "Workshop report",
        "Contents",
        "The questions asked",
        "Who took part",
        "participant codes in the register",
        "Equality and reach cards returned",
        "Counts under 5",
        "Themes and notes",
        "Narratives",
        "Appendix: every note",
        "Every note as it was written",
        "Facilitated by",
        "closed voting round",
        "page 1 of",
    ],
}
_PSEUDO_RUN = re.compile(r"⟦[^⟦⟧]*⟧")


@pytest.fixture
def documents(db, demo_workshop) -> Iterator:
    wid = demo_workshop.id

    def build() -> dict[str, str]:
        cards = db.read(lambda s: load_cards(s, wid, 1))
        sheet = db.read(lambda s: load_results_sheet(s, wid, "Shortlist"))
        report = db.read(lambda s: load_report(s, wid))
        pdfs = {
            "cards": cards_pdf(cards),
            "welcome": welcome_pdf(demo_workshop),
            "results": results_sheet_pdf(sheet),
            "report": report_pdf(report),
        }
        return {name: " ".join(all_text(pdf).split()) for name, pdf in pdfs.items()}

    yield build
    i18n.set_language("en")


def outside_translation(text: str) -> str:
    """What is left once every pseudo-language phrase (innermost first) is taken out."""
    while True:
        shorter = _PSEUDO_RUN.sub(" ", text)
        if shorter == text:
            return text
        text = shorter


def test_the_printed_words_are_english_by_default(documents) -> None:
    i18n.set_language("en")
    texts = documents()
    for name, phrases in ENGLISH.items():
        missing = [p for p in phrases if p not in texts[name]]
        assert not missing, (name, missing)
        assert "{" not in texts[name] and "⟦" not in texts[name]


def test_every_printed_phrase_is_translated_whole(db, documents) -> None:
    i18n.set_language(i18n.PSEUDO)
    texts = documents()
    for name, phrases in ENGLISH.items():
        text = texts[name]
        assert "⟦" in text, name
        left = outside_translation(text)
        untranslated = [p for p in phrases if p in left]
        assert not untranslated, (name, untranslated)
        # Each placeholder was filled in after translation.
        assert "{" not in text and "}" not in text, name


def test_the_report_keeps_its_page_total_in_a_translated_footer(db, demo_workshop) -> None:
    i18n.set_language(i18n.PSEUDO)
    try:
        report = db.read(lambda s: load_report(s, demo_workshop.id))
        text = " ".join(all_text(report_pdf(report)).split())
    finally:
        i18n.set_language("en")
    pages = len(re.findall(r"⟦page \d+ of", text))
    assert pages >= 5
    # "of Y" is drawn into the phrase's place once the last page is known.
    assert re.search(rf"⟦page 1 of\s*·+⟧\s*{pages}\b", text)


def test_a_counted_sentence_is_one_phrase(db, demo_workshop) -> None:
    """ "{n} story is kept…" is one phrase with its own plural forms, not pieces joined."""
    assert voting  # the demo's rounds are what the results sheet counts
    i18n.set_language(i18n.PSEUDO)
    try:
        report = db.read(lambda s: load_report(s, demo_workshop.id))
        text = " ".join(all_text(report_pdf(report)).split())
    finally:
        i18n.set_language("en")
    assert re.search(r"⟦\d+ participant codes in the register\. Names are never printed", text)
