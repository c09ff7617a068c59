"""Consent rules: every choice starts unticked, withdrawal ends everything, a story's own consent
narrows (never widens) the general one, and quotes are credited exactly as the teller chose."""

from __future__ import annotations

import pytest

from workshop_app.core.consent import (
    NO_CONSENT,
    QUOTE_OPTIONS,
    ConsentChoices,
    attribution,
    consent_wording,
    effective_consent,
    get_consent,
    record_consent,
    withdraw_consent,
)
from workshop_app.core.errors import ValidationError
from workshop_app.core.notes import add_note
from workshop_app.core.participants import add_participant
from workshop_app.core.records import created
from workshop_app.store.models import Consent, Story

FULL = ConsentChoices(
    take_part=True,
    quote="full_name",
    photo=True,
    contact=True,
    use_report=True,
    use_publicity=True,
)


@pytest.fixture
def person(db, workshop) -> str:
    """A participant on the register with no consent recorded yet."""
    return db.run(lambda s: add_participant(s, workshop.id)).id


@pytest.fixture
def story(db, workshop, person) -> str:
    """A story told by `person`, linked to a note on the board."""

    def _make(s):
        note = add_note(s, workshop.id, "The bus stops at six")
        row = created(
            s,
            Story(
                workshop_id=workshop.id,
                participant_id=person,
                target_kind="note",
                target_id=note.id,
                text="I missed my shift because the last bus had gone.",
                publish=False,
            ),
        )
        return row.id

    return db.run(_make)


# --- choices start unticked ----------------------------------------------------------------


def test_every_choice_starts_unticked():
    fresh = ConsentChoices()
    assert fresh == NO_CONSENT
    assert fresh.take_part is False
    assert fresh.quote == "no"
    assert (fresh.photo, fresh.contact, fresh.use_report, fresh.use_publicity) == (
        False,
        False,
        False,
        False,
    )
    assert not fresh.may_quote
    assert not fresh.may_publish


def test_someone_with_no_consent_recorded_may_do_nothing(db, person):
    assert db.read(lambda s: effective_consent(s, person)) == NO_CONSENT
    assert db.read(lambda s: get_consent(s, person)) is None


def test_words_with_no_known_teller_have_no_consent(db):
    assert db.read(lambda s: effective_consent(s, None)) == NO_CONSENT


def test_an_unknown_quote_choice_is_refused_in_one_line(db, workshop, person):
    with pytest.raises(ValidationError) as caught:
        db.run(
            lambda s: record_consent(
                s, workshop.id, person, ConsentChoices(take_part=True, quote="nickname"), "Ffion"
            )
        )
    message = str(caught.value)
    assert "nickname" in message and "\n" not in message


# --- may_publish -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("choices", "publishable"),
    [
        (FULL, True),
        (ConsentChoices(take_part=True, quote="anonymous", use_report=True), True),
        (ConsentChoices(take_part=True, quote="first_name", use_publicity=True), True),
        # Not taking part: nothing, whatever else is ticked.
        (ConsentChoices(take_part=False, quote="full_name", use_report=True), False),
        # Not to be quoted: nothing leaves, even for the report.
        (ConsentChoices(take_part=True, quote="no", use_report=True, use_publicity=True), False),
        # Quoted, but neither for the report nor publicity.
        (ConsentChoices(take_part=True, quote="full_name", photo=True, contact=True), False),
        (NO_CONSENT, False),
    ],
)
def test_words_may_be_published_only_when_every_condition_holds(choices, publishable):
    assert choices.may_publish is publishable


# --- recording ---------------------------------------------------------------------------------


def test_a_consent_record_says_who_when_and_under_which_wording(db, workshop, person):
    rec = db.run(lambda s: record_consent(s, workshop.id, person, FULL, "  Ffion Morgan  "))
    stored = db.read(lambda s: get_consent(s, person))
    assert stored == rec
    assert stored.recorded_by == "Ffion Morgan"
    assert stored.recorded_at.endswith("Z") and stored.recorded_at[:2] == "20"
    assert stored.wording_version == consent_wording().version
    assert stored.choices == FULL
    assert stored.withdrawn_at is None
    assert db.read(lambda s: effective_consent(s, person)) == FULL


def test_a_consent_read_in_welsh_says_so(db, workshop, person):
    """What someone agreed to is the text they read: a consent recorded while the app speaks
    Welsh names the Welsh wording; one in English, the English (the source)."""
    from workshop_app import i18n

    english = db.run(
        lambda s: record_consent(s, workshop.id, person, FULL, "Ffion")
    ).wording_version
    i18n.set_language("cy")
    try:
        welsh = db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion"))
    finally:
        i18n.set_language("en")
    assert welsh.wording_version == f"{english} cy"
    assert db.read(lambda s: get_consent(s, person)).wording_version == f"{english} cy"
    assert len(welsh.wording_version) <= 32  # the column's width


