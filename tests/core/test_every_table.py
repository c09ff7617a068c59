"""The record and undo rules hold for every kind of synced record, not just the board's: each
table (read from the models, so a new one cannot be forgotten) gets a real action, and undo and
redo of it put every row back exactly, as new stamped changes."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from workshop_app.core import records, voting
from workshop_app.core.clusters import rename_cluster
from workshop_app.core.consent import ConsentChoices, record_consent
from workshop_app.core.demo import create_demo_workshop
from workshop_app.core.equality import add_response, chosen_questions
from workshop_app.core.narratives import NarrativeFields, save_narrative
from workshop_app.core.notes import edit_note
from workshop_app.core.outcomes import set_tags
from workshop_app.core.participants import ParticipantFields, update_participant
from workshop_app.core.stories import edit_story
from workshop_app.core.themes import rename_theme
from workshop_app.core.workshops import set_archived
from workshop_app.store.clock import Stamp
from workshop_app.store.database import Database
from workshop_app.store.models import (
    Cluster,
    Narrative,
    Note,
    OutcomeTag,
    Participant,
    RoundOption,
    Story,
    Theme,
    VotingRound,
)

TABLES = list(records.MODELS)
BOOKKEEPING = {"created_at", "updated_at", "device_id", "rev", "base_rev"}


@dataclass
class Demo:
    workshop_id: str
    open_round: str
    setup_round: str


def _first(session: Session, model, **where) -> object:
    query = select(model).where(model.deleted_at.is_(None)).filter_by(**where)
    return session.scalars(query.order_by(model.id)).first()


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> tuple[Path, Demo]:
    """The demo workshop plus a round being set up, made once: each test gets a copy."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    db = Database.open(folder)
    workshop = db.run(create_demo_workshop)

    def rounds(s: Session) -> tuple[str, str]:
        opened = _first(s, VotingRound, workshop_id=workshop.id, status="open")
        clusters = s.scalars(
            select(Cluster.id).where(Cluster.workshop_id == workshop.id).order_by(Cluster.id)
        ).all()
        setup = voting.create_round(
            s, workshop.id, "Next steps", [("cluster", c) for c in clusters[:2]]
        )
        return opened.id, setup.id

    made = Demo(workshop.id, *db.run(rounds))
    db.close()
    return folder, made


@pytest.fixture
def db(demo_folder, tmp_path) -> Iterator[Database]:
    copy = shutil.copytree(demo_folder[0], tmp_path / "data")
    database = Database.open(copy)
    yield database
    database.close()


@pytest.fixture
def demo(demo_folder) -> Demo:
    return demo_folder[1]


def _person(s: Session, demo: Demo) -> Participant:
    return _first(s, Participant, workshop_id=demo.workshop_id, erased_at=None)


def _clusters(s: Session, demo: Demo) -> list[Cluster]:
    query = select(Cluster).where(Cluster.workshop_id == demo.workshop_id)
    return list(s.scalars(query.where(Cluster.deleted_at.is_(None)).order_by(Cluster.id)))


def _cluster(s: Session, demo: Demo) -> Cluster:
    return _first(s, Cluster, workshop_id=demo.workshop_id)


Action = Callable[[Session, Demo], object]

# One real action per table, each changing (or making) at least one record of that table.
ACTIONS: dict[str, Action] = {
    "workshops": lambda s, d: set_archived(s, d.workshop_id, True),
    "themes": lambda s, d: rename_theme(
        s, _first(s, Theme, workshop_id=d.workshop_id).id, "Cymuned"
    ),
    "clusters": lambda s, d: rename_cluster(s, _cluster(s, d).id, "Buses, trains and lifts"),
    "notes": lambda s, d: edit_note(
        s, _first(s, Note, workshop_id=d.workshop_id).id, text="Edited ✍"
    ),
    "participants": lambda s, d: update_participant(
        s,
        _person(s, d).id,
        ParticipantFields("Renamed Person", "Abercwm"),
        ConsentChoices(take_part=True),
        "Sam",
    ),
    "consents": lambda s, d: record_consent(
        s, d.workshop_id, _person(s, d).id, ConsentChoices(take_part=True, photo=True), "Sam"
    ),
    "equality_responses": lambda s, d: add_response(
        s,
        d.workshop_id,
        {q.key: q.answers[0][0] for q in chosen_questions(s, d.workshop_id) if q.answers},
    ),
    "outcome_tags": lambda s, d: set_tags(
        s,
        d.workshop_id,
        (tag := _first(s, OutcomeTag, workshop_id=d.workshop_id)).target_kind,
        tag.target_id,
        [],
    ),
    "narratives": lambda s, d: save_narrative(
        s,
        d.workshop_id,
        (row := _first(s, Narrative, workshop_id=d.workshop_id)).target_kind,
        row.target_id,
        NarrativeFields(issue="A rewritten issue"),
    ),
    "stories": lambda s, d: edit_story(
        s, _first(s, Story, workshop_id=d.workshop_id).id, text="In my own words, again"
    ),
    "voting_rounds": lambda s, d: voting.open_round(s, d.setup_round),
    "round_options": lambda s, d: voting.set_options(
        s, d.setup_round, [("cluster", c.id) for c in _clusters(s, d)[1:4]]
    ),
    "votes": lambda s, d: voting.record_paper_tally(
        s, d.open_round, _first(s, RoundOption, round_id=d.open_round).id, 3
    ),
    "ballots": lambda s, d: voting.cast_ballot(
        s,
        d.open_round,
        voting.anonymous_voter(),
        {_first(s, RoundOption, round_id=d.open_round).id: 1},
    ),
}


