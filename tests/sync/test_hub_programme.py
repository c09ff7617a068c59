"""The programme view at the hub: priorities compared by share of their own round's dots (a
room of 80 and a room of 10 weigh the same), filters, and the CSV staff take away."""

from __future__ import annotations

import csv

import pytest
from sync_support import export, install

from workshop_app.core import voting
from workshop_app.core.notes import add_note
from workshop_app.core.themes import list_themes
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.sync.programme import PRIORITIES_CSV, WORKSHOPS_CSV, Filters


def _voted_workshop(db, title, place, day, tallies):
    """A workshop whose closed round gave each note its paper dots."""
    w = db.run(
        lambda s: create_workshop(
            s, WorkshopFields(title=title, place=place, starts_at=f"{day}T18:30"), "building-blocks"
        )
    )
    theme = db.read(lambda s: list_themes(s, w.id))[0]
    notes = [db.run(lambda s, t=text: add_note(s, w.id, t, theme.id)).id for text in tallies]

    def vote(s):
        r = voting.create_round(s, w.id, "Priorities", [("note", n) for n in notes], 5)
        voting.open_round(s, r.id)
        for option, dots in zip(r.options, tallies.values(), strict=True):
            voting.record_paper_tally(s, r.id, option.id, dots)
        voting.close_round(s, r.id)

    db.run(vote)
    return w, theme.name


@pytest.fixture
def programme(laptops, hub, tmp_path):
    big, small = laptops("big"), laptops("small")
    install(big, hub)
    install(small, hub)
    w1, theme = _voted_workshop(
        big, "Neuadd fawr", "Aberystwyth", "2026-10-01", {"Bus every hour": 30, "Library": 70}
    )
    w2, _ = _voted_workshop(
        small, "Ystafell fach", "Tregaron", "2026-11-05", {"Post office": 5, "Bench": 5}
    )
    for db, w, name in ((big, w1, "big"), (small, w2, "small")):
        assert (
            hub.bring_approved(export(db, w.id, tmp_path / f"{name}.wsbundle")).status == "merged"
        )
    return hub, theme


def test_priorities_are_compared_by_share_of_their_rounds_dots(programme):
    hub, theme = programme
    found = hub.hub.priorities()
    assert [(p.label, round(p.share, 2)) for p in found] == [
        ("Library", 0.7),
        ("Bench", 0.5),
        ("Post office", 0.5),
        ("Bus every hour", 0.3),
    ]
    # Five raw dots in a small room rank above thirty in a big one.
    assert [p.dots for p in found] == [70, 5, 5, 30]
    assert {p.theme for p in found} == {theme}


def test_the_programme_view_filters_by_place_theme_and_date(programme):
    hub, theme = programme
    assert {p.workshop for p in hub.hub.priorities(Filters(place="tregaron"))} == {"Ystafell fach"}
    assert hub.hub.priorities(Filters(theme="No such theme")) == []
    assert len(hub.hub.priorities(Filters(theme=theme))) == 4
    autumn = hub.hub.priorities(Filters(date_from="2026-09-01", date_to="2026-10-31"))
    assert {p.workshop for p in autumn} == {"Neuadd fawr"}


def test_the_programme_csv_holds_the_workshops_and_priorities(programme, tmp_path):
    hub, _ = programme
    out = tmp_path / "csv"
    out.mkdir()
    hub.hub.export_csv(out)
    with open(out / WORKSHOPS_CSV, encoding="utf-8-sig", newline="") as fh:
        workshops = list(csv.DictReader(fh))
    assert sorted(w["place"] for w in workshops) == ["Aberystwyth", "Tregaron"]
    assert {w["laptops"] for w in workshops} == {"1"}
    with open(out / PRIORITIES_CSV, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["priority"] for r in rows] == ["Library", "Bench", "Post office", "Bus every hour"]
    assert rows[0]["share of the round's dots"] == "0.7000"


def test_priorities_carry_their_outcomes_as_the_workshop_named_them(laptops, hub, tmp_path):
    """A custom outcome set's names reach the hub as typed (accents, apostrophes), not as the
    key made from them ("Llesiant r gymuned"), on screen and in the CSV."""
    from workshop_app.core.outcomes import choose_outcome_set, set_priority_tags

    db = laptops("custom")
    install(db, hub)
    w, _theme = _voted_workshop(
        db, "Caffi", "Llanbed", "2026-11-20", {"Caffi trwsio": 9, "Meinciau": 1}
    )
    labels = ["Llesiant â'r gymuned", "Café & culture"]
    chosen = db.run(lambda s: choose_outcome_set(s, w.id, "custom", labels))
    note_id = db.read(lambda s: voting.list_rounds(s, w.id))[0].options[0].target_id
    keys = [k for k, _label in chosen.outcomes]
    db.run(lambda s: set_priority_tags(s, w.id, "note", note_id, keys))
    assert hub.bring_approved(export(db, w.id, tmp_path / "c.wsbundle")).status == "merged"
    found = hub.hub.priorities()[0]
    assert found.label == "Caffi trwsio"
    assert found.outcomes == tuple(labels)
    out = tmp_path / "csv"
    out.mkdir()
    hub.hub.export_csv(out)
    with open(out / PRIORITIES_CSV, encoding="utf-8-sig", newline="") as fh:
        row = next(iter(csv.DictReader(fh)))
    assert row["outcomes"] == "Llesiant â'r gymuned; Café & culture"
