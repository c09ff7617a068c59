"""Lived-experience stories: kept for internal use unless the teller agreed to be quoted,
credited only as they chose, hidden again the moment they withdraw, and checked for words that
could still name someone."""

from __future__ import annotations

import json

import pytest

from workshop_app.core.consent import ConsentChoices, record_consent
from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.participants import (
    ParticipantFields,
    add_participant,
    withdraw_participant,
)
from workshop_app.core.stories import (
    add_story,
    delete_story,
    edit_story,
    get_story,
    identifying_warnings,
    list_stories,
)
from workshop_app.core.workshops import WorkshopFields, create_workshop

NAME, AREA = "Ann Pritchard", "Llanidloes"
TEXT = "The last bus leaves at six, so I miss every evening class at the college."
NO_QUOTE = ConsentChoices(take_part=True, quote="no", use_report=True)
ANONYMOUS = ConsentChoices(take_part=True, quote="anonymous", use_report=True)
FIRST_AND_AREA = ConsentChoices(take_part=True, quote="first_name_area", use_report=True)


@pytest.fixture
def note(add) -> str:
    return add("No bus after six")


def _person(db, workshop_id: str, choices: ConsentChoices) -> str:
    return db.run(
        lambda s: add_participant(
            s, workshop_id, ParticipantFields(name=NAME, area=AREA), choices, recorded_by="Sam"
        )
    ).id


def _story(db, workshop_id, note, participant_id=None, publish=False, text=TEXT):
    return db.run(lambda s: add_story(s, workshop_id, "note", note, text, participant_id, publish))


def test_a_story_without_quote_consent_is_kept_for_internal_use(db, workshop, note):
    person = _person(db, workshop.id, NO_QUOTE)
    story = _story(db, workshop.id, note, person)

    assert story.text == TEXT
    assert not story.publish and not story.may_publish
    assert story.credit is None
    assert story.as_json()["text"] is None
    assert db.read(lambda s: list_stories(s, workshop.id))[0].text == TEXT


def test_publishing_without_quote_consent_is_refused_when_added(db, workshop, note):
    person = _person(db, workshop.id, NO_QUOTE)
    with pytest.raises(ValidationError, match="internal use only"):
        _story(db, workshop.id, note, person, publish=True)
    assert db.read(lambda s: list_stories(s, workshop.id)) == []


def test_publishing_without_quote_consent_is_refused_when_edited(db, workshop, note):
    person = _person(db, workshop.id, NO_QUOTE)
    story = _story(db, workshop.id, note, person)
    with pytest.raises(ValidationError) as exc:
        db.run(lambda s: edit_story(s, story.id, publish=True))
    assert "internal use only" in str(exc.value)
    assert "quoted" in str(exc.value)
    assert not db.read(lambda s: get_story(s, story.id)).publish


def test_a_story_nobody_is_linked_to_cannot_be_published(db, workshop, note):
    with pytest.raises(ValidationError, match="internal use only"):
        _story(db, workshop.id, note, None, publish=True)


def test_quote_consent_without_a_report_or_publicity_use_is_not_enough(db, workshop, note):
    person = _person(db, workshop.id, ConsentChoices(take_part=True, quote="anonymous"))
    with pytest.raises(ValidationError, match="internal use only"):
        _story(db, workshop.id, note, person, publish=True)


def test_an_anonymous_story_is_published_with_no_name_anywhere(db, workshop, note):
    person = _person(db, workshop.id, ANONYMOUS)
    story = _story(db, workshop.id, note, person, publish=True)

    assert story.publish and story.may_publish
    assert story.credit == "Anonymous"
    out = story.as_json()
    assert out["text"] == TEXT
    assert out["credit"] == "Anonymous"
    dumped = json.dumps(out)
    for part in (*NAME.split(), AREA, person, story.participant_code):
        assert part not in dumped


