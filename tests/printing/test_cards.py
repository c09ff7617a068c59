"""Participant cards: every QR code scans back to its workshop and code, walk-in cards add codes
to the register, and the card text a USB scanner types is parsed exactly."""

from __future__ import annotations

import uuid

import pytest
from pdf_support import all_text, decode_qr_codes, pages_text

from workshop_app.core.cards import card_text, parse_card_text, participant_from_scan
from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.participants import find_by_code, list_participants
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.printing.cards import cards_pdf, load_cards


def test_card_text_round_trips_through_the_parser() -> None:
    wid = str(uuid.uuid4())
    text = card_text(wid, "7kq3")
    assert text == f"WSA1:{wid.upper()}:7KQ3"
    assert parse_card_text(text) == (wid, "7KQ3")
    # A scanner types it with Enter after; someone may type it by hand in lower case.
    assert parse_card_text(text + "\r\n") == (wid, "7KQ3")
    assert parse_card_text("  " + text.lower()) == (wid, "7KQ3")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "7KQ3",
        "WSA2:4E36E72C-1111-2222-3333-444455556666:7KQ3",
        "WSA1:not-a-uuid:7KQ3",
        "WSA1:4E36E72C-1111-2222-3333-444455556666:7KQ0",  # 0 is not in the code alphabet
        "WSA1:4E36E72C-1111-2222-3333-444455556666:7KQ",
        "WSA1:4E36E72C-1111-2222-3333-444455556666:7KQ3:extra",
        "https://example.org/w/4e36e72c-1111-2222-3333-444455556666",
    ],
)
def test_text_that_is_not_a_card_is_not_taken_for_one(text: str) -> None:
    assert parse_card_text(text) is None


def test_every_card_scans_back_to_a_code_in_the_register(db, demo_workshop) -> None:
    before = db.read(lambda s: list_participants(s, demo_workshop.id))
    data = db.run(lambda s: load_cards(s, demo_workshop.id, blank=3))
    pdf = cards_pdf(data)
    after = db.read(lambda s: list_participants(s, demo_workshop.id))
    # Three walk-ins joined the register, with no name and nothing consented.
    assert len(after) == len(before) + 3
    walk_ins = [p for p in after if p.code not in {b.code for b in before}]
    assert all(p.name == "" and p.consent is None for p in walk_ins)
    assert {c.code for c in data.cards if c.walk_in} == {p.code for p in walk_ins}
    # Eight cards to a sheet: the last sheet holds what is left.
    assert len(pages_text(pdf)) == -(-len(after) // 8)
    decoded = decode_qr_codes(pdf)
    assert sorted(d.text for d in decoded) == sorted(
        card_text(demo_workshop.id, p.code) for p in after
    )
    per_sheet = [sum(d.page == n + 1 for d in decoded) for n in range(len(pages_text(pdf)))]
    assert per_sheet == [8] * (len(per_sheet) - 1) + [len(after) - 8 * (len(per_sheet) - 1)]
    for d in decoded:
        assert d.width_cm >= 2.0, d  # print-grade: at least 2 cm across
        wid, code = parse_card_text(d.text)
        assert wid == demo_workshop.id
        assert db.read(lambda s, w=wid, c=code: find_by_code(s, w, c)).code == code
    text = all_text(pdf)
    for p in after:
        assert " ".join(p.code) in text  # the code in large, spaced type
    assert "Walk-in: your code" in text
    assert "You have 2 dots" not in text and "You have 1 dot to vote with" in text
    flat = " ".join(text.split())
    assert "Put it on the priority that matters most" in flat and "Put them on" not in flat
    assert "Nothing about you is shared without your consent" in " ".join(text.split())


def test_an_empty_register_needs_blank_cards(db) -> None:
    w = db.run(lambda s: create_workshop(s, WorkshopFields(title="Empty hall")))
    with pytest.raises(ValidationError, match="--blank"):
        db.run(lambda s: load_cards(s, w.id, blank=0))
    data = db.run(lambda s: load_cards(s, w.id, blank=1))
    assert "When it is time to vote" in all_text(cards_pdf(data))


def test_a_scanned_card_picks_its_person_and_a_card_from_elsewhere_is_refused(
    db, demo_workshop
) -> None:
    people = db.read(lambda s: list_participants(s, demo_workshop.id))
    scanned = card_text(demo_workshop.id, people[2].code) + "\n"
    found = db.read(lambda s: participant_from_scan(s, demo_workshop.id, scanned))
    assert found is not None and found.id == people[2].id
    assert db.read(lambda s: participant_from_scan(s, demo_workshop.id, people[2].code)) is None
    other = card_text(str(uuid.uuid4()), people[2].code)
    with pytest.raises(ValidationError, match="another workshop"):
        db.read(lambda s: participant_from_scan(s, demo_workshop.id, other))
    with pytest.raises(NotFoundError, match="2345"):
        db.read(
            lambda s: participant_from_scan(
                s, demo_workshop.id, card_text(demo_workshop.id, "2345")
            )
        )
