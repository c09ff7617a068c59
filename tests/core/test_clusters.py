"""Clusters and what each board column shows: headers, their cards, loose cards, search."""

from __future__ import annotations

import pytest

from workshop_app.core import records
from workshop_app.core.board import column_rows, matching_count, table_labels
from workshop_app.core.clusters import (
    add_to_cluster,
    create_cluster,
    dissolve_cluster,
    move_cluster,
    remove_from_cluster,
    rename_cluster,
)
from workshop_app.core.errors import NotFoundError, ValidationError
from workshop_app.core.notes import stack_duplicates
from workshop_app.core.themes import list_themes
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.store.models import Cluster, Note


def _tombstoned(db, cluster_id: str) -> bool:
    row = db.read(lambda s: s.get(Cluster, cluster_id))
    return row is not None and row.deleted_at is not None


def test_a_cluster_from_two_themes_lands_in_the_first_notes_theme(db, themes, add, board):
    first = add("Local food market", themes[0].id)
    other = add("Buy from local farms", themes[3].id)
    cluster = db.run(lambda s: create_cluster(s, [first, other], "Local food"))

    after = board()
    assert cluster.theme_id == themes[0].id
    assert after.clusters[cluster.id].name == "Local food"
    assert after.clusters[cluster.id].card_ids == (first, other)
    assert after.clusters[cluster.id].note_count == 2
    for nid in (first, other):
        assert after.cards[nid].theme_id == themes[0].id
        assert after.cards[nid].cluster_id == cluster.id


def test_an_unnamed_cluster_is_named_after_its_first_note(db, themes, add, board):
    short = add("Repair café", themes[0].id)
    c1 = db.run(lambda s: create_cluster(s, [short], ""))
    assert board().clusters[c1.id].name == "Repair café"

    long_text = "A community energy company\nthat   owns the wind turbines on the hill above town"
    long = add(long_text, themes[1].id)
    c2 = db.run(lambda s: create_cluster(s, [long], "   "))
    name = board().clusters[c2.id].name
    assert name.startswith("A community energy company that")
    assert "\n" not in name and "  " not in name
    assert len(name) <= 40


def test_creating_a_cluster_with_no_notes_is_refused(db, workshop):
    with pytest.raises(ValidationError):
        db.run(lambda s: create_cluster(s, []))


def test_a_cluster_cannot_be_put_in_another_workshops_theme(db, workshop, themes, add, board):
    nid = add("Our note", themes[0].id)
    other = db.run(lambda s: create_workshop(s, WorkshopFields(title="Other"), "building-blocks"))
    other_theme = db.read(lambda s: list_themes(s, other.id))[0]

    with pytest.raises(ValidationError):
        db.run(lambda s: create_cluster(s, [nid], "Wrong board", theme_id=other_theme.id))
    # The note must still be on its own board.
    assert board().cards[nid].theme_id == themes[0].id
    assert db.read(lambda s: s.get(Note, nid)).theme_id == themes[0].id


def test_rename(db, themes, add, board):
    nid = add("Living wage employers", themes[2].id)
    cluster = db.run(lambda s: create_cluster(s, [nid], "Pay"))
    db.run(lambda s: rename_cluster(s, cluster.id, "Fair pay <& conditions>"))
    assert board().clusters[cluster.id].name == "Fair pay <& conditions>"

    with pytest.raises(ValidationError):
        db.run(lambda s: rename_cluster(s, cluster.id, "  "))
    assert board().clusters[cluster.id].name == "Fair pay <& conditions>"


def test_add_and_remove_notes(db, themes, add, board):
    a = add("Empty shops", themes[3].id)
    b = add("Pop-up shops", themes[3].id)
    c = add("Markets", themes[0].id)
    cluster = db.run(lambda s: create_cluster(s, [a, b], "High street"))

    db.run(lambda s: add_to_cluster(s, cluster.id, [c]))
    after = board()
    assert after.clusters[cluster.id].card_ids == (a, b, c)
    assert after.cards[c].theme_id == themes[3].id

    db.run(lambda s: remove_from_cluster(s, [b]))
    after = board()
    assert after.clusters[cluster.id].card_ids == (a, c)
    assert after.cards[b].cluster_id is None
    assert after.cards[b].theme_id == themes[3].id  # removed notes stay in the column


