"""One cold start, run as a fresh process by benchmarks/run.py (measure 1).

    python benchmarks/startup_child.py bare
    python benchmarks/startup_child.py app DATA_DIR

Shows a window, processes events until the window is exposed and painted, prints the time spent
inside this process (after interpreter start-up) and exits at once. The parent times the whole
process, interpreter start-up included; that wall time is the figure reported.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import os  # noqa: E402
import sys  # noqa: E402

EXPOSE_TIMEOUT_S = 10.0


def wait_until_shown(app, window) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + EXPOSE_TIMEOUT_S
    app.processEvents()
    handle = window.windowHandle()
    while handle is None or not handle.isExposed():
        if time.perf_counter() > deadline:
            raise SystemExit("window was never exposed")
        app.processEvents()
        handle = window.windowHandle()
    # Deliver the pending paint of the first frame.
    app.processEvents()


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare")
    window.setCentralWidget(QLabel("Hello"))
    window.resize(1366, 800)
    window.show()
    wait_until_shown(app, window)


def ours(data_dir: str) -> None:
    from pathlib import Path

    from workshop_app.store.database import Database
    from workshop_app.ui.app import make_app
    from workshop_app.ui.main_window import MainWindow

    app = make_app()
    db = Database.open(Path(data_dir))
    window = MainWindow(db)
    window.show()
    wait_until_shown(app, window)


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
    print(f"{(time.perf_counter() - T0) * 1000:.3f}", flush=True)
    # Exit right after the window is shown: tearing Qt down is not part of start-up.
    os._exit(0)


if __name__ == "__main__":
    main()
