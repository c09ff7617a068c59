"""Hub import figures, as ratios against a bare `executemany` in the same run (figures, not
tests).

    .venv/bin/python benchmarks/bench_hub.py [--bundles N] [--notes N] [--pg SERVER_URL]

1. Importing N bundles of M notes each (default 200 x 500) into a fresh hub: every check
   (ZIP, signature, checksums, records) and the merge, one transaction per bundle, each bundle
   kept; against a bare `executemany` (SQLAlchemy Core, the rows as parsed) of the same rows
   (every synced table) into a fresh database of the same kind, schema and settings (on SQLite:
   WAL, synchronous=FULL), one transaction per bundle. The two alternate bundle by bundle, so
   other work on the machine weighs on both alike. Target <= 3x.
2. Importing one of those bundles again (recognised, nothing changes; the median of 5) against
   the mean first import. Target under 5%.

Bundles are unencrypted here, so the figure measures the hub's own work rather than HPKE.
By default both databases are SQLite files; `--pg postgresql+psycopg://USER@HOST:PORT/DB` runs
both on that PostgreSQL server instead (two throwaway databases, dropped after; see
scripts/test-postgres.sh for a server).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


@contextmanager
def _databases(base: Path, server: str | None) -> Iterator[Callable[[str], str]]:
    """URLs for fresh, empty databases: SQLite files, or databases on a PostgreSQL server."""
    if server is None:
        yield lambda name: f"sqlite:///{base / name / 'hub.sqlite'}"
        return
    from sqlalchemy import create_engine

    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def make(name: str) -> str:
        db = f"bench_{name}_{uuid.uuid4().hex[:8]}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{db}"')
        made.append(db)
        return server.rsplit("/", 1)[0] + "/" + db

    try:
        yield make
    finally:
        with admin.connect() as conn:
            for db in made:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundles", type=int, default=200)
    parser.add_argument("--notes", type=int, default=500)
    parser.add_argument("--pg", metavar="SERVER_URL", default=None)
    args = parser.parse_args()

    from sqlalchemy import insert

    from workshop_app.core.merge import SYNCED_TABLES
    from workshop_app.core.notes_io import ImportRow, import_notes
    from workshop_app.core.records import MODELS
    from workshop_app.core.workshops import WorkshopFields, create_workshop
    from workshop_app.store.database import Database
    from workshop_app.sync.bundle_read import read_bundle
    from workshop_app.sync.bundle_write import export_bundle
    from workshop_app.sync.hub import Hub

    with tempfile.TemporaryDirectory() as folder, _databases(Path(folder), args.pg) as new_db:
        base = Path(folder)
        laptop = Database.open(base / "laptop")
        bundles: list[bytes] = []
        print(f"making {args.bundles} bundles of {args.notes} notes", file=sys.stderr)
        for i in range(args.bundles):
            w = laptop.run(
                lambda s, i=i: create_workshop(s, WorkshopFields(title=f"W{i}"), "building-blocks")
            )
            rows = [ImportRow(n + 1, f"Note {n} of workshop {i}") for n in range(args.notes)]
            laptop.run(lambda s, w=w, rows=rows: import_notes(s, w.id, rows))
            out = base / f"b{i}.wsbundle"
            export_bundle(laptop, w.id, out, unencrypted=True)
            bundles.append(out.read_bytes())
        laptop.close()

        hub = Hub.open(new_db("hub"))
        floor_db = Hub.open(new_db("floor")).store
        parsed = [read_bundle(data, None).rows for data in bundles]  # not timed for the floor
        # Bundle by bundle, one then the other, so a busy machine slows both alike.
        ours = floor = 0.0
        for i, (data, rows) in enumerate(zip(bundles, parsed, strict=True)):
            start = time.perf_counter()
            outcome = hub.import_bundle(data, f"b{i}", None, approve_new=True)
            middle = time.perf_counter()
            with floor_db.engine.begin() as conn:
                for table in SYNCED_TABLES:
                    if rows.get(table):
                        conn.execute(insert(MODELS[table].__table__), rows[table])
            ours += middle - start
            floor += time.perf_counter() - middle
            assert outcome.status == "merged", outcome.reason
        floor_db.close()
        first_one = ours / len(bundles)
        again: list[float] = []
        for _ in range(5):
            start = time.perf_counter()
            outcome = hub.import_bundle(bundles[0], "b0", None)
            again.append(time.perf_counter() - start)
            assert outcome.status == "already"
        reimport = statistics.median(again)
        hub.close()

    kind = "PostgreSQL" if args.pg else "SQLite"
    print(f"| measure ({kind}) | ours | floor | ratio | target |")
    print("|---|---|---|---|---|")
    print(
        f"| import {args.bundles} bundles of {args.notes} notes | {ours:.2f} s | "
        f"{floor:.2f} s | {ours / floor:.2f}x | <= 3x |"
    )
    print(
        f"| re-import one bundle | {reimport * 1000:.1f} ms | {first_one * 1000:.1f} ms "
        f"(its first import, mean) | {reimport / first_one:.1%} | < 5% |"
    )


if __name__ == "__main__":
    main()
