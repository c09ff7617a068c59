"""Imports write in bulk (issue 9, points 9 and 10) yet stay one undoable action with every
record stamped on its own, exactly as records made one at a time."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from workshop_app.core import notes_io, participants_io
from workshop_app.core.board import load_board
from workshop_app.core.participants import CODE_ALPHABET
from workshop_app.core.records import apply_states, take_change
from workshop_app.store.models import Cluster, Note, Participant


def _import_with_change(db, run):
    def action(session):
        result = run(session)
        return result, take_change(session)

    return db.run(action)


def test_a_bulk_notes_import_is_stamped_per_note_and_undone_as_one(
    db, workshop, tmp_path: Path
) -> None:
    lines = ["text,theme,cluster"]
    lines += [f"note {i},Reviving places,Group {i % 3}" for i in range(300)]
    path = tmp_path / "notes.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = notes_io.read_notes_file(path)
    result, change = _import_with_change(db, lambda s: notes_io.import_notes(s, workshop.id, rows))
    assert result.notes_added == 300 and result.clusters_created == 3
    notes = db.read(lambda s: list(s.scalars(select(Note).where(Note.id.in_(result.note_ids)))))
    # Every note has its own stamp and capture order, in the file's order, and this device.
    assert len({n.rev for n in notes}) == 300
    by_id = {n.id: n for n in notes}
    seqs = [by_id[i].seq for i in result.note_ids]
    assert seqs == sorted(seqs) and len(set(seqs)) == 300
    assert {n.device_id for n in notes} == {db.device_id}
    assert all(n.created_at and n.updated_at and n.base_rev is None for n in notes)
    board = db.read(lambda s: load_board(s, workshop.id))
    assert sorted(c.name for c in board.clusters.values()) == ["Group 0", "Group 1", "Group 2"]
    # The journal holds the whole import: one undo takes every note and cluster back.
    assert set(change.ids("notes")) == set(result.note_ids)
    assert len(change.ids("clusters")) == 3
    assert all(change.before[("notes", i)] is None for i in result.note_ids)
    db.run(lambda s: apply_states(s, change.before, change.revs))
    board = db.read(lambda s: load_board(s, workshop.id))
    assert board.cards == {} and board.clusters == {}
    live = db.read(
        lambda s: s.scalar(
            select(func.count()).select_from(Cluster).where(Cluster.deleted_at.is_(None))
        )
    )
    assert live == 0


def test_a_bulk_register_import_gives_each_person_their_own_code_and_stamp(
    db, workshop, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    rows_text = ["name,email,take_part,contact"]
    rows_text += [f"Person {i},p{i}@example.org,yes,yes" for i in range(400)]
    path.write_text("\n".join(rows_text) + "\n", encoding="utf-8")
    rows = participants_io.read_participants_csv(path)
    infos, change = _import_with_change(
        db, lambda s: participants_io.import_participants(s, workshop.id, rows, "sign-up")
    )
    assert len(infos) == 400
    people = db.read(lambda s: list(s.scalars(select(Participant))))
    assert len({p.code for p in people}) == 400
    assert all(len(p.code) == 4 and set(p.code) <= set(CODE_ALPHABET) for p in people)
    assert len({p.rev for p in people}) == 400
    assert all(i.choices.take_part and i.choices.contact for i in infos)
    assert set(change.ids("participants")) == {i.id for i in infos}
    assert len(change.ids("consents")) == 400


def _statements_during(db, action) -> int:
    """How many SQL statements (an executemany counts once) the action sent to SQLite."""
    from sqlalchemy import event

    count = 0

    def seen(*_args: object) -> None:
        nonlocal count
        count += 1

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        db.run(action)
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    return count


def test_imports_take_the_same_few_statements_whatever_their_size(
    db, workshop, tmp_path: Path
) -> None:
    """Writing in bulk: 2,000 rows cost no more statements than 200 (the import used to send
    several per row, and the register re-read every code taken for each new person)."""
    counts = {}
    for n in (200, 2_000):
        notes = tmp_path / f"notes-{n}.csv"
        notes.write_text(
            "text,cluster\n" + "".join(f"note {i},Group {i % 5}\n" for i in range(n)),
            encoding="utf-8",
        )
        people = tmp_path / f"people-{n}.csv"
        people.write_text(
            "name,email,take_part,contact\n"
            + "".join(f"P{n}-{i},p{n}-{i}@x.org,yes,yes\n" for i in range(n)),
            encoding="utf-8",
        )
        note_rows = notes_io.read_notes_file(notes)
        people_rows = participants_io.read_participants_csv(people)
        counts[n] = (
            _statements_during(db, lambda s, r=note_rows: notes_io.import_notes(s, workshop.id, r)),
            _statements_during(
                db,
                lambda s, r=people_rows: participants_io.import_participants(
                    s, workshop.id, r, "x"
                ),
            ),
        )
    assert counts[2_000][0] <= counts[200][0] + 2, counts
    assert counts[2_000][1] <= counts[200][1] + 2, counts
    assert max(counts[2_000]) < 40, counts


def test_codes_drawn_at_once_skip_taken_ones_and_each_other(monkeypatch) -> None:
    from workshop_app.core import participants

    # Bytes past the alphabet's last whole multiple are dropped, never folded into a letter.
    draws = [255, *(CODE_ALPHABET.index(c) for c in "AB7K" + "AB7K" + "CD8M" + "CD8M" + "EF9N")]
    stream = iter(draws + [0] * 64)
    monkeypatch.setattr(
        participants.secrets, "token_bytes", lambda n: bytes(next(stream) for _ in range(n))
    )
    taken = {"AB7K"}
    assert participants.new_codes(taken, 2) == ["CD8M", "EF9N"]
    assert taken == {"AB7K", "CD8M", "EF9N"}
