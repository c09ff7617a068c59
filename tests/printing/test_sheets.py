"""The welcome sheet and the results sheet: what they say, the follow-up QR code read back from
the printed page, and fifteen options on one A4 page."""

from __future__ import annotations

import io
import re

import pytest
from pdf_support import all_text, decode_qr_codes, pages_text, squashed
from pypdf import PdfReader
from reportlab.lib.units import cm

from workshop_app import i18n
from workshop_app.core import voting
from workshop_app.core.errors import ValidationError
from workshop_app.core.notes import add_note
from workshop_app.core.workshops import WorkshopFields, create_workshop, follow_up_link
from workshop_app.printing.qr import QrTooLongError, qr_matrix
from workshop_app.printing.results_sheet import load_results_sheet, results_sheet_pdf
from workshop_app.printing.welcome import welcome_pdf


def _size(pdf: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    return round(float(box.width)), round(float(box.height))


@pytest.mark.parametrize("a5,size", [(False, (595, 842)), (True, (420, 595))])
def test_welcome_sheet_follow_up_code_scans_and_the_address_is_printed_beside_it(
    demo_workshop, a5: bool, size: tuple[int, int]
) -> None:
    pdf = welcome_pdf(demo_workshop, a5=a5)
    assert _size(pdf) == size
    assert len(pages_text(pdf)) == 1  # poster and handout are one page each
    link = follow_up_link(demo_workshop.follow_up_url, demo_workshop.id)
    assert link.endswith(f"/w/{demo_workshop.id}")
    decoded = decode_qr_codes(pdf)
    assert [d.text for d in decoded] == [link]
    assert decoded[0].width_cm >= 2.0
    text = all_text(pdf)
    assert link in squashed(text)  # readable beside the code, even when wrapped
    flat = " ".join(text.split())
    assert "No internet? Call 01234 567890, or ask at the next meeting." in flat
    assert "Your privacy, in plain words" in flat
    assert "what would make Abercwm ward a better place to live and work" in flat
    assert "What would make this a better place to live and work?" in flat


def test_without_a_follow_up_address_there_is_no_qr_code_but_still_a_way(db) -> None:
    w = db.run(lambda s: create_workshop(s, WorkshopFields(title="Offline hall")))
    pdf = welcome_pdf(w)
    assert decode_qr_codes(pdf) == []
    flat = " ".join(all_text(pdf).split())
    assert "Ask at the next meeting" in flat
    assert "what would make this a better place to live and work" in flat


def test_results_sheet_of_the_demo_shortlist(db, demo_workshop) -> None:
    data = db.read(lambda s: load_results_sheet(s, demo_workshop.id))
    pdf = results_sheet_pdf(data)
    text = " ".join(all_text(pdf).split())
    assert "Results: Shortlist" in text
    assert "Rules: 2 dots each; at most 2 on one option; criterion: most important" in text
    assert "32 dots in all" in text
    # Ties marked as on screen (rank shared, "=") and never broken; near-ties "~".
    assert "3= Fair pay · tied 5 16%" in text and "3= High street · tied 5 16%" in text
    assert "near tie" in text
    assert "Tied at rank 3: Fair pay; High street." in text
    # The narrative summary of a priority that has one.
    assert "Getting about: Buses every 30 minutes until eleven at night" in text
    assert "Printed " in text
    link = follow_up_link(demo_workshop.follow_up_url, demo_workshop.id)
    assert [d.text for d in decode_qr_codes(pdf)] == [link]


def test_an_open_round_has_no_results_sheet(db, demo_workshop) -> None:
    with pytest.raises(ValidationError, match="still open"):
        db.read(lambda s: load_results_sheet(s, demo_workshop.id, "Final: what first?"))


def test_fifteen_options_fit_one_a4_page(db) -> None:
    labels = [f"Option {i:02d}: " + "a fairly long priority label " * 2 for i in range(15)]
    pages = pages_text(_many_options_sheet(db, len(labels), labels))
    first = " ".join(pages[0].split())
    for i in range(15):
        assert f"Option {i:02d}" in first


def test_a_follow_up_address_too_long_to_scan_is_refused_with_a_reason(db) -> None:
    fields = WorkshopFields(title="Long link", follow_up_url="https://example.org/" + "a" * 1500)
    w = db.run(lambda s: create_workshop(s, fields))
    with pytest.raises(QrTooLongError, match="follow-up address is too long"):
        welcome_pdf(w)


def test_qr_codes_are_vector_squares_not_pictures(db, demo_workshop) -> None:
    data = db.read(lambda s: load_results_sheet(s, demo_workshop.id))
    for pdf in (welcome_pdf(demo_workshop), results_sheet_pdf(data)):
        assert all(not page.images for page in PdfReader(io.BytesIO(pdf)).pages)
        assert decode_qr_codes(pdf)  # and still a code a phone reads


def test_a_round_with_objections_prints_them_and_singular_rules(db, demo_workshop) -> None:
    def close_final(s):
        voting.close_round(s, voting.find_round(s, demo_workshop.id, "Final: what first?").id)

    db.run(close_final)
    data = db.read(lambda s: load_results_sheet(s, demo_workshop.id, "final: WHAT first?"))
    text = " ".join(all_text(results_sheet_pdf(data)).split())
    assert "Rules: 1 dot each; criterion: most urgent; 1 red objection dot each" in text
    assert "Objections" in text and "1 objection dot." in text
    assert "1= Getting about · tied 1 50% 1 0" in text


def test_the_results_sheet_marks_what_goes_forward_as_the_voting_window_set_it(
    db, demo_workshop
) -> None:
    """The facilitator set how many go forward in the voting window: the printed sheet draws
    the same line (it used the round's suggestion whatever the screen said)."""
    from workshop_app.printing.queries import results_sheet

    rounds = db.read(lambda s: voting.list_rounds(s, demo_workshop.id))
    shortlist = next(r for r in rounds if r.name == "Shortlist")
    for forward in (1, 2, 4):
        sheet = db.read(lambda s, f=forward: results_sheet(demo_workshop.id, shortlist.id, f)(s))
        assert sheet.result.forward == forward


SEVEN_QUESTIONS = tuple(
    f"Question {i}: what would make the high street and the park better for everyone?"
    for i in range(1, 8)
)
TITLE_130 = (
    "Our place, our priorities: housing, buses, jobs, parks, the library and the high street "
    "in Abercwm ward and the villages around it"
)


def _welcome_fields(**changes) -> WorkshopFields:
    base = {
        "title": "Neuadd y dref",
        "programme": "Valleys Local Economic Transformation",
        "place": "Abercwm ward",
        "venue": "St Mary's church hall",
        "starts_at": "2026-11-28T10:00",
        "prompts": ("What would make this a better place to live and work?",),
        "follow_up_url": "https://valleys-let.example.org/follow-up",
        "contact_phone": "01234 567890",
    }
    return WorkshopFields(**(base | changes))


@pytest.mark.parametrize(
    "a5,changes",
    [(True, {"prompts": SEVEN_QUESTIONS}), (False, {"title": TITLE_130})],
    ids=["seven-questions-a5", "long-title-a4"],
)
def test_a_fuller_welcome_sheet_still_fits_one_page_with_its_code(db, a5: bool, changes) -> None:
    """Type is set smaller (measured, down to a readable minimum) rather than the follow-up
    code spilling alone onto a second page."""
    assert len(changes.get("title", "")) in (0, 130)
    w = db.run(lambda s: create_workshop(s, _welcome_fields(**changes)))
    pdf = welcome_pdf(w, a5=a5)
    pages = pages_text(pdf)
    assert len(pages) == 1
    link = follow_up_link(w.follow_up_url, w.id)
    assert [(d.page, d.text) for d in decode_qr_codes(pdf)] == [(1, link)]
    flat = squashed(pages[0])
    for text in (w.title, *w.prompts, "Your privacy, in plain words", link):
        assert squashed(text) in flat, text


def _font_sizes(pdf: bytes) -> set[float]:
    sizes = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        data = page.get_contents().get_data()
        sizes |= {float(m) for m in re.findall(rb"/F\d+ ([\d.]+) Tf", data)}
    return sizes


@pytest.mark.parametrize("count", [10, 13, 16, 20, 30])
def test_a_welcome_sheet_too_full_for_one_page_never_leaves_its_code_alone(db, count) -> None:
    """Past the smallest readable type the sheet runs on, but the code keeps its words and
    never stands alone on a page."""
    questions = tuple(f"{q} ({i})" for i, q in enumerate(SEVEN_QUESTIONS * 5, start=1))[:count]
    w = db.run(lambda s: create_workshop(s, _welcome_fields(prompts=questions)))
    pdf = welcome_pdf(w, a5=True)
    assert min(_font_sizes(pdf)) >= 7.5  # never set smaller than people can read
    pages = [" ".join(p.split()) for p in pages_text(pdf)]
    decoded = decode_qr_codes(pdf)
    assert [d.text for d in decoded] == [follow_up_link(w.follow_up_url, w.id)]
    qr_page = pages[decoded[0].page - 1]
    assert "Follow what happens next" in qr_page and "Scan the code" in qr_page
    # Something besides the follow-up part on its page: here, the privacy notice.
    assert "Your privacy, in plain words" in qr_page


def _many_options_sheet(db, count: int, labels: list[str] | None = None) -> bytes:
    """The results sheet of a revealed round of `count` options, each with its own dots."""
    w = db.run(lambda s: create_workshop(s, _welcome_fields(title="Many options")))
    for i in range(count):
        text = labels[i] if labels else f"Option {i:02d}: a fairly long priority label"
        db.run(lambda s, t=text: add_note(s, w.id, t))

    def vote(s):
        targets = voting.options_from_board(s, w.id)
        r = voting.create_round(s, w.id, "Big round", targets, dots_per_person=5)
        voting.open_round(s, r.id)
        for i, option in enumerate(voting.get_round(s, r.id).options):
            voting.record_paper_tally(s, r.id, option.id, 20 + i)
        voting.close_round(s, r.id)
        voting.reveal(s, r.id)

    db.run(vote)
    return results_sheet_pdf(db.read(lambda s: load_results_sheet(s, w.id)))


def test_every_page_of_a_longer_sheet_says_page_x_of_y(db) -> None:
    questions = tuple(f"{q} ({i})" for i, q in enumerate(SEVEN_QUESTIONS * 5, start=1))
    w = db.run(lambda s: create_workshop(s, _welcome_fields(prompts=questions)))
    for pdf in (welcome_pdf(w, a5=True), _many_options_sheet(db, 40)):
        pages = [" ".join(p.split()) for p in pages_text(pdf)]
        assert len(pages) > 1
        for number, text in enumerate(pages, start=1):
            assert f"page {number} of {len(pages)}" in text, text[-200:]


@pytest.mark.parametrize("a5", [False, True])
def test_a_too_long_follow_up_address_is_refused_in_one_whole_translated_sentence(
    db, a5: bool
) -> None:
    """Not a translated "The follow-up address" dropped into the middle of another sentence
    (a capital mid-sentence in Welsh): the whole sentence is one phrase."""
    url = "https://example.org/" + "a" * 1500
    w = db.run(lambda s: create_workshop(s, WorkshopFields(title="Long", follow_up_url=url)))
    length = len(follow_up_link(url, w.id))
    i18n.set_language(i18n.PSEUDO)
    try:
        with pytest.raises(QrTooLongError) as caught:
            welcome_pdf(w, a5=a5)
    finally:
        i18n.set_language("en")
    message = str(caught.value)
    assert message.count("⟦") == 1 and message.endswith("⟧"), message
    assert message.startswith("⟦The follow-up address is too long to print as a QR code")
    assert f"({length} characters)" in message


def test_text_too_long_for_any_qr_code_is_refused_in_one_whole_sentence() -> None:
    from workshop_app.printing.common import FOLLOW_UP_TOO_LONG

    i18n.set_language(i18n.PSEUDO)
    try:
        with pytest.raises(QrTooLongError) as caught:
            qr_matrix("x" * 5000, 4 * cm, FOLLOW_UP_TOO_LONG)
        with pytest.raises(QrTooLongError) as plain:
            qr_matrix("x" * 5000, 4 * cm)
    finally:
        i18n.set_language("en")
    for error in (caught, plain):
        assert str(error.value).count("⟦") == 1, str(error.value)
    assert str(caught.value).startswith("⟦The follow-up address is too long")
    assert "(5000 characters)" in str(plain.value)


def test_a_long_ranking_starts_under_its_heading_not_on_the_next_page(db) -> None:
    """Forty options cannot fit one page, but the ranking starts on page 1 under the rules and
    totals (page 1 never holds only a heading), the highest first."""
    pages = [" ".join(p.split()) for p in pages_text(_many_options_sheet(db, 40))]
    assert "Option 39" in pages[0], pages[0][:400]
    every = " ".join(pages)
    assert all(f"Option {i:02d}" in every for i in range(40))
