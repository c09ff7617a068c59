"""One cold start, run as a fresh process by benchmarks/run.py (measure 1).

    python benchmarks/startup_child.py bare
    python benchmarks/startup_child.py bare-list DATA_DIR

The floors of measure 1: a bare window painted, and a bare window listing the workshops (read
with sqlite3 into a QListWidget) painted. Prints that moment as wall-clock time and exits at
once; the parent subtracts the moment it spawned this process, so interpreter start-up is
included. The app itself is started through its real entry point (`python -m workshop_app
--smoke-test`, with WORKSHOP_SMOKE_STAMPS set), not from here.
"""

from __future__ import annotations

import os
import sys
import time

EXPOSE_TIMEOUT_S = 10.0


def first_paint_hook(widget_class):  # type: ignore[no-untyped-def]
    """A subclass of widget_class that records the moment its first paint is done."""

    class Hooked(widget_class):  # type: ignore[misc, valid-type]
        def paintEvent(self, event):  # type: ignore[no-untyped-def]
            super().paintEvent(event)
            STAMPS.setdefault("shown", time.time())

    return Hooked


STAMPS: dict[str, float] = {}


def run_until(app, key: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + EXPOSE_TIMEOUT_S
    while key not in STAMPS:
        if time.perf_counter() > deadline:
            raise SystemExit(f"never reached {key!r}")
        app.processEvents()


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare")
    window.setCentralWidget(first_paint_hook(QLabel)("Hello"))
    window.resize(1366, 800)
    window.show()
    run_until(app, "shown")


def bare_list(data_dir: str) -> None:
    """The same work as the app's first usable screen, done the plainest way."""
    import sqlite3

    from PySide6.QtWidgets import QApplication, QListWidget, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare list")
    listing = first_paint_hook(QListWidget)()
    conn = sqlite3.connect(os.path.join(data_dir, "workshop.db"))
    query = (
        "SELECT w.title, w.starts_at, w.place, (SELECT count(*) FROM notes n WHERE "
        "n.workshop_id = w.id AND n.deleted_at IS NULL) FROM workshops w "
        "WHERE w.deleted_at IS NULL AND w.archived_at IS NULL"
    )
    for title, starts_at, place, notes in conn.execute(query):
        listing.addItem(f"{title}\n{starts_at}   {place}   {notes} notes")
    conn.close()
    window.setCentralWidget(listing)
    window.resize(1366, 800)
    window.show()
    run_until(app, "shown")


def main() -> None:
    mode = sys.argv[1]
    profile_to = os.environ.get("WORKSHOP_BENCH_PROFILE")
    if profile_to:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    if mode == "bare":
        bare()
    elif mode == "bare-list":
        bare_list(sys.argv[2])
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    if profile_to:
        profiler.disable()
        profiler.dump_stats(profile_to)
    for key, stamp in STAMPS.items():
        print(f"{key} {stamp:.6f}", flush=True)
    # Exit right after the window is shown: tearing Qt down is not part of start-up.
    os._exit(0)


if __name__ == "__main__":
    main()
