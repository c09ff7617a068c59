"""Performance benchmarks: every figure is a ratio against a floor measured in the same run.

    .venv/bin/python benchmarks/run.py            # full run (a few minutes)
    .venv/bin/python benchmarks/run.py --quick    # fewer repetitions
    .venv/bin/python benchmarks/run.py --profile  # also print cProfile hot spots of "ours"

Measures (see benchmarks/README.md):
  1. start through the real entry point (`python -m workshop_app`) to the window shown
                                              vs a bare PySide6 window        (<= 1.3x)
  1b. ... to the workshop list usable          vs a bare window listing them   (<= 2x)
  2. adding one durable note                  vs a bare sqlite3 INSERT+COMMIT (<= 2x)
  3. opening a 5,000-note board               vs a bare QListView of 5,000    (<= 1.5x)
  4. adding a note with 5,000 on the board    vs the floor of 2               (< 100 ms)
  5. tallying a round of 100,000 dots         vs one bare sqlite3 GROUP BY    (<= 2x)
  7. importing 20,000 notes (.txt; CSV, 50 clusters) vs a bare executemany    (<= 3x)
  8. importing a 5,000-person register        vs a bare executemany           (<= 3x)
  9. `workshop-app workshops --json`          vs a bare sqlite3-and-json script (<= 3x)

These are figures, not tests: the script always exits 0.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import argparse
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import traceback
from pathlib import Path

from bench_board import bench_board
from bench_insert import bench_insert, profile_insert
from bench_startup import bench_cli_list, bench_startup, profile_startup
from bench_tally import bench_close_to_results, bench_tally
from common import Config, Result, log


def fs_type(path: Path) -> str:
    try:
        out = subprocess.run(
            ["df", "-T", str(path)], capture_output=True, text=True, timeout=10
        ).stdout.splitlines()
        return out[1].split()[1] if len(out) > 1 else "?"
    except (OSError, subprocess.SubprocessError, IndexError):
        return "?"


def print_environment(tmp: Path) -> None:
    import PySide6
    import sqlalchemy
    from PySide6.QtCore import qVersion

    print("Workshop App benchmarks")
    print(f"  Python      {platform.python_version()} ({sys.executable})")
    print(f"  PySide6     {PySide6.__version__} (Qt {qVersion()})")
    print(f"  SQLAlchemy  {sqlalchemy.__version__}")
    print(f"  SQLite      {sqlite3.sqlite_version}")
    print(f"  CPUs        {os.cpu_count()}")
    print(f"  Platform    {platform.platform()}")
    print(f"  Qt platform {os.environ.get('QT_QPA_PLATFORM', '(default)')}")
    print(f"  Temp dir    {tmp} ({fs_type(tmp)})")
    print()


def print_table(results: list[Result]) -> None:
    headers = ("measure", "ours (ms)", "floor (ms)", "ratio", "target", "met")
    rows = []
    for r in results:
        rows.append(
            (
                r.name,
                "error" if r.ours_ms is None else f"{r.ours_ms:.2f}",
                "error" if r.floor_ms is None else f"{r.floor_ms:.2f}",
                "-" if r.ratio is None else f"{r.ratio:.2f}x",
                r.target,
                "?" if r.met is None else ("yes" if r.met else "NO"),
            )
        )
    widths = [max([len(h)] + [len(row[i]) for row in rows]) for i, h in enumerate(headers)]
    align = ("<", ">", ">", ">", "<", "<")

    def line(cells: tuple[str, ...]) -> str:
        return (
            "| "
            + " | ".join(f"{c:{a}{w}}" for c, a, w in zip(cells, align, widths, strict=True))
            + " |"
        )

    print(line(headers))
    print(
        "|"
        + "|".join(
            ("-" * (w + 1) + ":" if a == ">" else "-" * (w + 2))
            for a, w in zip(align, widths, strict=True)
        )
        + "|"
    )
    for row in rows:
        print(line(row))
    for r in results:
        if r.error:
            print(f"\n{r.name}: {r.error}")


def bench_imports(cfg: Config, tmp: Path) -> list[Result]:
    """Rows 7 and 8 (benchmarks/bench_imports.py): each import against a bare executemany of
    the same rows into the same schema."""
    import bench_imports as imports

    rows = []
    for clustered, label in ((False, ".txt"), (True, "CSV, 50 clusters")):
        ours, floor = imports.bench_notes_import(tmp, cfg.board_reps, clustered)
        rows.append(Result(f"7. Import 20,000 notes ({label})", ours, floor, "<= 3x", None))
    ours, floor = imports.bench_register_import(tmp, cfg.board_reps)
    rows.append(Result("8. Import 5,000 participants", ours, floor, "<= 3x", None))
    for row in rows:
        row.met = row.ratio is not None and row.ratio <= 3.0
    return rows


def failed(name: str, target: str) -> Result:
    return Result(name, None, None, target, None, traceback.format_exc(limit=-4))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--profile", action="store_true", help="print cProfile hot spots")
    args = parser.parse_args(argv)
    if args.quick:
        cfg = Config(3, 4, 15, 3, 10, 5, args.profile)
    else:
        cfg = Config(7, 10, 30, 7, 30, 15, args.profile)

    tmp = Path(tempfile.mkdtemp(prefix="workshop-bench-"))
    results: list[Result] = []
    profiles: dict[str, str] = {}
    try:
        print_environment(tmp)
        log("1. cold start…")
        try:
            results.extend(bench_startup(cfg, tmp))
            results.append(bench_cli_list(cfg, tmp))
            if cfg.profile:
                profiles["1. start-up (ours, real entry point)"] = profile_startup(tmp)
        except Exception:
            results.append(failed("1. Start (real entry point) to window shown", "<= 1.3x"))
        log("2. adding one durable note…")
        insert_floor: float | None = None
        try:
            result, insert_floor = bench_insert(cfg, tmp)
            results.append(result)
            if cfg.profile:
                profiles["2. add note"] = profile_insert(tmp)
        except Exception:
            results.append(failed("2. Add one durable note", "<= 2x"))
        log("3/4. the 5,000-note board…")
        try:
            board_results, board_profiles = bench_board(cfg, tmp, insert_floor)
            results.extend(board_results)
            profiles.update(board_profiles)
        except Exception:
            results.append(failed("3. Open a 5,000-note board", "<= 1.5x"))
        log("5. tallying a round of 100,000 dots…")
        try:
            tally, tally_profiles = bench_tally(cfg, tmp)
            results.append(tally)
            profiles.update(tally_profiles)
        except Exception:
            results.append(failed("5. Tally a round of 100,000 dots", "<= 2x"))
        log("6. closing that round to the results view…")
        try:
            tally_floor = next((r.floor_ms for r in results if r.name.startswith("5.")), None)
            results.append(bench_close_to_results(cfg, tmp, tally_floor))
        except Exception:
            traceback.print_exc()
            results.append(failed("6. Close a 100,000-dot round to results shown", "(info)"))
        log("7/8. imports against a bare executemany…")
        try:
            results.extend(bench_imports(cfg, tmp))
        except Exception:
            results.append(failed("7. Import 20,000 notes", "<= 3x"))
        print_table(results)
        print()
        print("Medians; each floor is measured in the same run, interleaved with ours.")
        print("Row 4's floor is row 2's bare sqlite3 INSERT + COMMIT; its target is absolute.")
        print("Row 6's floor is row 5's bare GROUP BY, for reference; it has no target.")
        for name, text in profiles.items():
            print(f"\n=== profile: {name} ===\n{text}")
    except Exception:
        traceback.print_exc()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    code = main()
    # Skip Qt's teardown at exit (offscreen widgets may already be gone); the figures are out.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