def test_a_cluster_emptied_by_removal_is_a_tombstone(db, themes, add, board):
    a = add("Only one", themes[0].id)
    cluster = db.run(lambda s: create_cluster(s, [a], "Soon empty"))
    db.run(lambda s: remove_from_cluster(s, [a]))
    assert cluster.id not in board().clusters
    assert a in board().cards
    assert _tombstoned(db, cluster.id)


def test_dissolve_keeps_the_notes_and_tombstones_the_cluster(db, themes, add, board):
    a, b = add("Wind", themes[1].id), add("Solar", themes[1].id)
    cluster = db.run(lambda s: create_cluster(s, [a, b], "Energy"))
    freed = db.run(lambda s: dissolve_cluster(s, cluster.id))

    assert set(freed) == {a, b}
    after = board()
    assert cluster.id not in after.clusters
    assert {after.cards[a].cluster_id, after.cards[b].cluster_id} == {None}
    assert _tombstoned(db, cluster.id)
    with pytest.raises(NotFoundError):
        db.run(lambda s: rename_cluster(s, cluster.id, "again"))


def test_moving_a_cluster_moves_all_its_notes_and_their_stacks(db, themes, add, board):
    a, b = add("Co-op bakery", themes[0].id), add("Co-op shop", themes[0].id)
    dup = add("co-op shop", themes[0].id)
    db.run(lambda s: stack_duplicates(s, b, [b, dup]))
    cluster = db.run(lambda s: create_cluster(s, [a, b], "Co-ops"))

    db.run(lambda s: move_cluster(s, cluster.id, themes[2].id))

    after = board()
    assert after.clusters[cluster.id].theme_id == themes[2].id
    assert after.clusters[cluster.id].note_count == 3
    assert after.note_count(themes[2].id) == 3
    assert after.note_count(themes[0].id) == 0
    rows = [db.read(lambda s, nid=nid: s.get(Note, nid)) for nid in (a, b, dup)]
    assert {(r.theme_id, r.cluster_id) for r in rows} == {(themes[2].id, cluster.id)}


def test_column_shows_cluster_headers_then_their_cards_then_loose_cards(db, themes, add, board):
    col = themes[0].id
    loose1 = add("Loose first", col)
    a = add("Alpha", col)
    b = add("Beta", col)
    c = add("Gamma", col)
    loose2 = add("Loose last", col)
    elsewhere = add("Other column", themes[1].id)
    c1 = db.run(lambda s: create_cluster(s, [a, b], "First group"))
    c2 = db.run(lambda s: create_cluster(s, [c], "Second group"))

    current = board()
    groups = {c1.id: [a, b], c2.id: [c]}
    expected = []
    for cid in (k for k in current.clusters if k in groups):  # cluster order: its own test
        expected.append(("cluster", cid, False))
        expected += [("card", nid, True) for nid in groups[cid]]
    expected += [("card", loose1, False), ("card", loose2, False)]

    rows = column_rows(current, col)
    assert [(r.kind, r.id, r.in_cluster) for r in rows] == expected
    assert elsewhere not in {r.id for r in rows}
    assert next(r for r in rows if r.id == c1.id).cluster.name == "First group"
    assert next(r for r in rows if r.id == a).card.text == "Alpha"


