"""The undo journal: every action's before/after states put the board back exactly, as new
stamped changes, without ever deleting a row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from workshop_app.core import records
from workshop_app.core.board import load_board
from workshop_app.core.clusters import (
    create_cluster,
    dissolve_cluster,
    move_cluster,
    remove_from_cluster,
    rename_cluster,
)
from workshop_app.core.errors import UndoRefusedError, ValidationError
from workshop_app.core.notes import (
    add_note,
    delete_notes,
    edit_note,
    move_notes,
    stack_duplicates,
    unstack,
)
from workshop_app.core.themes import delete_theme, move_theme, rename_theme
from workshop_app.store.clock import Stamp

TABLES = ("workshops", "themes", "clusters", "notes")
BOOKKEEPING = {"created_at", "updated_at", "device_id", "rev", "base_rev"}


@dataclass
class Scene:
    """A small, realistic board to act on.

    column 0: a, b in cluster c1; c loose
    column 1: d alone in cluster c2; e loose with f stacked on it
    parking lot: g
    """

    workshop_id: str
    themes: list
    notes: dict[str, str]
    clusters: dict[str, str]


@pytest.fixture
def scene(db, workshop, themes, add) -> Scene:
    t0, t1 = themes[0].id, themes[1].id
    notes = {
        "a": add("Community land trust", t0),
        "b": add("Own the pub together", t0),
        "c": add("Credit union branch", t0),
        "d": add("Insulate homes", t1),
        "e": add("Bus to the college", t1),
        "f": add("bus to college!", t1),
        "g": add("Youth club?"),
    }
    c1 = db.run(lambda s: create_cluster(s, [notes["a"], notes["b"]], "Ownership"))
    c2 = db.run(lambda s: create_cluster(s, [notes["d"]], "Warm homes"))
    db.run(lambda s: stack_duplicates(s, notes["e"], [notes["e"], notes["f"]]))
    return Scene(workshop.id, themes, notes, {"c1": c1.id, "c2": c2.id})


Action = Callable[[Session, Scene], object]

ACTIONS: dict[str, Action] = {
    "add note": lambda s, sc: add_note(s, sc.workshop_id, "New idea 💡", sc.themes[0].id),
    "add note to parking lot": lambda s, sc: add_note(s, sc.workshop_id, "Parked"),
    "edit note": lambda s, sc: edit_note(s, sc.notes["a"], text="Edited", table_label="T9"),
    "move note out of its cluster": lambda s, sc: move_notes(s, [sc.notes["d"]], sc.themes[2].id),
    "move stacked card": lambda s, sc: move_notes(s, [sc.notes["e"]], sc.themes[3].id),
    "delete note in cluster": lambda s, sc: delete_notes(s, [sc.notes["a"]]),
    "delete last note of a cluster": lambda s, sc: delete_notes(s, [sc.notes["d"]]),
    "delete stacked card": lambda s, sc: delete_notes(s, [sc.notes["e"]]),
    "create cluster across themes": lambda s, sc: create_cluster(
        s, [sc.notes["c"], sc.notes["g"]], ""
    ),
    "create cluster stealing a member": lambda s, sc: create_cluster(
        s, [sc.notes["d"], sc.notes["c"]], "New"
    ),
    "stack duplicates": lambda s, sc: stack_duplicates(
        s, sc.notes["c"], [sc.notes["c"], sc.notes["d"], sc.notes["g"]]
    ),
    "unstack": lambda s, sc: unstack(s, [sc.notes["f"]]),
    "rename cluster": lambda s, sc: rename_cluster(s, sc.clusters["c1"], "Owning it"),
    "remove from cluster": lambda s, sc: remove_from_cluster(s, [sc.notes["b"]]),
    "dissolve cluster": lambda s, sc: dissolve_cluster(s, sc.clusters["c1"]),
    "move cluster": lambda s, sc: move_cluster(s, sc.clusters["c1"], sc.themes[3].id),
    "delete theme": lambda s, sc: delete_theme(s, sc.themes[0].id),
    "delete theme with a stack": lambda s, sc: delete_theme(s, sc.themes[1].id),
    "rename theme": lambda s, sc: rename_theme(s, sc.themes[2].id, "Gwaith da"),
    "move theme": lambda s, sc: move_theme(s, sc.themes[2].id, -1),
}


def _snapshot(db, workshop_id: str):
    board = db.read(lambda s: load_board(s, workshop_id))
    return board.themes, board.cards, board.clusters


def _rows(db) -> dict[tuple[str, str], dict]:
    """Every row of every synced table, tombstones included."""

    def query(session: Session):
        found = {}
        for table in TABLES:
            for row in session.execute(text(f"SELECT * FROM {table}")).mappings():
                found[(table, row["id"])] = dict(row)
        return found

    return db.read(query)


def _content(row: dict) -> dict:
    return {k: v for k, v in row.items() if k not in BOOKKEEPING}


def _act(db, action: Callable[[Session], object]) -> records.Change:
    with db.transaction() as session:
        action(session)
        change = records.take_change(session)
    return change


def _apply(db, change: records.Change, undoing: bool = True) -> None:
    """Undo (or redo) the way the undo stack does: checking each record is still as the action
    (or its last undo or redo) left it."""
    states = change.before if undoing else change.after
    with db.transaction() as session:
        change.revs = records.apply_states(session, states, change.revs, undoing=undoing)


def _assert_restamped(before_rows: dict, after_rows: dict, device_id: str) -> None:
    """No row vanished or appeared; every changed row carries a new rev based on the old one."""
    assert set(after_rows) == set(before_rows), "undo/redo must never add or delete rows"
    changed = 0
    for key, old in before_rows.items():
        new = after_rows[key]
        if _content(new) == _content(old):
            assert new["rev"] == old["rev"], f"{key} was re-stamped without changing"
            continue
        changed += 1
        assert new["rev"] != old["rev"], f"{key} changed without a new rev"
        assert new["base_rev"] == old["rev"], f"{key} base_rev must be the rev it replaced"
        assert Stamp.parse(new["rev"]) > Stamp.parse(old["rev"])
        assert new["device_id"] == device_id
        assert new["updated_at"] >= old["updated_at"]
        assert new["created_at"] == old["created_at"]
    assert changed, "undo/redo should have changed something"


@pytest.mark.parametrize("name", list(ACTIONS))
def test_undo_restores_the_board_and_redo_replays_it(db, scene, name):
    action = ACTIONS[name]
    before_board = _snapshot(db, scene.workshop_id)

    change = _act(db, lambda s: action(s, scene))
    assert not change.empty
    after_board = _snapshot(db, scene.workshop_id)
    assert after_board != before_board, "the action should change what the board shows"
    done_rows = _rows(db)

    _apply(db, change)  # undo
    assert _snapshot(db, scene.workshop_id) == before_board
    undone_rows = _rows(db)
    _assert_restamped(done_rows, undone_rows, db.device_id)

    _apply(db, change, undoing=False)  # redo
    assert _snapshot(db, scene.workshop_id) == after_board
    redone_rows = _rows(db)
    _assert_restamped(undone_rows, redone_rows, db.device_id)

    _apply(db, change)  # and undo once more
    assert _snapshot(db, scene.workshop_id) == before_board
    assert db.integrity_check() == "ok"


def test_undo_of_an_add_leaves_a_tombstone_not_a_gap(db, scene):
    change = _act(db, lambda s: add_note(s, scene.workshop_id, "Oops", scene.themes[0].id))
    [(table, nid)] = [key for key, state in change.before.items() if state is None]
    assert table == "notes"

    _apply(db, change)
    row = _rows(db)[("notes", nid)]
    assert row["deleted_at"] is not None
    assert row["text"] == "Oops"


def test_a_note_added_and_changed_in_one_action_undoes_and_redoes_whole(db, scene):
    """Capture writes a note straight to the table; an action that goes on to change it (the
    demo, a twin stacked as it is typed) must still undo and redo as one, with the change."""
    target = scene.notes["a"]

    def add_and_stack(s):
        twin = add_note(s, scene.workshop_id, "Community land trust!", scene.themes[0].id)
        stack_duplicates(s, target, [twin.id])
        edit_note(s, twin.id, text="Community land trust, please")
        return twin.id

    before_board = _snapshot(db, scene.workshop_id)
    with db.transaction() as session:
        twin_id = add_and_stack(session)
        change = records.take_change(session)
    after_board = _snapshot(db, scene.workshop_id)
    stored = _rows(db)[("notes", twin_id)]
    assert stored["duplicate_of"] == target
    assert stored["text"] == "Community land trust, please"
    assert change.after[("notes", twin_id)]["duplicate_of"] == target
    assert change.after[("notes", twin_id)]["text"] == "Community land trust, please"

    _apply(db, change)
    assert _snapshot(db, scene.workshop_id) == before_board
    _apply(db, change, undoing=False)
    assert _snapshot(db, scene.workshop_id) == after_board


def test_undo_survives_a_restart(db, scene):
    from workshop_app.store.database import Database

    before_board = _snapshot(db, scene.workshop_id)
    change = _act(db, lambda s: delete_theme(s, scene.themes[0].id))
    db.close()

    reopened = Database.open(db.data_dir)
    try:
        _apply(reopened, change)
        assert _snapshot(reopened, scene.workshop_id) == before_board
    finally:
        reopened.close()


def test_an_edit_that_changes_nothing_is_an_empty_change(db, scene):
    change = _act(db, lambda s: edit_note(s, scene.notes["a"], text="Community land trust"))
    assert change.empty


def test_a_change_holds_only_its_own_actions_records(db, scene):
    # An earlier action whose change was never taken, and one that failed, must not leak
    # into the next action's undo.
    db.run(lambda s: edit_note(s, scene.notes["b"], text="Earlier edit"))
    with pytest.raises(ValidationError):
        db.run(
            lambda s: (
                edit_note(s, scene.notes["c"], text="half"),
                edit_note(s, scene.notes["d"], text="  "),
            )
        )

    change = _act(db, lambda s: edit_note(s, scene.notes["a"], text="This one"))
    assert set(change.before) == {("notes", scene.notes["a"])}

    _apply(db, change)
    board = db.read(lambda s: load_board(s, scene.workshop_id))
    assert board.cards[scene.notes["a"]].text == "Community land trust"
    assert board.cards[scene.notes["b"]].text == "Earlier edit"
    assert board.cards[scene.notes["c"]].text == "Credit union branch"


# --- undo is safe to sync: it never overwrites what changed since ------------------------


def _merge_from(db, other) -> None:
    from workshop_app.core.merge import SYNCED_TABLES, merge_tables

    def dump(session: Session):
        return {
            table: [dict(r) for r in session.execute(text(f"SELECT * FROM {table}")).mappings()]
            for table in SYNCED_TABLES
        }

    rows = other.read(dump)
    db.run(lambda s: merge_tables(s, rows))


def test_undo_refuses_to_overwrite_a_change_from_another_laptop(db, scene, tmp_path):
    from workshop_app.store.database import Database

    other = Database.open(tmp_path / "other laptop")
    try:
        _merge_from(other, db)
        change = _act(db, lambda s: edit_note(s, scene.notes["a"], text="Land trust, here"))
        _merge_from(other, db)
        other.run(lambda s: edit_note(s, scene.notes["a"], text="Land trust, in Tywyn"))
        _merge_from(db, other)
        rows = _rows(db)

        with pytest.raises(UndoRefusedError, match="the note was changed since"):
            _apply(db, change)
        assert _rows(db) == rows, "a refused undo changes nothing"
        board = db.read(lambda s: load_board(s, scene.workshop_id))
        assert board.cards[scene.notes["a"]].text == "Land trust, in Tywyn"
    finally:
        other.close()


def test_undo_refuses_when_another_window_changed_one_of_its_records(db, scene):
    change = _act(
        db,
        lambda s: (
            edit_note(s, scene.notes["b"], text="Pub, co-op"),
            edit_note(s, scene.notes["c"], text="Credit union, Tuesdays"),
        ),
    )
    db.run(lambda s: edit_note(s, scene.notes["c"], text="Credit union, every day"))
    rows = _rows(db)
    with pytest.raises(UndoRefusedError, match="can't be undone: the note was changed since"):
        _apply(db, change)
    # All or nothing: the note nobody else touched is not undone on its own either.
    assert _rows(db) == rows


def test_redo_refuses_too_and_says_redo(db, scene):
    change = _act(db, lambda s: rename_theme(s, scene.themes[2].id, "Gwaith"))
    _apply(db, change)
    db.run(lambda s: rename_theme(s, scene.themes[2].id, "Gwaith teg"))
    with pytest.raises(UndoRefusedError, match="can't be redone: the theme was changed since"):
        _apply(db, change, undoing=False)


def test_undo_of_grouping_refuses_while_a_new_note_belongs_to_the_group(db, scene):
    from workshop_app.core.clusters import add_to_cluster

    change = _act(db, lambda s: create_cluster(s, [scene.notes["c"], scene.notes["g"]], "Zebra"))
    [cluster_id] = change.ids("clusters")
    # A second writer puts a new note into the group; the group's own record is unchanged.
    newcomer = db.run(lambda s: add_note(s, scene.workshop_id, "Zebra crossing")).id
    db.run(lambda s: add_to_cluster(s, cluster_id, [newcomer]))
    rows = _rows(db)

    with pytest.raises(UndoRefusedError, match=r"a note .* still belongs to the group"):
        _apply(db, change)
    assert _rows(db) == rows
    board = db.read(lambda s: load_board(s, scene.workshop_id))
    assert cluster_id in board.clusters
    assert board.cards[newcomer].cluster_id == cluster_id


def test_undo_and_redo_chain_their_checks(db, scene):
    change = _act(db, lambda s: delete_notes(s, [scene.notes["e"]]))
    for undoing in (True, False, True, False):
        _apply(db, change, undoing)  # each one checks against the revs the last one left
    assert scene.notes["e"] not in db.read(lambda s: load_board(s, scene.workshop_id)).cards


def test_undoing_a_big_import_asks_the_database_a_few_times_not_once_per_note(db, workshop):
    """Seen: Ctrl+Z after importing 5,000 notes froze the window for 13 s (a query and a
    flush per note). The undo now loads, checks and writes in batches."""
    from sqlalchemy import event

    from workshop_app.core.notes_io import ImportRow, import_notes

    rows = [ImportRow(i + 1, f"note {i}") for i in range(1_200)]
    change = _act(db, lambda s: import_notes(s, workshop.id, rows))
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        _apply(db, change)
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) < 30, f"{len(selects)} SELECTs for one undo"
    assert (
        db.read(
            lambda s: s.execute(
                text("SELECT count(*) FROM notes WHERE deleted_at IS NULL")
            ).scalar()
        )
        == 0
    )
