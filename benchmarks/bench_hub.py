"""Hub import figures, as ratios against a bare `executemany` in the same run (figures, not
tests).

    .venv/bin/python benchmarks/bench_hub.py [--bundles N] [--notes N]

1. Importing N bundles of M notes each (default 200 x 500) into a fresh SQLite hub: every check
   (ZIP, signature, checksums, records) and the merge, one transaction per bundle; against a bare
   `executemany` of the same rows (every synced table) into a fresh database with the same
   schema, one transaction per bundle. Target <= 3x.
2. Importing one of those bundles again (recognised, nothing changes) against its first import.
   Target under 5%.

Bundles are unencrypted here, so the figure measures the hub's own work rather than HPKE.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundles", type=int, default=200)
    parser.add_argument("--notes", type=int, default=500)
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

    with tempfile.TemporaryDirectory() as folder:
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

        hub = Hub.open(f"sqlite:///{base / 'hub' / 'hub.sqlite'}")
        start = time.perf_counter()
        for i, data in enumerate(bundles):
            outcome = hub.import_bundle(data, f"b{i}", None, approve_new=True)
            assert outcome.status == "merged", outcome.reason
        ours = time.perf_counter() - start
        first_one = ours / len(bundles)
        start = time.perf_counter()
        again = hub.import_bundle(bundles[0], "b0", None)
        reimport = time.perf_counter() - start
        assert again.status == "already"
        hub.close()

        floor_db = Hub.open(f"sqlite:///{base / 'floor' / 'hub.sqlite'}").store
        parsed = [read_bundle(data, None).rows for data in bundles]  # parsing is not timed
        start = time.perf_counter()
        for rows in parsed:
            with floor_db.engine.begin() as conn:
                for table in SYNCED_TABLES:
                    if rows.get(table):
                        conn.execute(insert(MODELS[table].__table__), rows[table])
        floor = time.perf_counter() - start
        floor_db.close()

    print("| measure | ours | floor | ratio | target |")
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
