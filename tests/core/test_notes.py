"""Sticky notes: capture exactly as typed, edit, move, delete (tombstone), stack duplicates."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop_app.core.board import load_board
from workshop_app.core.clusters import create_cluster
from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.notes import (
    MAX_NOTE_CHARS,
    add_note,
    delete_notes,
    edit_note,
    looks_blank,
    move_notes,
    stack_duplicates,
    stack_of,
    unstack,
)
from workshop_app.core.themes import add_theme, delete_theme
from workshop_app.core.workshops import WorkshopFields, create_workshop, get_workshop
from workshop_app.store.database import Database
from workshop_app.store.models import Cluster, Note

TRICKY_TEXTS = {
    "emoji_zwj": "👩🏽‍🌾👨‍👩‍👧",
    "emoji_only": "🎉",
    "flags_and_skin_tones": "🏴󠁧󠁢󠁷󠁬󠁳󠁿 👍🏿",
    "arabic": "نريد حافلة إلى المدينة كل ساعة",
    "hebrew": "אנחנו צריכים גינה קהילתית",
    "mixed_direction": "Bus 42 → مكتبة ← ספרייה",
    "combining_acute": "cafe\u0301 and e\u0301",
    "welsh": "ŵ ŷ — Caffi'r dref, Llanwrtyd",
    "precomposed_vs_combining": "Caf\u00e9 / Cafe\u0301",
    "script_tag": "<script>alert(1)</script>",
    "html_entities": "Fish & chips < 5",
    "formula": "=SUM(A1:A2)",
    "formula_at": "@cmd|' /C calc'!A0",
    "leading_trailing_spaces": "   more benches   ",
    "crlf_and_lf": "line one\r\nline two\nline three\r\n",
    "tabs": "\tindented\t",
    "quotes": 'it\'s "fine" `really`',
    "backslashes": "C:\\Users\\hall\\notes",
    "sql_looking": "'); DROP TABLE notes; --",
}


def test_add_to_a_theme_and_to_the_parking_lot(db, workshop, themes, add, board):
    in_theme = add("Repair café every month", themes[2].id, table_label="Table 3")
    parked = add("What about the bus?")

    cards = board().cards
    assert cards[in_theme].theme_id == themes[2].id
    assert cards[in_theme].table_label == "Table 3"
    assert cards[parked].theme_id == themes[-1].id
    assert themes[-1].is_parking_lot


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n",
        "\t \r\n",
        "\u3000",
        "\u200b",  # zero-width space: looks blank on the board
        "\u200b\u200c\u200d\u2060\ufeff",
        " \u200e\u200f ",  # direction marks only
        "\u3164",  # Hangul filler
    ],
)
def test_blank_notes_are_refused(db, workshop, add, board, text):
    with pytest.raises(ValidationError) as caught:
        add(text)
    assert "\n" not in str(caught.value)
    assert board().cards == {}


def test_a_note_with_a_nul_character_is_refused(db, workshop, add, board):
    with pytest.raises(ValidationError):
        add("before\x00after")
    assert board().cards == {}


def test_a_note_in_a_theme_of_another_workshop_is_refused(db, workshop, themes):
    other = db.run(lambda s: create_workshop(s, WorkshopFields(title="Other"), "building-blocks"))
    with pytest.raises(ValidationError):
        db.run(lambda s: add_note(s, other.id, "wrong board", themes[0].id))


def test_a_workshop_its_theme_and_a_note_made_in_one_action_are_saved_together(db):
    """A note is written straight to its table; the workshop and theme made moments before in
    the same action (a new workshop with its first notes) must be there for it to join."""

    def make(s):
        made = create_workshop(s, WorkshopFields(title="All at once"), "building-blocks")
        theme = add_theme(s, made.id, "Made just now")
        add_note(s, made.id, "first words", theme.id)
        return made.id, theme.id

    wid, tid = db.run(make)
    cards = db.read(lambda s: load_board(s, wid)).cards.values()
    assert [(c.text, c.theme_id) for c in cards] == [("first words", tid)]


def test_a_note_for_a_theme_that_is_gone_is_refused_and_nothing_is_saved(
    db, workshop, themes, board
):
    db.run(lambda s: delete_theme(s, themes[0].id))
    before = board().total_notes
    with pytest.raises(NotFoundError, match="That theme no longer exists"):
        db.run(lambda s: add_note(s, workshop.id, "lost words", themes[0].id))
    with pytest.raises(NotFoundError):
        db.run(lambda s: add_note(s, workshop.id, "lost words", "no-such-theme"))

    # Deleted earlier in the same action, not yet saved: refused just the same.
    def delete_then_add(s):
        delete_theme(s, themes[1].id)
        add_note(s, workshop.id, "lost words", themes[1].id)

    with pytest.raises(NotFoundError):
        db.run(delete_then_add)
    assert board().total_notes == before
    assert db.read(lambda s: load_board(s, workshop.id)).theme(themes[1].id) is not None


def test_a_ten_thousand_character_note_is_kept_whole(db, workshop, add, board):
    text = ("Cafodd y neuadd ei hadnewyddu. " * 400)[:9_999] + "!"
    assert len(text) == 10_000
    nid = add(text)
    assert board().cards[nid].text == text


def test_a_note_over_the_limit_is_refused_with_one_line(db, workshop, add, board):
    with pytest.raises(ValidationError) as caught:
        add("x" * (MAX_NOTE_CHARS + 1))
    assert "\n" not in str(caught.value)
    assert board().cards == {}


@pytest.mark.parametrize("text", list(TRICKY_TEXTS.values()), ids=list(TRICKY_TEXTS))
def test_text_round_trips_exactly_through_a_reopen(tmp_path, text):
    data = tmp_path / "data"
    db = Database.open(data)
    info = db.run(lambda s: create_workshop(s, WorkshopFields(title=text), "blank"))
    nid = db.run(lambda s: add_note(s, info.id, text, table_label=text)).id
    db.close()

    again = Database.open(data)
    try:
        note = again.read(lambda s: s.get(Note, nid))
        assert note.text == text
        assert note.text.encode("utf-8") == text.encode("utf-8")
        assert note.table_label == text
        assert again.read(lambda s: get_workshop(s, info.id)).title == text
    finally:
        again.close()


NOTE_TEXT = st.text(min_size=1, max_size=300).filter(
    lambda t: not looks_blank(t) and "\x00" not in t
)


def test_any_non_blank_text_round_trips_exactly(db, workshop):
    # Read back on a separate engine and connection, so nothing comes from memory.
    reader = Database.open(db.data_dir)

    @settings(max_examples=60, derandomize=True, deadline=None)
    @given(texts=st.lists(NOTE_TEXT, min_size=1, max_size=8))
    def check(texts: list[str]) -> None:
        def capture(session):
            return [add_note(session, workshop.id, t).id for t in texts]

        ids = db.run(capture)
        stored = reader.read(lambda s: [s.get(Note, nid).text for nid in ids])
        assert stored == texts

    try:
        check()
    finally:
        reader.close()


def test_edit_changes_text_and_label(db, workshop, add, board):
    nid = add("Mor bus", table_label="T1")
    db.run(lambda s: edit_note(s, nid, text="More buses on Sunday"))
    db.run(lambda s: edit_note(s, nid, table_label="Table 1"))
    card = board().cards[nid]
    assert (card.text, card.table_label) == ("More buses on Sunday", "Table 1")


def test_edit_to_blank_is_refused_and_the_old_text_stays(db, workshop, add, board):
    nid = add("Keep me")
    with pytest.raises(ValidationError):
        db.run(lambda s: edit_note(s, nid, text="   "))
    assert board().cards[nid].text == "Keep me"


def test_move_between_themes(db, workshop, themes, add, board):
    nid = add("Insulate the school", themes[0].id)
    db.run(lambda s: move_notes(s, [nid], themes[1].id))
    assert board().cards[nid].theme_id == themes[1].id


def test_a_moved_note_leaves_its_cluster_and_an_emptied_cluster_is_a_tombstone(
    db, workshop, themes, add, board
):
    a = add("Heat pumps", themes[1].id)
    b = add("Solar panels", themes[1].id)
    c = add("Wind co-op", themes[1].id)
    pair = db.run(lambda s: create_cluster(s, [a, b], "Home energy"))
    single = db.run(lambda s: create_cluster(s, [c], "Wind"))

    db.run(lambda s: move_notes(s, [a], themes[2].id))
    db.run(lambda s: move_notes(s, [c], themes[3].id))

    after = board()
    assert after.cards[a].cluster_id is None
    assert after.cards[a].theme_id == themes[2].id
    assert after.clusters[pair.id].card_ids == (b,)
    assert after.cards[c].cluster_id is None
    assert single.id not in after.clusters
    emptied = db.read(lambda s: s.get(Cluster, single.id))
    assert emptied is not None and emptied.deleted_at is not None


def test_moving_within_the_cluster_theme_keeps_the_cluster(db, workshop, themes, add, board):
    a = add("Allotments", themes[3].id)
    cluster = db.run(lambda s: create_cluster(s, [a], "Growing"))
    db.run(lambda s: move_notes(s, [a], themes[3].id))
    assert board().cards[a].cluster_id == cluster.id


def test_delete_is_a_tombstone(db, workshop, themes, add, board):
    keep = add("Keep", themes[0].id)
    gone = add("Gone", themes[0].id)
    db.run(lambda s: delete_notes(s, [gone]))

    after = board()
    assert set(after.cards) == {keep}
    row = db.read(lambda s: s.get(Note, gone))
    assert row is not None
    assert row.deleted_at is not None
    assert row.text == "Gone"
    with pytest.raises(NotFoundError):
        db.run(lambda s: edit_note(s, gone, text="edited after delete"))


def test_deleting_the_last_note_of_a_cluster_tombstones_it(db, workshop, themes, add, board):
    a = add("Only member", themes[0].id)
    cluster = db.run(lambda s: create_cluster(s, [a], "Lonely"))
    db.run(lambda s: delete_notes(s, [a]))
    assert cluster.id not in board().clusters
    assert db.read(lambda s: s.get(Cluster, cluster.id)).deleted_at is not None


@pytest.fixture
def stack(db, workshop, themes, add):
    """Three notes that say the same thing, captured into different columns, then stacked."""
    top = add("More buses", themes[0].id)
    second = add("more buses!!", themes[1].id)
    third = add("Buses more often", themes[-1].id)
    db.run(lambda s: stack_duplicates(s, top, [top, second, third]))
    return top, second, third


def test_stacked_duplicates_show_as_one_card_and_every_note_is_kept(db, themes, board, stack):
    top, second, third = stack
    after = board()
    assert list(after.cards) == [top]
    card = after.cards[top]
    assert card.count == 3
    assert set(card.duplicate_ids) == {second, third}
    assert after.total_notes == 3
    assert after.note_count(themes[0].id) == 3

    rows = {nid: db.read(lambda s, nid=nid: s.get(Note, nid)) for nid in stack}
    assert all(r.deleted_at is None for r in rows.values())
    assert rows[second].duplicate_of == top and rows[third].duplicate_of == top
    assert rows[second].text == "more buses!!"
    assert rows[third].theme_id == themes[0].id


def test_stack_of_lists_every_original_top_first(db, stack):
    top, second, third = stack
    for member in stack:
        listed = db.read(lambda s, m=member: stack_of(s, m))
        assert [n.id for n in listed] == [top, second, third]
        assert [n.text for n in listed] == ["More buses", "more buses!!", "Buses more often"]


def test_stacking_onto_a_duplicate_goes_onto_its_top_card(db, workshop, themes, add, board, stack):
    top, second, _ = stack
    fourth = add("Bus every hour", themes[2].id)
    db.run(lambda s: stack_duplicates(s, second, [second, fourth]))
    card = board().cards[top]
    assert card.count == 4
    assert fourth not in board().cards


def test_stacking_a_single_note_is_refused(db, workshop, add):
    nid = add("Alone")
    with pytest.raises(ValidationError):
        db.run(lambda s: stack_duplicates(s, nid, [nid]))


def test_moving_the_top_card_moves_the_whole_stack(db, themes, board, stack):
    top, *_ = stack
    db.run(lambda s: move_notes(s, [top], themes[3].id))
    after = board()
    assert after.cards[top].theme_id == themes[3].id
    assert after.cards[top].count == 3
    assert after.note_count(themes[3].id) == 3
    assert after.note_count(themes[0].id) == 0
    rows = [db.read(lambda s, nid=nid: s.get(Note, nid)) for nid in stack]
    assert {r.theme_id for r in rows} == {themes[3].id}


def test_moving_one_duplicate_out_takes_it_off_the_stack(db, themes, board, stack):
    top, second, _ = stack
    db.run(lambda s: move_notes(s, [second], themes[2].id))
    after = board()
    assert after.cards[top].count == 2
    assert after.cards[second].theme_id == themes[2].id
    assert after.cards[second].count == 1


def test_deleting_the_top_card_deletes_the_whole_stack(db, board, stack):
    top, *_ = stack
    db.run(lambda s: delete_notes(s, [top]))
    assert board().cards == {}
    rows = [db.read(lambda s, nid=nid: s.get(Note, nid)) for nid in stack]
    assert all(r is not None and r.deleted_at is not None for r in rows)


def test_unstack_makes_separate_cards_again(db, themes, board, stack):
    top, second, third = stack
    db.run(lambda s: unstack(s, [second, third]))
    after = board()
    assert set(after.cards) == {top, second, third}
    assert all(c.count == 1 for c in after.cards.values())
    assert [c.text for c in after.cards.values()] == [
        "More buses",
        "more buses!!",
        "Buses more often",
    ]
