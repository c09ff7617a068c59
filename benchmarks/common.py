"""What every benchmark shares: the result row, the run's settings, sample notes, timing."""

from __future__ import annotations

import io
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CHILD = HERE / "startup_child.py"
BOARD_NOTES = 5_000
WINDOW_SIZE = (1366, 800)
EXPOSE_TIMEOUT_S = 10.0

SAMPLE_TEXTS = (
    "The bus to the venue was late again",
    "More shade at the market",
    "Young people need somewhere to meet after school that is not a car park",
    "Street lights on the river path",
    "Cheaper childcare so parents can take the evening shifts",
    "Clinic opening hours do not suit people who work",
    "A safe crossing by the primary school gate, the traffic is fast there in the morning",
    "Bins are collected too rarely in summer",
    "Translate the council letters",
    "Repair café once a month",
)


def note_text(i: int) -> str:
    return f"{SAMPLE_TEXTS[i % len(SAMPLE_TEXTS)]} (#{i})"


@dataclass
class Result:
    name: str
    ours_ms: float | None
    floor_ms: float | None
    target: str
    met: bool | None
    error: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours_ms is None or not self.floor_ms:
            return None
        return self.ours_ms / self.floor_ms


@dataclass
class Config:
    startup_reps: int
    insert_batches: int
    insert_batch: int
    board_reps: int
    board_adds: int
    tally_reps: int
    profile: bool


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000.0


def spread(samples: list[float]) -> str:
    ms = sorted(s * 1000.0 for s in samples)
    return (
        f"min {ms[0]:.2f} / median {statistics.median(ms):.2f} / max {ms[-1]:.2f} ms (n={len(ms)})"
    )


def split(parts: dict[str, list[float]]) -> str:
    return ", ".join(f"{name} {median_ms(v):.1f}" for name, v in parts.items()) + " ms (medians)"


def quiet_qt_warnings() -> None:
    """Drop the offscreen plugin's "does not support propagateSizeHints()" chatter."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message: str) -> None:  # type: ignore[no-untyped-def]
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- shared setup ---------------------------------------------------------------------------
def make_workshop_db(data_dir: Path, title: str):  # type: ignore[no-untyped-def]
    from workshop_app.core import themes, workshops
    from workshop_app.store.database import Database

    db = Database.open(data_dir)
    info = db.run(lambda s: workshops.create_workshop(s, workshops.WorkshopFields(title=title)))
    theme_ids = [t.id for t in db.read(lambda s: themes.list_themes(s, info.id))]
    return db, info.id, theme_ids


def time_each(action: Callable[[int], object], start: int, count: int) -> list[float]:
    samples = []
    for i in range(start, start + count):
        t0 = time.perf_counter()
        action(i)
        samples.append(time.perf_counter() - t0)
    return samples


def format_profile(stats: pstats.Stats, limit: int = 25) -> str:
    buf = io.StringIO()
    stats.stream = buf  # type: ignore[attr-defined]
    stats.strip_dirs().sort_stats("cumulative").print_stats(limit)
    return buf.getvalue()


def show_and_paint(app, widget) -> None:  # type: ignore[no-untyped-def]
    """Show at the facilitator's laptop size and return once the first frame is painted."""
    widget.resize(*WINDOW_SIZE)
    widget.show()
    deadline = time.perf_counter() + EXPOSE_TIMEOUT_S
    app.processEvents()
    handle = widget.windowHandle()
    while handle is None or not handle.isExposed():
        if time.perf_counter() > deadline:
            raise RuntimeError("window was never exposed")
        app.processEvents()
        handle = widget.windowHandle()
    app.processEvents()
    widget.grab()  # renders every visible child now, item views included


def dispose(app, *objects) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent

    for obj in objects:
        if hasattr(obj, "close"):
            obj.close()
        obj.deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    app.processEvents()
