"""Themes, the board's columns: add, rename, recolour, reorder, delete; the parking lot stays."""

from __future__ import annotations

import pytest

from workshop_app.core.clusters import create_cluster
from workshop_app.core.errors import ValidationError
from workshop_app.core.templates import PARKING_LOT_NAME, THEME_PALETTE
from workshop_app.core.themes import (
    add_theme,
    delete_theme,
    list_themes,
    move_theme,
    rename_theme,
    set_theme_colour,
)
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.store.database import Database
from workshop_app.store.models import Cluster, Theme


def _names(db, workshop_id):
    return [t.name for t in db.read(lambda s: list_themes(s, workshop_id))]


def test_added_theme_goes_before_the_parking_lot_with_an_unused_colour(db, workshop, themes):
    used = {t.colour for t in themes if not t.is_parking_lot}
    added = db.run(lambda s: add_theme(s, workshop.id, "Transport"))

    assert added.colour in THEME_PALETTE
    assert added.colour not in used
    assert _names(db, workshop.id)[-2:] == ["Transport", PARKING_LOT_NAME]

    second = db.run(lambda s: add_theme(s, workshop.id, "Housing"))
    assert second.colour not in used | {added.colour}
    assert _names(db, workshop.id)[-3:] == ["Transport", "Housing", PARKING_LOT_NAME]


def test_first_theme_in_a_blank_workshop_gets_the_first_palette_colour(db):
    blank = db.run(lambda s: create_workshop(s, WorkshopFields(title="Blank"), "blank"))
    added = db.run(lambda s: add_theme(s, blank.id, "Food"))
    assert added.colour == THEME_PALETTE[0]
    assert _names(db, blank.id) == ["Food", PARKING_LOT_NAME]


@pytest.mark.parametrize("name", ["", "   "])
def test_a_theme_needs_a_name(db, workshop, name):
    with pytest.raises(ValidationError):
        db.run(lambda s: add_theme(s, workshop.id, name))
    assert len(_names(db, workshop.id)) == 5


def test_rename_keeps_the_name_exactly(db, workshop, themes):
    name = "  Bwyd & <tyfu> 🌾 "
    db.run(lambda s: rename_theme(s, themes[0].id, name))
    assert _names(db, workshop.id)[0] == name


def test_rename_to_blank_is_refused_and_the_old_name_stays(db, workshop, themes):
    with pytest.raises(ValidationError):
        db.run(lambda s: rename_theme(s, themes[0].id, "  "))
    assert _names(db, workshop.id)[0] == themes[0].name


def test_recolour_accepts_hex_colours_and_refuses_anything_else(db, workshop, themes):
    db.run(lambda s: set_theme_colour(s, themes[1].id, "#00aa55"))
    assert db.read(lambda s: list_themes(s, workshop.id))[1].colour == "#00AA55"

    for bad in ["red", "#12345", "#1234567", "00AA55", "#GGGGGG", ""]:
        with pytest.raises(ValidationError):
            db.run(lambda s, bad=bad: set_theme_colour(s, themes[1].id, bad))
    assert db.read(lambda s: list_themes(s, workshop.id))[1].colour == "#00AA55"


def test_add_with_a_bad_colour_is_refused(db, workshop):
    with pytest.raises(ValidationError):
        db.run(lambda s: add_theme(s, workshop.id, "Transport", "blue"))
    assert len(_names(db, workshop.id)) == 5


def test_move_left_and_right_and_the_parking_lot_stays_last(db, workshop, themes):
    a, b, c, d, lot = (t.name for t in themes)
    ids = {t.name: t.id for t in themes}

    db.run(lambda s: move_theme(s, ids[b], -1))
    assert _names(db, workshop.id) == [b, a, c, d, lot]

    db.run(lambda s: move_theme(s, ids[b], +1))
    assert _names(db, workshop.id) == [a, b, c, d, lot]

    # Already at an end: nothing moves, and never past the parking lot.
    db.run(lambda s: move_theme(s, ids[a], -1))
    db.run(lambda s: move_theme(s, ids[d], +1))
    assert _names(db, workshop.id) == [a, b, c, d, lot]

    with pytest.raises(ValidationError):
        db.run(lambda s: move_theme(s, ids[lot], -1))
    assert _names(db, workshop.id) == [a, b, c, d, lot]


def test_order_survives_a_reopen(db, workshop, themes):
    db.run(lambda s: move_theme(s, themes[3].id, -1))
    expected = _names(db, workshop.id)
    db.close()
    again = Database.open(db.data_dir)
    try:
        assert _names(again, workshop.id) == expected
    finally:
        again.close()


def test_deleting_a_theme_moves_its_notes_to_the_parking_lot(db, workshop, themes, add, board):
    doomed, lot = themes[0], themes[-1]
    in_cluster = [add("Credit union", doomed.id), add("Community shop", doomed.id)]
    loose = add("Co-op pub", doomed.id)
    elsewhere = add("Solar roofs", themes[1].id)
    cluster = db.run(lambda s: create_cluster(s, in_cluster, "Owning things together"))

    moved = db.run(lambda s: delete_theme(s, doomed.id))

    assert moved == 3
    assert doomed.name not in _names(db, workshop.id)
    after = board()
    for nid in [*in_cluster, loose]:
        assert after.cards[nid].theme_id == lot.id
        assert after.cards[nid].cluster_id is None
    assert after.cards[elsewhere].theme_id == themes[1].id
    assert after.total_notes == 4
    # The theme and its cluster are tombstones: rows kept, marked deleted.
    theme_row = db.read(lambda s: s.get(Theme, doomed.id))
    cluster_row = db.read(lambda s: s.get(Cluster, cluster.id))
    assert theme_row is not None and theme_row.deleted_at is not None
    assert cluster_row is not None and cluster_row.deleted_at is not None
    assert cluster.id not in after.clusters


def test_the_parking_lot_cannot_be_deleted(db, workshop, themes, add, board):
    lot = themes[-1]
    note = add("Not sure where this goes")
    with pytest.raises(ValidationError):
        db.run(lambda s: delete_theme(s, lot.id))
    assert _names(db, workshop.id)[-1] == PARKING_LOT_NAME
    assert board().cards[note].theme_id == lot.id
