"""Benchmarks 7 and 8: imports against a bare executemany of the same rows (issue 9).

7. 20,000 notes from a .txt, and from a CSV with 50 clusters: reading the file and importing it
   in one transaction, against building the same rows and one sqlite3 executemany + COMMIT into
   the same schema with the same pragmas (target <= 3x).
8. A 5,000-person register from CSV (each with a consent record), against an executemany of
   the same participant and consent rows (target <= 3x); 1,000 and 2,500 show it is linear.
"""

from __future__ import annotations

import gc
import sqlite3
import statistics
import time
import uuid
from collections.abc import Callable
from pathlib import Path

NOTES = 20_000
CLUSTERS = 50
PEOPLE = 5_000
PRAGMAS = ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "secure_delete=ON")
NOW = "2026-11-23T18:30:00.000Z"


def _fresh_store(folder: Path):  # type: ignore[no-untyped-def]
    from workshop_app.core import themes, workshops
    from workshop_app.store.database import Database

    db = Database.open(folder)
    info = db.run(lambda s: workshops.create_workshop(s, workshops.WorkshopFields(title="Bench")))
    theme_ids = [t.id for t in db.read(lambda s: themes.list_themes(s, info.id))]
    return db, info.id, theme_ids


def _floor_conn(folder: Path) -> tuple[sqlite3.Connection, str, list[str]]:
    """A store with the app's own schema (made by the app, then closed), opened bare."""
    db, wid, theme_ids = _fresh_store(folder)
    db.close()
    conn = sqlite3.connect(folder / "workshop.db")
    for pragma in PRAGMAS:
        conn.execute(f"PRAGMA {pragma}")
    return conn, wid, theme_ids


def _stamp(i: int, device: str) -> str:
    return f"{1_790_000_000_000 + i:013d}-{0:06d}-{device}"


def _floor_notes(folder: Path, texts: list[str], clustered: bool) -> float:
    conn, wid, theme_ids = _floor_conn(folder)
    device = str(uuid.uuid4())
    try:
        gc.collect()
        t0 = time.perf_counter()
        clusters = []
        if clustered:
            clusters = [
                (
                    str(uuid.uuid4()),
                    NOW,
                    NOW,
                    device,
                    _stamp(c, device),
                    wid,
                    theme_ids[0],
                    f"Cluster {c}",
                    0.0,
                    c,
                )
                for c in range(CLUSTERS)
            ]
            conn.executemany(
                "INSERT INTO clusters (id, created_at, updated_at, device_id, rev, workshop_id,"
                " theme_id, name, position, seq) VALUES (?,?,?,?,?,?,?,?,?,?)",
                clusters,
            )
        rows = [
            (
                str(uuid.uuid4()),
                NOW,
                NOW,
                device,
                _stamp(CLUSTERS + i, device),
                wid,
                theme_ids[0] if clustered else theme_ids[-1],
                clusters[i % CLUSTERS][0] if clustered else None,
                text,
                "",
                0.0,
                i,
            )
            for i, text in enumerate(texts)
        ]
        conn.executemany(
            "INSERT INTO notes (id, created_at, updated_at, device_id, rev, workshop_id,"
            " theme_id, cluster_id, text, table_label, position, seq)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            rows,
        )
        conn.commit()
        return time.perf_counter() - t0
    finally:
        conn.close()


def _ours_notes(folder: Path, path: Path) -> float:
    from workshop_app.core import notes_io

    db, wid, _ = _fresh_store(folder)
    try:
        gc.collect()
        t0 = time.perf_counter()
        rows = notes_io.read_notes_file(path)
        result = db.run(lambda s: notes_io.import_notes(s, wid, rows))
        elapsed = time.perf_counter() - t0
        assert result.notes_added == len(rows)
        return elapsed
    finally:
        db.close()


