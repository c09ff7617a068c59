"""Equality and reach monitoring: anonymous cards that are never linked to a person, areas no
finer than half a postcode, and a summary that never shows a count small enough to point at
someone."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect

from workshop_app.core.equality import (
    PREFER_NOT,
    SECONDARY,
    SUPPRESSED,
    add_response,
    check_area,
    choose_questions,
    chosen_questions,
    questions,
    reach_summary,
    suppress,
    suppress_group,
)
from workshop_app.core.errors import ValidationError
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.store.models import EqualityResponse, Workshop


def _summary(db, workshop_id: str) -> dict:
    return db.read(lambda s: reach_summary(s, workshop_id)).as_json()


def _question(summary: dict, key: str) -> dict[str, str]:
    """{answer label: count as shown} for one question of the summary."""
    (q,) = [q for q in summary["questions"] if q["key"] == key]
    return {a["answer"]: a["count"] for a in q["answers"]}


def _add_cards(db, workshop_id: str, cards: list[dict[str, str]]) -> None:
    def action(s):
        for card in cards:
            add_response(s, workshop_id, card)

    db.run(action)


# --- questions -----------------------------------------------------------------------------


def test_the_shipped_questions_cover_age_area_disability_and_ethnicity():
    every = questions()
    assert {"age_band", "area", "disability", "ethnicity"} <= set(every)
    assert every["area"].free_text
    assert ("65-plus", "65 or over") in every["age_band"].answers
    assert every["age_band"].answer_label(PREFER_NOT) == "Prefer not to say"


def test_a_new_workshop_asks_every_question(db, workshop):
    chosen = db.read(lambda s: chosen_questions(s, workshop.id))
    assert [q.key for q in chosen] == list(questions())


def test_a_programme_can_ask_only_some_questions_in_its_own_order(db, workshop):
    db.run(lambda s: choose_questions(s, workshop.id, ["disability", "age_band"]))

    chosen = db.read(lambda s: chosen_questions(s, workshop.id))
    assert [q.key for q in chosen] == ["disability", "age_band"]
    summary = _summary(db, workshop.id)
    assert [q["key"] for q in summary["questions"]] == ["disability", "age_band"]


def test_a_question_that_does_not_exist_cannot_be_chosen(db, workshop):
    with pytest.raises(ValidationError, match="no equality question 'religion'"):
        db.run(lambda s: choose_questions(s, workshop.id, ["age_band", "religion"]))
    chosen = db.read(lambda s: chosen_questions(s, workshop.id))
    assert len(chosen) == len(questions())


# --- area -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "postcode",
    ["SY18 6AB", "sw1a1aa", "sy18 6ab", "SY18-6AB", "sy18 – 6ab", "Near CF10 1AA, by the bay"],
)
def test_a_full_postcode_is_refused_because_it_can_identify_a_household(postcode):
    with pytest.raises(ValidationError) as exc:
        check_area(postcode)
    message = str(exc.value)
    assert "first half of a postcode" in message
    assert "SY18" in message
    assert "\n" not in message


@given(
    outward=st.from_regex(r"[A-Z]{1,2}[0-9][A-Z0-9]?", fullmatch=True),
    inward=st.from_regex(r"[0-9][A-Z]{2}", fullmatch=True),
    space=st.sampled_from(["", " ", "  ", "-", " - "]),
    lower=st.booleans(),
)
def test_any_full_postcode_is_refused(outward, inward, space, lower):
    postcode = f"{outward}{space}{inward}"
    with pytest.raises(ValidationError):
        check_area(postcode.lower() if lower else postcode)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("SY18", "SY18"),
        ("sy18", "SY18"),
        ("  sw1a ", "SW1A"),
        ("Llanidloes East", "Llanidloes East"),
        ("Trefeglwys", "Trefeglwys"),
        ("", ""),
    ],
)
def test_half_a_postcode_or_a_ward_is_accepted(typed, kept):
    assert check_area(typed) == kept


def test_an_over_long_area_is_refused():
    with pytest.raises(ValidationError, match="at most 80 characters"):
        check_area("Llan" * 30)


# --- cards -----------------------------------------------------------------------------------


def test_a_card_keeps_its_answers_and_the_area_as_half_a_postcode(db, workshop):
    card_id = db.run(
        lambda s: add_response(
            s, workshop.id, {"age_band": "25-44", "area": "sy18", "disability": ""}
        )
    )
    row = db.read(lambda s: s.get(EqualityResponse, card_id))
    # An unanswered question is simply absent.
    assert json.loads(row.answers) == {"age_band": "25-44", "area": "SY18"}
    assert row.workshop_id == workshop.id


def test_prefer_not_to_say_is_an_answer_to_every_question(db, workshop):
    card = {q.key: PREFER_NOT for q in questions().values()}
    card_id = db.run(lambda s: add_response(s, workshop.id, card))

    row = db.read(lambda s: s.get(EqualityResponse, card_id))
    assert json.loads(row.answers) == card
    summary = _summary(db, workshop.id)
    for q in summary["questions"]:
        assert "Prefer not to say" in {a["answer"] for a in q["answers"]}


def test_an_answer_that_is_not_offered_is_refused(db, workshop):
    with pytest.raises(ValidationError, match="'ancient' is not an answer to 'Age band'"):
        db.run(lambda s: add_response(s, workshop.id, {"age_band": "ancient"}))
    assert db.read(lambda s: s.query(EqualityResponse).count()) == 0


def test_a_question_the_programme_does_not_ask_is_refused(db, workshop):
    with pytest.raises(ValidationError, match="does not ask 'religion'"):
        db.run(lambda s: add_response(s, workshop.id, {"religion": "none"}))
    db.run(lambda s: choose_questions(s, workshop.id, ["age_band"]))
    with pytest.raises(ValidationError, match="does not ask 'disability'"):
        db.run(lambda s: add_response(s, workshop.id, {"disability": "yes"}))
    assert db.read(lambda s: s.query(EqualityResponse).count()) == 0


def test_a_full_postcode_on_a_card_is_refused_and_nothing_is_stored(db, workshop):
    with pytest.raises(ValidationError, match="first half of a postcode"):
        db.run(lambda s: add_response(s, workshop.id, {"area": "SY18 6AB"}))
    assert db.read(lambda s: s.query(EqualityResponse).count()) == 0


def test_cards_are_never_linked_to_a_person_note_vote_or_story(db):
    columns = {c["name"] for c in inspect(db.engine).get_columns("equality_responses")}
    assert "answers" in columns and "workshop_id" in columns
    for word in ("participant", "note", "story", "vote", "narrative", "cluster", "name"):
        assert not [c for c in columns if word in c], (word, columns)
    # The only link a card has is to its workshop.
    (fk,) = inspect(db.engine).get_foreign_keys("equality_responses")
    assert fk["referred_table"] == "workshops"


# --- suppression -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "shown"), [(0, "<5"), (1, "<5"), (4, "<5"), (5, "5"), (37, "37")]
)
def test_a_count_under_five_is_shown_as_under_five(count, shown):
    assert suppress(count) == shown


def test_a_single_small_count_takes_the_next_smallest_with_it():
    shown = suppress_group({"yes": 3, "no": 12, "other": 20})
    # With "yes" alone hidden, 35 - 12 - 20 would give it away.
    # "no" is hidden as "*", not "<5": it is not under five.
    assert shown == {"yes": SUPPRESSED, "no": SECONDARY, "other": "20"}


def test_two_small_counts_hide_each_other_and_large_ones_stay_visible():
    assert suppress_group({"yes": 3, "no": 2, "other": 20}) == {
        "yes": SUPPRESSED,
        "no": SUPPRESSED,
        "other": "20",
    }


def test_counts_all_five_or_more_are_all_shown():
    assert suppress_group({"a": 5, "b": 6, "c": 100}) == {"a": "5", "b": "6", "c": "100"}


_COUNTS = st.dictionaries(
    st.text("abcdefgh", min_size=1, max_size=3),
    st.one_of(st.integers(0, 6), st.integers(0, 500)),
    max_size=8,
)


@given(_COUNTS)
def test_suppression_never_shows_a_number_under_five(counts):
    shown = suppress_group(counts)
    assert set(shown) == set(counts)
    for key, text in shown.items():
        if text not in (SUPPRESSED, SECONDARY):
            # A visible number is the true count, and never a small one.
            assert int(text) == counts[key] >= 5
        if counts[key] < 5:
            assert text == SUPPRESSED
        if text == SECONDARY:
            assert counts[key] >= 5


@given(_COUNTS)
def test_a_hidden_count_cannot_be_worked_out_from_the_total(counts):
    shown = suppress_group(counts)
    hidden = [k for k in counts if shown[k] in (SUPPRESSED, SECONDARY)]
    visible = [k for k in counts if shown[k] not in (SUPPRESSED, SECONDARY)]
    if any(counts[k] > 0 for k in hidden):
        # Subtracting the visible counts from the total gives only the sum of the hidden ones:
        # that names one cell only when a single cell is hidden beside visible ones.
        assert len(hidden) >= 2 or not visible, shown


@given(_COUNTS)
def test_a_lone_small_count_beside_visible_ones_always_takes_another_with_it(counts):
    shown = suppress_group(counts)
    small_nonzero = [k for k, v in counts.items() if 0 < v < 5]
    big = [k for k, v in counts.items() if v >= 5]
    if len(small_nonzero) == 1 and big:
        assert sum(1 for k in big if shown[k] == SECONDARY) == 1
        smallest_big = min(counts[k] for k in big)
        assert all(counts[k] == smallest_big for k in big if shown[k] == SECONDARY)


# --- reach summary ---------------------------------------------------------------------------


@pytest.mark.parametrize(("n", "cards"), [(0, "<5"), (1, "<5"), (4, "<5"), (5, "5"), (9, "9")])
def test_the_number_of_cards_is_shown_only_from_five(db, workshop, n, cards):
    _add_cards(db, workshop.id, [{"age_band": "45-64"}] * n)
    summary = _summary(db, workshop.id)
    assert summary["cards"] == cards
    assert summary["suppressed_below"] == 5


def test_the_summary_shows_answers_by_their_labels(db, workshop):
    _add_cards(db, workshop.id, [{"age_band": "65-plus"}] * 6 + [{"age_band": "25-44"}] * 7)
    age = _question(_summary(db, workshop.id), "age_band")
    assert age["65 or over"] == "6"
    assert age["25 to 44"] == "7"
    assert age["Under 16"] == SUPPRESSED
    assert age["Prefer not to say"] == SUPPRESSED


def test_one_person_with_a_rare_answer_cannot_be_found_from_the_summary(db, workshop):
    _add_cards(
        db,
        workshop.id,
        [{"disability": "no"}] * 8 + [{"disability": "yes"}] + [{"disability": PREFER_NOT}] * 6,
    )
    summary = _summary(db, workshop.id)
    assert summary["cards"] == "15"
    disability = _question(summary, "disability")
    assert disability["Yes"] == SUPPRESSED
    # Otherwise 15 - 8 - 6 would give the one "Yes" away.
    assert disability["Prefer not to say"] == SECONDARY
    assert disability["No"] == "8"


def test_areas_are_listed_only_when_someone_gave_them(db, workshop):
    _add_cards(db, workshop.id, [{"area": "sy18"}] * 5 + [{"area": "Llanidloes East"}] * 6)
    area = _question(_summary(db, workshop.id), "area")
    assert area == {"SY18": "5", "Llanidloes East": "6"}


def test_the_summary_of_one_workshop_ignores_another(db, workshop):
    other = db.run(lambda s: create_workshop(s, WorkshopFields(title="Newtown"), "blank"))
    _add_cards(db, other.id, [{"age_band": "16-24"}] * 7)
    summary = _summary(db, workshop.id)
    assert summary["cards"] == SUPPRESSED
    assert _question(summary, "age_band")["16 to 24"] == SUPPRESSED
    assert _summary(db, other.id)["cards"] == "7"


_ANSWERS = {q.key: [a for a, _ in q.answers] for q in questions().values() if not q.free_text}


@st.composite
def _cards(draw) -> list[dict[str, str]]:
    out = []
    for _ in range(draw(st.integers(0, 25))):
        card = {}
        for key, answers in _ANSWERS.items():
            value = draw(st.sampled_from([*answers, PREFER_NOT, ""]))
            if value:
                card[key] = value
        if draw(st.booleans()):
            card["area"] = draw(st.sampled_from(["SY18", "SY17", "Llandinam"]))
        out.append(card)
    return out


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cards=_cards())
def test_no_summary_ever_shows_a_number_under_five(db, cards):
    wid = db.run(lambda s: create_workshop(s, WorkshopFields(title="Reach"), "blank")).id
    _add_cards(db, wid, cards)
    summary = _summary(db, wid)

    assert summary["cards"] == (str(len(cards)) if len(cards) >= 5 else SUPPRESSED)
    shown = [summary["cards"]] + [a["count"] for q in summary["questions"] for a in q["answers"]]
    for text in shown:
        assert text in (SUPPRESSED, SECONDARY) or int(text) >= 5, summary
    every = questions()
    for q in summary["questions"]:
        real: dict[str, int] = {}
        for card in cards:
            if q["key"] in card:
                label = every[q["key"]].answer_label(card[q["key"]])
                real[label] = real.get(label, 0) + 1
        hidden = [a["answer"] for a in q["answers"] if a["count"] in (SUPPRESSED, SECONDARY)]
        visible = [a["answer"] for a in q["answers"] if a["count"] not in (SUPPRESSED, SECONDARY)]
        for a in q["answers"]:
            if a["count"] not in (SUPPRESSED, SECONDARY):
                assert int(a["count"]) == real[a["answer"]]
        if any(real.get(label, 0) for label in hidden):
            assert len(hidden) >= 2 or not visible, q


def test_the_workshop_row_records_the_chosen_questions(db, workshop):
    db.run(lambda s: choose_questions(s, workshop.id, ["ethnicity"]))
    row = db.read(lambda s: s.get(Workshop, workshop.id))
    assert json.loads(row.equality_questions) == ["ethnicity"]


def test_choosing_no_questions_at_all_is_refused(db, workshop):
    with pytest.raises(ValidationError) as exc:
        db.run(lambda s: choose_questions(s, workshop.id, []))
    assert "at least one question" in exc.value.message
    assert len(db.read(lambda s: chosen_questions(s, workshop.id))) == len(questions())
