"""The workshop report: sections, contents, page X of Y, outline and metadata; stories only as
consent allows and no names; a report of 1,000 notes runs past 40 pages with progress, and can
be cancelled."""

from __future__ import annotations

import io
import re

import pytest
from pdf_support import pages_text, render
from pypdf import PdfReader

from workshop_app.core.equality import add_response
from workshop_app.core.narratives import NarrativeFields, list_narratives, save_narrative
from workshop_app.core.notes import add_note
from workshop_app.core.participants import list_participants
from workshop_app.core.stories import add_story
from workshop_app.core.themes import add_theme
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.printing.output import PrintCancelled
from workshop_app.printing.report import load_report, report_pdf

KEPT_BACK = "The landlord on our street never fixes the damp, I told him twice."


def _flat(items) -> list:
    out = []
    for item in items:
        out += _flat(item) if isinstance(item, list) else [item]
    return out


def _no_footer(text: str) -> str:
    return re.sub(r"page \d+ of\s+\d+", "", text)


def _contents(pages: list[str]) -> list[tuple[str, int]]:
    """(title, page number) of each contents line, read back from the contents pages."""
    skip = {"Contents", "Many themes", "Our place, our priorities (demo)"}
    lines = [
        ln.strip()
        for page in pages
        for ln in _no_footer(page).splitlines()
        if ln.strip() and set(ln.strip()) - {".", " "} and ln.strip() not in skip
    ]
    return [(lines[i], int(lines[i + 1])) for i in range(0, len(lines), 2)]


def _outline_titles(reader: PdfReader) -> list[str]:
    return [item.title for item in _flat(reader.outline)]


def test_demo_report_sections_contents_footers_and_metadata(db, demo_workshop) -> None:
    pdf = report_pdf(db.read(lambda s: load_report(s, demo_workshop.id)))
    reader = PdfReader(io.BytesIO(pdf))
    pages = pages_text(pdf)
    total = len(pages)
    for number, text in enumerate(pages, start=1):
        assert f"page {number} of {total}" in " ".join(text.split())
    assert reader.metadata.title == "Workshop report: Our place, our priorities (demo)"
    assert reader.metadata.author == "Sam Rees, Priya Shah"
    outline = _outline_titles(reader)
    for section in ("The questions asked", "Who took part", "Themes and notes", "Voting"):
        assert section in outline
    assert {"Shortlist", "Getting about", "Appendix: every note"} <= set(outline)
    # The contents page lists every outline entry with the page the outline jumps to.
    contents = _contents(pages[1:2])
    entries = _flat(reader.outline)
    assert contents == [(e.title, reader.get_destination_page_number(e) + 1) for e in entries]
    assert "Voting" in pages[dict(contents)["Voting"] - 1]
    text = " ".join("\n".join(pages).split())
    assert "Buses every 30 minutes, and on Sundays (×3 · Table 4)" in text  # duplicates as ×N
    assert "3= Fair pay · tied" in text
    assert "Age band: Under 16: <5" in text  # suppressed as on screen
    assert "I got offered a job at the care home in town" in text  # published, with consent


def test_stories_and_names_only_as_consent_allows(db, demo_workshop) -> None:
    def kept_back_story(s):
        people = {p.name: p for p in list_participants(s, demo_workshop.id)}
        narrative = list_narratives(s, demo_workshop.id)[0]
        add_story(
            s,
            demo_workshop.id,
            narrative.target_kind,
            narrative.target_id,
            KEPT_BACK,
            participant_id=people["Aisha Rahman"].id,
        )

    db.run(kept_back_story)
    text = " ".join(
        "\n".join(
            pages_text(report_pdf(db.read(lambda s: load_report(s, demo_workshop.id))))
        ).split()
    )
    assert "landlord" not in text
    assert "1 story is kept for internal use only" in text
    for name in ("Hughes", "Aisha", "Rahman", "Tomasz", "Nowak", "Gareth Price"):
        assert name not in text, name


def test_a_report_of_a_thousand_notes_runs_past_forty_pages(db) -> None:
    w = db.run(lambda s: create_workshop(s, WorkshopFields(title="Big hall")))

    def many(s):
        for i in range(1000):
            add_note(s, w.id, f"Note {i}: " + "more evening buses and a warm library " * 3)

    db.run(many)
    data = db.read(lambda s: load_report(s, w.id))
    seen: list[tuple[int, int]] = []
    pdf = report_pdf(data, progress=lambda done, total: seen.append((done, total)))
    pages = pages_text(pdf)
    assert len(pages) >= 40
    assert f"page {len(pages)} of {len(pages)}" in " ".join(pages[-1].split())
    assert "Note 999:" in pages[-1]
    assert seen[-1] == (1, 1) and len(seen) > 10
    fractions = [d / t for d, t in seen[:-1]]
    assert fractions == sorted(fractions) and max(fractions) < 1
    # The last page renders (spot-check that the layout survived the length).
    assert render(pdf, dpi=30)[-1].getextrema()[0] < 100

    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 50

    with pytest.raises(PrintCancelled):
        report_pdf(data, cancelled=cancel)