def _floor_people(folder: Path, count: int) -> float:
    conn, wid, _ = _floor_conn(folder)
    device = str(uuid.uuid4())
    try:
        gc.collect()
        t0 = time.perf_counter()
        people = [
            (
                str(uuid.uuid4()),
                NOW,
                NOW,
                device,
                _stamp(i, device),
                wid,
                f"C{i:04d}",
                f"Person {i}",
                "",
                f"p{i}@example.org",
                "",
            )
            for i in range(count)
        ]
        conn.executemany(
            "INSERT INTO participants (id, created_at, updated_at, device_id, rev, workshop_id,"
            " code, name, area, email, phone) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            people,
        )
        consents = [
            (
                str(uuid.uuid4()),
                NOW,
                NOW,
                device,
                _stamp(count + i, device),
                wid,
                p[0],
                1,
                "no",
                0,
                1,
                0,
                0,
                "sign-up",
                NOW,
                "1",
            )
            for i, p in enumerate(people)
        ]
        conn.executemany(
            "INSERT INTO consents (id, created_at, updated_at, device_id, rev, workshop_id,"
            " participant_id, take_part, quote, photo, contact, use_report, use_publicity,"
            " recorded_by, recorded_at, wording_version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            consents,
        )
        conn.commit()
        return time.perf_counter() - t0
    finally:
        conn.close()


def _ours_people(folder: Path, path: Path) -> float:
    from workshop_app.core import participants_io

    db, wid, _ = _fresh_store(folder)
    try:
        gc.collect()
        t0 = time.perf_counter()
        rows = participants_io.read_participants_csv(path)
        infos = db.run(lambda s: participants_io.import_participants(s, wid, rows, "sign-up"))
        elapsed = time.perf_counter() - t0
        assert len(infos) == len(rows)
        return elapsed
    finally:
        db.close()


def _interleaved(
    reps: int, ours: Callable[[int], float], floor: Callable[[int], float]
) -> tuple[float, float]:
    mine: list[float] = []
    bare: list[float] = []
    for rep in range(reps):
        pair = [(floor, bare), (ours, mine)]
        for action, out in pair if rep % 2 == 0 else reversed(pair):
            out.append(action(rep))
    return statistics.median(mine) * 1000.0, statistics.median(bare) * 1000.0


def _note_texts() -> list[str]:
    return [f"Idea number {i}: more buses to the market on a Saturday" for i in range(NOTES)]


def bench_notes_import(tmp: Path, reps: int, clustered: bool) -> tuple[float, float]:
    """(ours ms, floor ms), medians."""
    texts = _note_texts()
    path = tmp / ("notes.csv" if clustered else "notes.txt")
    if clustered:
        lines = ["text,theme,cluster"] + [
            f"{t},Community wealth and ownership,Cluster {i % CLUSTERS}"
            for i, t in enumerate(texts)
        ]
    else:
        lines = texts
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    kind = "csv" if clustered else "txt"
    return _interleaved(
        reps,
        lambda rep: _ours_notes(tmp / f"ours-{kind}-{rep}", path),
        lambda rep: _floor_notes(tmp / f"floor-{kind}-{rep}", texts, clustered),
    )


def bench_register_import(tmp: Path, reps: int, count: int = PEOPLE) -> tuple[float, float]:
    path = tmp / f"people-{count}.csv"
    lines = ["name,email,take_part,contact"] + [
        f"Person {i},p{i}@example.org,yes,yes" for i in range(count)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return _interleaved(
        reps,
        lambda rep: _ours_people(tmp / f"ours-people-{count}-{rep}", path),
        lambda rep: _floor_people(tmp / f"floor-people-{count}-{rep}", count),
    )


if __name__ == "__main__":
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="workshop-bench-imports-"))
    try:
        for clustered in (False, True):
            ours, floor = bench_notes_import(folder, 3, clustered)
            label = "CSV, 50 clusters" if clustered else ".txt"
            print(
                f"20,000 notes ({label}): ours {ours:.0f} ms, floor {floor:.0f} ms, "
                f"{ours / floor:.2f}x"
            )
        for count in (1_000, 2_500, PEOPLE):
            ours, floor = bench_register_import(folder, 3, count)
            print(
                f"{count:,} participants: ours {ours:.0f} ms, floor {floor:.0f} ms, "
                f"{ours / floor:.2f}x"
            )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
