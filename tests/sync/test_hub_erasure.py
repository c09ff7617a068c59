"""Erasure wins at the hub too: a person's data never comes back from any bundle, and the hub
removes it from its kept copies of earlier bundles (SQLite and PostgreSQL)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sync_support import (
    ERASED_NAME,
    ERASED_WORDS,
    entries,
    export,
    hub_dump,
    install,
    kept_plaintext,
    named_storyteller,
    share_key,
)

from workshop_app.core.notes import add_note
from workshop_app.core.participants import erase_participant
from workshop_app.store.hub_models import HubBundle
from workshop_app.store.models import Theme
from workshop_app.sync.format import ERASURE_NOTE

NAME, WORDS = ERASED_NAME, ERASED_WORDS


@pytest.fixture
def before_and_after(laptop, workshop, hub, tmp_path):
    """A bundle holding a named person and their story, then one sent after their erasure."""
    install(laptop, hub)
    person = named_storyteller(laptop, workshop.id)
    before = export(laptop, workshop.id, tmp_path / "before.wsbundle")
    laptop.run(lambda s: erase_participant(s, person.id, keep_words=False))
    after = export(laptop, workshop.id, tmp_path / "after.wsbundle")
    return before, after


def _assert_gone(hub, backend, tmp_path):
    dump = hub_dump(hub.hub)
    [person] = dump["participants"]
    assert person["name"] == "" and person["erased_at"] is not None
    [story] = dump["stories"]
    assert story["text"] == "" and story["erased_at"] is not None
    for name, plain in kept_plaintext(hub).items():
        assert NAME.encode() not in plain, name
        assert b"mill closed" not in plain, name
    if backend == "sqlite":
        for path in (tmp_path / "hub0").glob("hub.sqlite*"):
            raw = path.read_bytes()
            assert b"Quartermaine" not in raw and b"mill closed" not in raw, path.name


def test_an_erasure_arriving_later_is_removed_from_the_earlier_kept_bundle(
    before_and_after, hub, backend, tmp_path
):
    before, after = before_and_after
    assert hub.bring_approved(before, "before").status == "merged"
    assert NAME in [p["name"] for p in hub_dump(hub.hub)["participants"]]
    assert hub.bring(after, "after").status == "merged"
    _assert_gone(hub, backend, tmp_path)
    # The kept copy says what happened to it, and cannot be merged again.
    copies = hub.hub.store.read(
        lambda s: {b.file_name: b.content for b in s.query(HubBundle).all()}
    )
    assert ERASURE_NOTE in entries(copies["before"])
    again = hub.bring(copies["before"], "copy")
    assert again.status == "refused" and "erased" in again.reason
    # And the original bytes, brought again, are recognised: nothing comes back.
    assert hub.bring(before, "before").status == "already"
    _assert_gone(hub, backend, tmp_path)


def test_an_old_bundle_arriving_after_the_erasure_brings_nothing_back(
    before_and_after, hub, new_hub, backend, tmp_path
):
    before, after = before_and_after
    assert hub.bring_approved(after, "after").status == "merged"
    outcome = hub.bring(before, "before")
    assert outcome.status == "merged"
    _assert_gone(hub, backend, tmp_path)


def test_either_order_gives_the_same_hub_after_an_erasure(
    before_and_after, hub, new_hub, backend, tmp_path
):
    before, after = before_and_after
    other = new_hub()
    share_key(hub, other)
    for data, name in ((before, "before"), (after, "after")):
        assert hub.bring_approved(data, name).status == "merged"
    for data, name in ((after, "after"), (before, "before")):
        assert other.bring_approved(data, name).status == "merged"
    assert hub_dump(hub.hub) == hub_dump(other.hub)


def test_a_reader_holding_the_hub_file_is_told_and_the_next_import_cleans_it(
    before_and_after, hub, backend, tmp_path, laptop, workshop
):
    """Another program reading a SQLite hub keeps the erased bytes in its log for a while:
    staff are told so, and the next merged import empties the log."""
    import sqlite3

    if backend != "sqlite":
        pytest.skip("the write-ahead log is SQLite's")
    before, after = before_and_after
    assert hub.bring_approved(before, "before").status == "merged"
    (path,) = (tmp_path / "hub0").glob("hub.sqlite")
    reader = sqlite3.connect(path)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM participants").fetchone()
    try:
        outcome = hub.bring(after, "after")
    finally:
        reader.rollback()
        reader.close()
    assert outcome.status == "merged"
    assert any("still reading" in w for w in outcome.warnings), outcome.warnings
    laptop.run(lambda s: add_note(s, workshop.id, "Later note"))
    assert hub.bring(export(laptop, workshop.id, tmp_path / "later.wsbundle"), "later").status == (
        "merged"
    )
    _assert_gone(hub, backend, tmp_path)


def test_a_held_bundle_scrubbed_by_an_erasure_still_merges_once_its_laptop_is_approved(
    laptops, hub, tmp_path
):
    """Laptop b's bundle waits for approval while laptop a's erasure arrives: the held copy is
    scrubbed at once, and approving b later merges it (its notes arrive) without the person."""
    from workshop_app.core.merge import merge_tables
    from workshop_app.core.workshops import WorkshopFields, create_workshop
    from workshop_app.sync.bundle_write import workshop_rows

    a, b = laptops("a"), laptops("b")
    install(a, hub)
    install(b, hub)
    w = a.run(lambda s: create_workshop(s, WorkshopFields(title="Tywyn"), "building-blocks"))
    person = named_storyteller(a, w.id)
    assert hub.bring_approved(export(a, w.id, tmp_path / "a1.wsbundle"), "a1").status == "merged"
    b.run(lambda s: merge_tables(s, a.read(lambda r: workshop_rows(r, w.id))))
    theme = b.read(lambda s: s.scalars(select(Theme).where(Theme.workshop_id == w.id)).first())
    b.run(lambda s: add_note(s, w.id, "Laptop b's own note", theme.id))
    held = hub.bring(export(b, w.id, tmp_path / "b1.wsbundle"), "b1")
    assert held.status == "held"
    a.run(lambda s: erase_participant(s, person.id, keep_words=False))
    assert hub.bring(export(a, w.id, tmp_path / "a2.wsbundle"), "a2").status == "merged"
    assert all(NAME.encode() not in plain for plain in kept_plaintext(hub).values())

    fingerprint = held.fingerprint
    hub.hub.set_laptop(fingerprint, "approved")
    outcomes = hub.hub.merge_held(fingerprint, hub.source())
    assert [o.status for o in outcomes] == ["merged"]
    dump = hub_dump(hub.hub)
    assert "Laptop b's own note" in {n["text"] for n in dump["notes"]}
    assert NAME not in json.dumps(dump) and WORDS not in json.dumps(dump)
