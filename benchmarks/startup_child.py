"""One cold start, run as a fresh process by benchmarks/run.py (measure 1).

    python benchmarks/startup_child.py bare
    python benchmarks/startup_child.py app DATA_DIR

Shows a window, processes events until it has been painted (and, for the app, until the home
screen lists the workshops), prints those moments as wall-clock times and exits at once. The
parent subtracts the moment it spawned this process, so interpreter start-up is included.
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


def ours(data_dir: str) -> None:
    """What run_gui() does, step by step, noting when the window is first painted and when the
    home screen lists the workshops."""
    from pathlib import Path

    from workshop_app.ui.app import make_app
    from workshop_app.ui.main_window import MainWindow

    app = make_app()
    window = MainWindow()
    window.opening.painted.connect(lambda: STAMPS.setdefault("shown", time.time()))
    window.ready.connect(lambda: STAMPS.setdefault("ready", time.time()))
    window.failed.connect(lambda message: sys.exit(f"could not open: {message}"))
    window.show()
    window.open_after_first_paint(Path(data_dir))
    run_until(app, "ready")


def main() -> None:
    mode = sys.argv[1]
    profile_to = os.environ.get("WORKSHOP_BENCH_PROFILE")
    if profile_to:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    if mode == "bare":
        bare()
    elif mode == "app":
        ours(sys.argv[2])
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
