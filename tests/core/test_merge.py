"""Merging records from another laptop: the same versions give the same rows on every store,
whatever order they arrive in, and nothing deleted or erased comes back."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core import records
from workshop_app.core.board import load_board
from workshop_app.core.clusters import create_cluster, dissolve_cluster
from workshop_app.core.consent import ConsentChoices
from workshop_app.core.errors import DomainError, ValidationError
from workshop_app.core.merge import SYNCED_TABLES, merge_tables, record_row
from workshop_app.core.notes import add_note, delete_notes, edit_note, move_notes, stack_duplicates
from workshop_app.core.participants import (
    ParticipantFields,
    add_participant,
    erase_participant,
    update_participant,
)
from workshop_app.core.themes import list_themes, rename_theme
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.store.clock import Stamp
from workshop_app.store.database import Database
from workshop_app.store.models import Note

Rows = dict[str, list[dict[str, Any]]]


def dump(db: Database) -> Rows:
    """Every row of every synced table, tombstones included, as a bundle would carry them."""

    def query(session: Session) -> Rows:
        return {
            table: [
                dict(row)
                for row in session.execute(select(records.MODELS[table].__table__)).mappings()
            ]
            for table in SYNCED_TABLES
        }

    return db.read(query)


def by_key(rows: Rows) -> dict[tuple[str, str], dict[str, Any]]:
    return {(table, row["id"]): row for table, found in rows.items() for row in found}


def merge(db: Database, rows: Rows):
    return db.run(lambda s: merge_tables(s, rows))


@contextmanager
def stores(count: int) -> Iterator[list[Database]]:
    """Fresh data folders, each with its own device id (hypothesis runs many examples, so no
    function-scoped tmp_path)."""
    with tempfile.TemporaryDirectory() as folder:
        opened = [Database.open(Path(folder) / f"store{i}") for i in range(count)]
        try:
            yield opened
        finally:
            for db in opened:
                db.close()


@pytest.fixture
def two(tmp_path) -> Iterator[tuple[Database, Database]]:
    a, b = Database.open(tmp_path / "a"), Database.open(tmp_path / "b")
    yield a, b
    a.close()
    b.close()


def _shared_board(a: Database, b: Database) -> tuple[str, list[str], list[str]]:
    """A workshop started on laptop a with three notes, then copied to laptop b."""
    workshop = a.run(lambda s: create_workshop(s, WorkshopFields(title="Tywyn"), "building-blocks"))
    themes = [t.id for t in a.read(lambda s: list_themes(s, workshop.id))]
    notes = [
        a.run(lambda s, t=text: add_note(s, workshop.id, t, themes[0])).id
        for text in ("Bus to Machynlleth", "Surgery on Saturdays", "Warm hub")
    ]
    merge(b, dump(a))
    return workshop.id, themes, notes


def test_a_record_row_is_every_column_and_json_safe(db, workshop, add):
    nid = add("Café ☕ & <chips>")
    row = db.read(lambda s: record_row(s.get(Note, nid)))
    assert set(row) == {c.key for c in Note.__table__.columns}
    assert json.loads(json.dumps(row)) == row
    assert row["text"] == "Café ☕ & <chips>"


def test_merging_into_an_empty_store_copies_rows_verbatim_and_mints_nothing(two):
    a, b = two
    _shared_board(a, b)
    assert by_key(dump(b)) == by_key(dump(a))
    assert b.read(lambda s: load_board(s, dump(a)["workshops"][0]["id"])).cards


def test_merging_twice_changes_nothing(two):
    a, b = two
    _shared_board(a, b)
    before = dump(b)
    again = merge(b, dump(a))
    assert (again.inserted, again.updated, again.kept_local) == (0, 0, 0)
    assert again.unchanged == sum(len(rows) for rows in before.values())
    assert dump(b) == before


def test_a_newer_edit_wins_and_an_older_one_is_kept_out(two):
    a, b = two
    _, _, notes = _shared_board(a, b)
    a.run(lambda s: edit_note(s, notes[0], text="Bus to Aberystwyth"))
    result = merge(b, dump(a))
    assert result.updated == 1 and not result.conflicts
    assert b.read(lambda s: s.get(Note, notes[0]).text) == "Bus to Aberystwyth"

    b.run(lambda s: edit_note(s, notes[0], text="Bus to Aberystwyth, hourly"))
    stale = merge(b, dump(a))  # a's older version arrives again
    assert stale.kept_local == 1 and not stale.conflicts
    assert b.read(lambda s: s.get(Note, notes[0]).text) == "Bus to Aberystwyth, hourly"


def test_an_old_bundle_never_brings_a_deleted_note_back(two):
    a, b = two
    _, _, notes = _shared_board(a, b)
    old_bundle = dump(a)
    a.run(lambda s: delete_notes(s, [notes[1]]))
    merge(b, dump(a))
    merge(b, old_bundle)
    assert b.read(lambda s: s.get(Note, notes[1]).deleted_at) is not None
    assert notes[1] not in b.read(lambda s: load_board(s, dump(a)["workshops"][0]["id"])).cards


def test_edits_from_one_base_on_two_laptops_are_a_conflict_kept_whole(two):
    a, b = two
    _, _, notes = _shared_board(a, b)
    a.run(lambda s: edit_note(s, notes[2], text="Warm hub in the chapel"))
    b.run(lambda s: edit_note(s, notes[2], text="Warm hub in the library"))
    from_a, from_b = dump(a), dump(b)

    into_b = merge(b, from_a)
    into_a = merge(a, from_b)
    assert by_key(dump(a)) == by_key(dump(b)), "both laptops settle on the same version"
    [conflict_b] = into_b.conflicts
    [conflict_a] = into_a.conflicts
    assert conflict_a.kept_rev == conflict_b.kept_rev
    assert conflict_a.set_aside_rev == conflict_b.set_aside_rev
    assert conflict_a.kept_rev > conflict_a.set_aside_rev
    texts = {conflict_a.set_aside["text"], a.read(lambda s: s.get(Note, notes[2]).text)}
    assert texts == {"Warm hub in the chapel", "Warm hub in the library"}, "nothing is lost"


def test_an_erased_person_stays_erased_against_a_later_edit(two):
    a, b = two
    workshop_id, _, _ = _shared_board(a, b)
    consent = ConsentChoices(take_part=True, contact=True)
    person = a.run(
        lambda s: add_participant(s, workshop_id, ParticipantFields(name="Ceri Jones"), consent)
    )
    merge(b, dump(a))
    a.run(lambda s: erase_participant(s, person.id, keep_words=False))
    # Laptop b has not heard of the erasure, and edits the name after it.
    b.run(
        lambda s: update_participant(
            s,
            person.id,
            ParticipantFields(name="Ceri Jones", email="ceri@example.org"),
            consent,
            "Sam at the door",
        )
    )
    later = dump(b)
    assert later["participants"][0]["rev"] > dump(a)["participants"][0]["rev"]

    into_a = merge(a, later)
    into_b = merge(b, dump(a))
    for db in (a, b):
        row = by_key(dump(db))[("participants", person.id)]
        assert row["erased_at"] is not None
        assert (row["name"], row["email"]) == ("", "")
    assert not into_a.conflicts and not into_b.conflicts, "no conflict keeps the erased words"


def test_the_clock_moves_past_what_was_merged_even_after_a_restart(two, tmp_path):
    a, b = two
    _, _, notes = _shared_board(a, b)
    # Laptop a's clock runs far ahead (a wrong date), so its stamps are larger than b's clock.
    a.clock._last = Stamp(a.clock.last.wall_ms + 10**9, 0, a.device_id)
    a.run(lambda s: edit_note(s, notes[0], text="From the future"))
    merge(b, dump(a))
    b.close()
    reopened = Database.open(tmp_path / "b")
    try:
        reopened.run(lambda s: edit_note(s, notes[0], text="Settled here"))
        merge(reopened, dump(a))
        assert reopened.read(lambda s: s.get(Note, notes[0]).text) == "Settled here"
    finally:
        reopened.close()


def test_a_stacked_duplicate_arriving_before_its_original_still_merges(two):
    a, b = two
    workshop = a.run(lambda s: create_workshop(s, WorkshopFields(title="Bala"), "blank"))
    first = a.run(lambda s: add_note(s, workshop.id, "Lake bus")).id
    second = a.run(lambda s: add_note(s, workshop.id, "lake bus!")).id
    a.run(lambda s: stack_duplicates(s, second, [first, second]))
    rows = dump(a)
    rows["notes"].sort(key=lambda row: row["duplicate_of"] is None)  # the duplicate first
    merge(b, rows)
    assert by_key(dump(b)) == by_key(rows)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda rows: rows.update(gossip=[{"id": "x", "rev": "y"}]), "no kind of record"),
        (lambda rows: rows["notes"][0].pop("rev"), "has no rev"),
        (lambda rows: rows["notes"][0].update(rev="yesterday"), "unreadable revision"),
        (lambda rows: rows["notes"][0].update(mood="sunny"), "does not know"),
    ],
)
def test_bad_rows_are_refused_with_a_reason_and_change_nothing(two, change, message):
    a, b = two
    _shared_board(a, b)
    a.run(lambda s: add_note(s, dump(a)["workshops"][0]["id"], "One more"))
    before = dump(b)
    rows = dump(a)
    change(rows)
    with pytest.raises(ValidationError, match=message):
        merge(b, rows)
    assert dump(b) == before


# --- the property: random work on two laptops, merged in either order ---------------------

ACTION = st.tuples(
    st.sampled_from("ab"),
    st.sampled_from(
        ["add", "edit", "delete", "move", "group", "ungroup", "rename theme", "undo", "redo"]
    ),
    st.integers(0, 50),
    st.integers(0, 50),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=8),
)


class Laptop:
    """One store and its undo history, driven the way the board drives core."""

    def __init__(self, db: Database, workshop_id: str) -> None:
        self.db = db
        self.workshop_id = workshop_id
        self.done: list[records.Change] = []
        self.undone: list[records.Change] = []

    def _live(self, model) -> list[str]:
        return self.db.read(
            lambda s: sorted(
                s.scalars(
                    select(model.id).where(
                        model.workshop_id == self.workshop_id, model.deleted_at.is_(None)
                    )
                )
            )
        )

    def act(self, kind: str, i: int, j: int, text: str) -> None:
        from workshop_app.store.models import Cluster, Theme

        notes, themes, clusters = self._live(Note), self._live(Theme), self._live(Cluster)

        def pick(ids: list[str], k: int) -> str | None:
            return ids[k % len(ids)] if ids else None

        note, other, theme = pick(notes, i), pick(notes, j), pick(themes, j)
        actions: dict[str, Callable[[Session], object]] = {
            "add": lambda s: add_note(s, self.workshop_id, text, theme),
            "edit": lambda s: edit_note(s, note, text=text),
            "delete": lambda s: delete_notes(s, [note]),
            "move": lambda s: move_notes(s, [note], theme),
            "group": lambda s: create_cluster(s, sorted({note, other}), text),
            "ungroup": lambda s: dissolve_cluster(s, pick(clusters, i)),
            "rename theme": lambda s: rename_theme(s, theme, text),
        }
        if kind in ("undo", "redo"):
            self._step(kind == "undo")
            return
        needs = {"ungroup": clusters, "rename theme": themes, "add": themes}.get(kind, notes)
        if not needs:
            return
        try:
            with self.db.transaction() as session:
                actions[kind](session)
                change = records.take_change(session)
        except DomainError:
            return  # refused: the store is as it was
        if not change.empty:
            self.done.append(change)
            self._pass_on(change)
            self.undone.clear()

    def _step(self, backwards: bool) -> None:
        source, target = (self.done, self.undone) if backwards else (self.undone, self.done)
        if not source:
            return
        change = source[-1]
        try:
            with self.db.transaction() as session:
                states = change.before if backwards else change.after
                change.revs = records.apply_states(session, states, change.revs, undoing=backwards)
        except DomainError:
            return  # refused (the records moved on): the history stays where it was
        target.append(source.pop())
        self._pass_on(change)

    def _pass_on(self, change: records.Change) -> None:
        # This history's own later writes are not "changed since" for its other steps (as the
        # UI's workshop session does); only another laptop's change makes a step refuse.
        for other in (*self.done, *self.undone):
            if other is not change:
                for key in other.revs.keys() & change.revs.keys():
                    other.revs[key] = change.revs[key]


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(actions=st.lists(ACTION, max_size=14), sync_midway=st.integers(0, 14))
def test_merging_two_laptops_work_gives_one_result_in_either_order(actions, sync_midway):
    with stores(5) as (a, b, c1, c2, check):
        workshop_id, _, _ = _shared_board(a, b)
        laptops = {"a": Laptop(a, workshop_id), "b": Laptop(b, workshop_id)}
        for step, (who, kind, i, j, text) in enumerate(actions):
            if step == sync_midway:
                merge(b, dump(a))  # a partial sync part way through
            laptops[who].act(kind, i, j, text)
        from_a, from_b = dump(a), dump(b)

        merge(c1, from_a)
        merge(c1, from_b)
        merge(c2, from_b)
        merge(c2, from_a)
        assert by_key(dump(c1)) == by_key(dump(c2)), "arrival order must not matter"

        merge(a, from_b)
        merge(b, from_a)
        assert by_key(dump(a)) == by_key(dump(b)) == by_key(dump(c1))

        again = merge(c1, from_a)
        assert again.updated == again.inserted == 0, "merging again changes nothing"
        for db in (a, c1):
            with db.engine.connect() as conn:
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        merge(check, dump(c1))
        assert check.read(lambda s: load_board(s, workshop_id)) == c1.read(
            lambda s: load_board(s, workshop_id)
        )
