"""Capture notes one at a time, as fast as the store allows, until killed.

    python capture_loop.py DATA_DIR (WORKSHOP_ID | new) LABEL

Prints `workshop <id>` once, then each note's id right after its transaction committed, so a
line on stdout is a promise that the note is on disk. Stops by itself after 60 s or when the
reader goes away, so a crashed test cannot leave it running.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from workshop_app.core.notes import add_note
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.store.database import Database

FILLER = "Mae angen bysiau ar ddydd Sul 🚌 — خدمة الحافلات — "


def main() -> int:
    data_dir, workshop_id, label = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    db = Database.open(data_dir)
    if workshop_id == "new":
        workshop_id = db.run(
            lambda s: create_workshop(s, WorkshopFields(title="Durability"), "building-blocks")
        ).id
    print(f"workshop {workshop_id}", flush=True)
    deadline = time.monotonic() + 60
    n = 0
    while time.monotonic() < deadline:
        n += 1
        # Vary the size so pages split and the WAL sees small and large frames.
        text = f"{label} #{n} " + FILLER * (n % 7) * (40 if n % 11 == 0 else 1)
        table = f"Table {n % 5}"
        note = db.run(lambda s, t=text, tb=table: add_note(s, workshop_id, t, None, tb))
        try:
            print(note.id, flush=True)
        except BrokenPipeError:
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