def test_consent_recorded_by_nobody_is_refused(db, workshop, person):
    for blank in ("", "   "):
        with pytest.raises(ValidationError, match="who recorded"):
            db.run(lambda s, b=blank: record_consent(s, workshop.id, person, FULL, b))
    assert db.read(lambda s: get_consent(s, person)) is None


def test_the_wording_covers_every_choice_the_form_shows():
    wording = consent_wording()
    assert wording.version
    assert set(wording.items) == {
        "take_part",
        "quote",
        "photo",
        "contact",
        "use_report",
        "use_publicity",
    }
    assert all(text.strip() for text in wording.items.values())


def test_recording_again_replaces_the_choices_rather_than_adding_a_second_record(
    db, workshop, person
):
    db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion"))
    narrower = ConsentChoices(take_part=True, quote="anonymous", use_report=True)
    db.run(lambda s: record_consent(s, workshop.id, person, narrower, "Gareth"))
    stored = db.read(lambda s: get_consent(s, person))
    assert stored.choices == narrower
    assert stored.recorded_by == "Gareth"
    count = db.read(
        lambda s: (
            s.query(Consent)
            .filter(Consent.participant_id == person, Consent.story_id.is_(None))
            .count()
        )
    )
    assert count == 1


# --- withdrawal ----------------------------------------------------------------------------


def test_after_withdrawal_nothing_may_be_done(db, workshop, person):
    db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion"))
    rec = db.run(lambda s: withdraw_consent(s, person, "Gareth"))
    assert rec.withdrawn_at is not None
    assert rec.effective == NO_CONSENT
    assert db.read(lambda s: effective_consent(s, person)) == NO_CONSENT
    stored = db.read(lambda s: get_consent(s, person))
    # The record stays (so the hub learns of the withdrawal), marked by whom.
    assert stored.withdrawn_at is not None
    assert stored.recorded_by == "Gareth"


def test_withdrawing_twice_keeps_the_first_withdrawal_time(db, workshop, person):
    db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion"))
    first = db.run(lambda s: withdraw_consent(s, person, "Gareth"))
    second = db.run(lambda s: withdraw_consent(s, person, "Someone else"))
    assert second.withdrawn_at == first.withdrawn_at
    assert second.recorded_by == "Gareth"


def test_withdrawing_consent_never_given_is_harmless(db, person):
    assert db.run(lambda s: withdraw_consent(s, person, "Ffion")) is None
    assert db.read(lambda s: effective_consent(s, person)) == NO_CONSENT


def test_consent_given_again_after_withdrawal_counts_again(db, workshop, person):
    db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion"))
    db.run(lambda s: withdraw_consent(s, person, "Ffion"))
    db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion"))
    assert db.read(lambda s: effective_consent(s, person)) == FULL


# --- story-level consent narrows ---------------------------------------------------------------


def test_a_story_without_its_own_consent_follows_the_general_one(db, workshop, person, story):
    general = ConsentChoices(take_part=True, quote="first_name", use_report=True)
    db.run(lambda s: record_consent(s, workshop.id, person, general, "Ffion"))
    assert db.read(lambda s: effective_consent(s, person, story)) == general


def test_a_story_consent_narrows_the_general_one(db, workshop, person, story):
    db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion"))
    own = ConsentChoices(take_part=True, quote="anonymous", use_report=True)
    db.run(lambda s: record_consent(s, workshop.id, person, own, "Ffion", story_id=story))
    result = db.read(lambda s: effective_consent(s, person, story))
    assert result == ConsentChoices(take_part=True, quote="anonymous", use_report=True)
    assert not result.use_publicity and not result.photo
    # The general consent is untouched by the story's own.
    assert db.read(lambda s: effective_consent(s, person)) == FULL


def test_a_story_consent_never_widens_the_general_one(db, workshop, person, story):
    general = ConsentChoices(take_part=True, quote="anonymous", use_report=True)
    db.run(lambda s: record_consent(s, workshop.id, person, general, "Ffion"))
    db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion", story_id=story))
    result = db.read(lambda s: effective_consent(s, person, story))
    assert not result.use_publicity
    assert not result.photo
    assert not result.contact
    assert result.use_report
    assert result.may_publish
    # Named in the story's consent, anonymous in the general one: the credit stays anonymous.
    assert result.quote == "anonymous"
    assert attribution(result, "Ffion Morgan", "Llanidloes") == "Anonymous"