def test_every_synced_table_has_an_action_here():
    assert set(ACTIONS) == set(records.MODELS)


def _rows(db) -> dict[tuple[str, str], dict]:
    def query(session: Session):
        return {
            (table, row["id"]): dict(row)
            for table in TABLES
            for row in session.execute(text(f"SELECT * FROM {table}")).mappings()
        }

    return db.read(query)


def _content(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in BOOKKEEPING}


def _act(db, action: Callable[[Session], object]) -> records.Change:
    with db.transaction() as session:
        action(session)
        return records.take_change(session)


def _apply(db, change: records.Change, undoing: bool) -> None:
    with db.transaction() as session:
        states = change.before if undoing else change.after
        change.revs = records.apply_states(session, states, change.revs, undoing=undoing)


def _restamped(old_rows: dict, new_rows: dict, device_id: str) -> set[str]:
    """No row vanished or appeared; every changed row has a new rev based on the old one.
    Returns the tables whose rows changed."""
    assert set(new_rows) == set(old_rows), "undo and redo never add or remove rows"
    changed = set()
    for key, old in old_rows.items():
        new = new_rows[key]
        if _content(new) == _content(old):
            assert new["rev"] == old["rev"], f"{key} was re-stamped without changing"
            continue
        changed.add(key[0])
        assert new["base_rev"] == old["rev"], f"{key} base_rev must be the rev it replaced"
        assert Stamp.parse(new["rev"]) > Stamp.parse(old["rev"])
        assert new["device_id"] == device_id
        assert new["created_at"] == old["created_at"]
    return changed


@pytest.mark.parametrize("table", TABLES)
def test_undo_and_redo_put_every_row_back_for(db, demo, table):
    before = _rows(db)
    change = _act(db, lambda s: ACTIONS[table](s, demo))
    assert table in {tbl for tbl, _ in change.before}, f"the action should change {table}"
    done = _rows(db)
    assert done != before

    _apply(db, change, undoing=True)
    undone = _rows(db)
    # Everything the action made is now a tombstone; everything else is as it was.
    for key, row in undone.items():
        if key in before:
            assert _content(row) == _content(before[key]), f"undo left {key} changed"
        else:
            assert row["deleted_at"] is not None, f"undo left {key} alive"
    assert table in _restamped(done, undone, db.device_id)

    _apply(db, change, undoing=False)
    redone = _rows(db)
    assert {k: _content(r) for k, r in redone.items()} == {k: _content(r) for k, r in done.items()}
    assert table in _restamped(undone, redone, db.device_id)
    assert db.integrity_check() == "ok"


def _is_utc_iso(value: str) -> bool:
    parsed = datetime.fromisoformat(value)
    return value.endswith("Z") and parsed.utcoffset() == timedelta(0)


@pytest.mark.parametrize("table", TABLES)
def test_every_record_carries_what_a_merge_needs_in(db, demo, table):
    # Exercise the table once more so rows exist that were changed, not only made.
    change = _act(db, lambda s: ACTIONS[table](s, demo))
    _apply(db, change, undoing=True)
    rows = [row for (tbl, _), row in _rows(db).items() if tbl == table]
    assert rows, f"the demo and the action should leave {table} rows"
    for row in rows:
        where = f"{table} {row['id']}"
        assert str(uuid.UUID(row["id"])) == row["id"], where
        assert _is_utc_iso(row["created_at"]) and _is_utc_iso(row["updated_at"]), where
        assert row["created_at"] <= row["updated_at"], where
        assert row["device_id"] == db.device_id, where
        stamp = Stamp.parse(row["rev"])
        assert str(stamp) == row["rev"] and stamp.device_id == db.device_id, where
        if row["base_rev"] is not None:
            assert Stamp.parse(row["base_rev"]) < stamp, where
        if row["deleted_at"] is not None:
            assert _is_utc_iso(row["deleted_at"]), where