def test_a_story_can_be_published_later_by_editing_it(db, workshop, note):
    person = _person(db, workshop.id, ANONYMOUS)
    story = _story(db, workshop.id, note, person)
    assert story.as_json()["text"] is None

    published = db.run(lambda s: edit_story(s, story.id, publish=True))
    assert published.publish
    assert published.as_json()["text"] == TEXT
    unpublished = db.run(lambda s: edit_story(s, story.id, publish=False))
    assert unpublished.as_json() == {
        **published.as_json(),
        "publish": False,
        "text": None,
        "credit": None,
        "in_reports": False,
    }


def test_first_name_and_area_credit(db, workshop, note):
    person = _person(db, workshop.id, FIRST_AND_AREA)
    story = _story(db, workshop.id, note, person, publish=True)
    assert story.credit == "Ann, Llanidloes"
    assert story.as_json()["credit"] == "Ann, Llanidloes"
    assert "Pritchard" not in json.dumps(story.as_json())


def test_withdrawing_hides_a_published_story_at_once(db, workshop, note):
    person = _person(db, workshop.id, ANONYMOUS)
    story = _story(db, workshop.id, note, person, publish=True)

    db.run(lambda s: withdraw_participant(s, person, "Sam"))

    after = db.read(lambda s: get_story(s, story.id))
    assert after.publish is False
    assert after.may_publish is False
    assert after.as_json()["text"] is None
    assert after.as_json()["credit"] is None
    with pytest.raises(ValidationError, match="internal use only"):
        db.run(lambda s: edit_story(s, story.id, publish=True))


def test_a_story_level_choice_can_narrow_what_the_teller_allowed(db, workshop, note):
    person = _person(db, workshop.id, FIRST_AND_AREA)
    story = _story(db, workshop.id, note, person, publish=True)
    db.run(
        lambda s: record_consent(
            s, workshop.id, person, ConsentChoices(take_part=True), "Sam", story_id=story.id
        )
    )
    after = db.read(lambda s: get_story(s, story.id))
    assert not after.publish
    assert after.as_json()["text"] is None


def test_a_participant_of_another_workshop_is_refused(db, workshop, note):
    other = db.run(lambda s: create_workshop(s, WorkshopFields(title="Newtown"), "blank"))
    stranger = _person(db, other.id, ANONYMOUS)
    with pytest.raises(ValidationError, match="another workshop"):
        _story(db, workshop.id, note, stranger)


@pytest.mark.parametrize("text", ["", "   \n "])
def test_an_empty_story_is_refused(db, workshop, note, text):
    with pytest.raises(ValidationError, match="needs some words"):
        _story(db, workshop.id, note, text=text)


def test_a_deleted_story_is_gone(db, workshop, note):
    story = _story(db, workshop.id, note)
    db.run(lambda s: delete_story(s, story.id))
    assert db.read(lambda s: list_stories(s, workshop.id)) == []
    with pytest.raises(NotFoundError, match="no longer exists"):
        db.read(lambda s: get_story(s, story.id))


def test_stories_are_listed_by_priority(db, workshop, note, add):
    other = add("Library closing")
    first = _story(db, workshop.id, note, text="About buses.")
    _story(db, workshop.id, other, text="About books.")
    listed = db.read(lambda s: list_stories(s, workshop.id, "note", note))
    assert [s.id for s in listed] == [first.id]


# --- identifying words -----------------------------------------------------------------------


def test_a_titled_name_is_flagged():
    warnings = identifying_warnings("Mr Evans at the shop helped me with the forms.")
    assert any("Mr Evans" in w for w in warnings), warnings


def test_a_street_address_is_flagged():
    warnings = identifying_warnings("I live at 12 Station Road, by the chapel.")
    assert any("12 Station Road" in w and "street" in w for w in warnings), warnings


def test_a_name_from_the_register_is_flagged():
    warnings = identifying_warnings("pritchard from the farm drove us in.", [NAME, "Bo Li"])
    assert warnings == ["The text mentions 'Pritchard', a name in the register."]


def test_plain_words_get_no_warnings():
    assert identifying_warnings(TEXT, [NAME]) == []
    assert identifying_warnings("We need a doctor who speaks Welsh.", ["Bo Li"]) == []


def test_a_saint_is_not_taken_for_a_street():
    assert identifying_warnings("We met on St David's Day at the chapel.") == []
    assert identifying_warnings("She lives on Church St.") != []