def test_clusters_keep_creation_order_when_the_laptop_clock_jumps_back(
    db, themes, add, board, monkeypatch
):
    # Wall time is for display only (DESIGN.md): a clock that falls back to 2019 between two
    # clusters must not put the newer cluster above the older one.
    col = themes[0].id
    a, b = add("Older group's note", col), add("Newer group's note", col)
    monkeypatch.setattr(records, "now_iso", lambda: "2026-11-23T19:00:00.000Z")
    older = db.run(lambda s: create_cluster(s, [a], "Older"))
    monkeypatch.setattr(records, "now_iso", lambda: "2019-01-01T00:00:00.000Z")
    newer = db.run(lambda s: create_cluster(s, [b], "Newer"))
    monkeypatch.undo()

    headers = [r.id for r in column_rows(board(), col) if r.kind == "cluster"]
    assert headers == [older.id, newer.id]


def test_search_is_case_and_accent_insensitive(db, themes, add, board):
    col = themes[0].id
    cafe = add("Open a Café in the library", col)
    add("Bus shelter", col)
    nono = add("Niño's playground", col)
    current = board()

    assert [r.id for r in column_rows(current, col, "cafe")] == [cafe]
    assert [r.id for r in column_rows(current, col, "  CAFÉ ")] == [cafe]
    assert [r.id for r in column_rows(current, col, "nino")] == [nono]
    assert column_rows(current, col, "swimming pool") == []
    assert matching_count(current, "cafe") == 1
    assert matching_count(current, "") == 3


def test_search_keeps_a_cluster_whose_name_matches_with_all_its_cards(db, themes, add, board):
    col = themes[3].id
    a, b = add("Empty units", col), add("Rates too high", col)
    other = add("Flowers on the bridge", col)
    cluster = db.run(lambda s: create_cluster(s, [a, b], "Crêperie and shops"))
    other_cluster = db.run(lambda s: create_cluster(s, [other], "Greenery"))
    current = board()

    rows = column_rows(current, col, "creperie")
    assert [(r.kind, r.id) for r in rows] == [("cluster", cluster.id), ("card", a), ("card", b)]

    # A card match keeps its cluster header but only the matching cards.
    rows = column_rows(current, col, "rates")
    assert [(r.kind, r.id) for r in rows] == [("cluster", cluster.id), ("card", b)]
    assert other_cluster.id not in {r.id for r in rows}


def test_search_matches_table_labels(db, themes, add, board):
    col = themes[1].id
    labelled = add("Bike lanes", col, table_label="Bwrdd Pump")
    add("Car share", col, table_label="Table 2")
    assert [r.id for r in column_rows(board(), col, "bwrdd")] == [labelled]


def test_table_filter_shows_only_that_tables_cards(db, themes, add, board):
    col = themes[0].id
    t1a, t1b = add("Mine 1", col, table_label="Table 1"), add("Mine 2", col, table_label="Table 1")
    t2 = add("Theirs", col, table_label="Table 2")
    cluster = db.run(lambda s: create_cluster(s, [t1a, t2], "Mixed tables"))
    current = board()

    rows = column_rows(current, col, table="Table 1")
    assert [(r.kind, r.id) for r in rows] == [("cluster", cluster.id), ("card", t1a), ("card", t1b)]
    assert [r.id for r in column_rows(current, col, table="Table 9")] == []
    assert matching_count(current, "", table="Table 2") == 1
    assert matching_count(current, "mine", table="Table 1") == 2


def test_cluster_name_match_still_counts_under_a_table_filter(db, themes, add, board):
    col = themes[3].id
    a = add("Empty units", col, table_label="Table 1")
    b = add("Rates too high", col, table_label="Table 2")
    cluster = db.run(lambda s: create_cluster(s, [a, b], "High street"))

    rows = column_rows(board(), col, "high street", table="Table 1")
    assert [(r.kind, r.id) for r in rows] == [("cluster", cluster.id), ("card", a)]


def test_table_labels_are_listed_once_in_natural_order(db, themes, add, board):
    for label in ["Table 10", "Table 2", "", "Table 1", "Table 2", "  ", "Bwrdd 3"]:
        add(f"note at {label or 'no table'}", themes[0].id, table_label=label)
    assert table_labels(board()) == ["Bwrdd 3", "Table 1", "Table 2", "Table 10"]