@pytest.mark.parametrize(
    ("general", "own", "narrowed"),
    [
        ("full_name", "first_name", "first_name"),
        ("first_name", "full_name", "first_name"),
        ("first_name_area", "full_name", "first_name"),
        ("full_name", "first_name_area", "first_name"),
        ("first_name", "first_name_area", "first_name"),
        ("anonymous", "first_name_area", "anonymous"),
        ("first_name_area", "first_name_area", "first_name_area"),
        ("full_name", "no", "no"),
    ],
)
def test_a_story_s_quote_choice_reveals_no_more_than_both_allow(
    db, workshop, person, story, general, own, narrowed
):
    base = ConsentChoices(take_part=True, quote=general, use_report=True)
    db.run(lambda s: record_consent(s, workshop.id, person, base, "Ffion"))
    mine = ConsentChoices(take_part=True, quote=own, use_report=True)
    db.run(lambda s: record_consent(s, workshop.id, person, mine, "Ffion", story_id=story))
    assert db.read(lambda s: effective_consent(s, person, story)).quote == narrowed


def test_a_story_consent_cannot_make_quotable_someone_who_said_not_to_be_quoted(
    db, workshop, person, story
):
    general = ConsentChoices(take_part=True, quote="no", use_report=True, use_publicity=True)
    db.run(lambda s: record_consent(s, workshop.id, person, general, "Ffion"))
    db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion", story_id=story))
    result = db.read(lambda s: effective_consent(s, person, story))
    assert result.quote == "no"
    assert not result.may_quote
    assert not result.may_publish
    assert attribution(result, "Ffion Morgan", "Llanidloes") is None


def test_a_story_consent_without_general_consent_allows_nothing(db, workshop, person, story):
    db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion", story_id=story))
    result = db.read(lambda s: effective_consent(s, person, story))
    assert result == ConsentChoices(quote="no")
    assert not result.may_publish


def test_withdrawing_general_consent_stops_every_story(db, workshop, person, story):
    db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion"))
    db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion", story_id=story))
    db.run(lambda s: withdraw_consent(s, person, "Ffion"))
    result = db.read(lambda s: effective_consent(s, person, story))
    assert not result.take_part and not result.may_publish


def test_withdrawing_one_storys_consent_leaves_the_general_one(db, workshop, person, story):
    db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion"))
    db.run(lambda s: record_consent(s, workshop.id, person, FULL, "Ffion", story_id=story))
    db.run(lambda s: withdraw_consent(s, person, "Ffion", story_id=story))
    assert not db.read(lambda s: effective_consent(s, person, story)).may_publish
    assert db.read(lambda s: effective_consent(s, person)) == FULL


# --- attribution -------------------------------------------------------------------------------


def _quoted(quote: str) -> ConsentChoices:
    return ConsentChoices(take_part=True, quote=quote, use_report=True)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("full_name", "Bethan Lloyd-Jones"),
        ("first_name", "Bethan"),
        ("first_name_area", "Bethan, Trefeglwys"),
        ("anonymous", "Anonymous"),
        ("no", None),
    ],
)
def test_a_quote_is_credited_as_the_teller_chose(quote, expected):
    assert attribution(_quoted(quote), "  Bethan Lloyd-Jones ", " Trefeglwys ") == expected


def test_no_credit_at_all_without_consent_to_take_part():
    choices = ConsentChoices(take_part=False, quote="full_name", use_report=True)
    assert attribution(choices, "Bethan Lloyd-Jones", "Trefeglwys") is None
    assert attribution(NO_CONSENT, "Bethan Lloyd-Jones", "Trefeglwys") is None


def test_a_teller_with_no_name_on_record_is_credited_anonymously():
    for quote in ("full_name", "first_name", "first_name_area"):
        assert attribution(_quoted(quote), "", "Trefeglwys") == "Anonymous"
        assert attribution(_quoted(quote), "   ", "") == "Anonymous"


def test_first_name_and_area_without_an_area_gives_the_first_name():
    assert attribution(_quoted("first_name_area"), "Bethan Lloyd-Jones", "  ") == "Bethan"


def test_every_quote_option_has_an_attribution_or_none():
    for quote in QUOTE_OPTIONS:
        result = attribution(_quoted(quote), "Bethan Lloyd-Jones", "Trefeglwys")
        assert (result is None) == (quote == "no")