def test_contents_longer_than_a_page_carry_on_with_the_right_numbers(db) -> None:
    w = db.run(lambda s: create_workshop(s, WorkshopFields(title="Many themes")))

    def themes(s):
        for i in range(70):
            theme = add_theme(s, w.id, f"Theme {i}")
            add_note(s, w.id, f"A note for theme {i}", theme.id)

    db.run(themes)
    pdf = report_pdf(db.read(lambda s: load_report(s, w.id)))
    reader = PdfReader(io.BytesIO(pdf))
    pages = pages_text(pdf)
    entries = _flat(reader.outline)
    contents = _contents(pages[1:3])
    assert contents[-1][0] == "Appendix: every note" and "Theme 69" in pages[2]
    assert contents == [(e.title, reader.get_destination_page_number(e) + 1) for e in entries]


def test_an_empty_report_says_there_is_nothing_yet_and_prints_no_label_without_a_value(
    db,
) -> None:
    w = db.run(lambda s: create_workshop(s, WorkshopFields(title="Empty hall")))

    def text() -> list[str]:
        pdf = report_pdf(db.read(lambda s: load_report(s, w.id)))
        return [" ".join(_no_footer(p).split()) for p in pages_text(pdf)]

    pages = text()
    assert "Appendix: every note" in pages[-1] and "No notes yet." in pages[-1]
    # Nobody gave an area: no bare "Area (…):" label with nothing after it.
    assert "Area (" not in " ".join(pages)
    # No card returned: said plainly, not a page of "<5" for answers nobody gave.
    whole = " ".join(pages)
    assert "No equality and reach cards returned yet." in whole
    assert "Age band" not in whole and "<5" not in whole
    db.run(lambda s: add_response(s, w.id, {"area": "SY18"}))
    assert "Area (ward, or the first half of a postcode): SY18: <5" in " ".join(text())


def test_a_narrative_with_nothing_written_says_so(db) -> None:
    w = db.run(lambda s: create_workshop(s, WorkshopFields(title="Quiet hall")))
    note = db.run(lambda s: add_note(s, w.id, "A bench by the bus stop"))
    db.run(lambda s: save_narrative(s, w.id, "note", note.id, NarrativeFields()))
    text = " ".join(
        _no_footer(
            "\n".join(pages_text(report_pdf(db.read(lambda s: load_report(s, w.id)))))
        ).split()
    )
    assert "Narratives A bench by the bus stop Nothing written yet." in text


def test_a_story_agreed_for_publicity_only_stays_out_of_the_report(db, demo_workshop) -> None:
    """Consent to publicity is not consent to the report: the story is counted as kept back,
    never printed, and `narratives --json` says it is not for reports."""
    from workshop_app.core.consent import ConsentChoices
    from workshop_app.core.participants import ParticipantFields, add_participant
    from workshop_app.core.stories import list_stories

    publicity = ConsentChoices(take_part=True, quote="full_name", use_publicity=True)

    def publicity_story(s):
        person = add_participant(
            s, demo_workshop.id, ParticipantFields(name="Pryderi Publicity"), publicity, "Desk"
        )
        narrative = list_narratives(s, demo_workshop.id)[0]
        add_story(
            s,
            demo_workshop.id,
            narrative.target_kind,
            narrative.target_id,
            "Only for the poster, please",
            participant_id=person.id,
            publish=True,
        )
        return narrative

    narrative = db.run(publicity_story)
    text = " ".join(
        "\n".join(
            pages_text(report_pdf(db.read(lambda s: load_report(s, demo_workshop.id))))
        ).split()
    )
    assert "Only for the poster" not in text and "Pryderi" not in text
    stories = db.read(
        lambda s: list_stories(s, demo_workshop.id, narrative.target_kind, narrative.target_id)
    )
    poster = next(st for st in stories if st.text == "Only for the poster, please")
    shown = poster.as_json()
    assert shown["text"] == "Only for the poster, please"  # may leave, for publicity
    assert shown["in_reports"] is False


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_no_page_ends_on_a_line_that_introduces_the_next(db, demo_workshop, paper) -> None:
    """A theme's "11 notes", a round's rules and totals, or a narrative's section title at the
    foot of a page, with what they introduce over the page, reads as if it were empty."""
    pdf = report_pdf(db.read(lambda s: load_report(s, demo_workshop.id)), paper)
    for number, page in enumerate(pages_text(pdf)[:-1], start=1):
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        body = [ln for ln in lines if not re.search(r"page \d+ of", ln)]
        last = body[-1] if body else ""
        assert not re.fullmatch(r"\d+ notes?", last), (paper, number, last)
        assert not last.startswith(("Totals:", "Rules:")), (paper, number, last)
        assert last not in ("Voting", "Shortlist", "Final: what first?"), (paper, number, last)
