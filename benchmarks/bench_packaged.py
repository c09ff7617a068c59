"""The built app against the same app from the virtual environment (issue "Ship it", item 2).

Prints, in one run: the installed size of the Linux build (target under 150 MB) and the time
from starting each to its home screen painted (`--smoke-test`, which exits once the workshop
list has painted), built over venv (target <= 1.5x). Both start as fresh processes on the same
data folder holding the demo workshop, interleaved, so a background job slows both.

Build first: `bash scripts/build-linux.sh` (or a CI run, which builds it). Usage, from the
repository root: .venv/bin/python benchmarks/bench_packaged.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILT = ROOT / "build" / "dist" / "workshop-app" / "workshop-app"
SIZE_TARGET_MB = 150
START_TARGET = 1.5


def folder_mb(folder: Path) -> float:
    total = sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() or p.is_symlink())
    return total / 1_000_000


def timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=120)
    elapsed = (time.perf_counter() - started) * 1000
    if result.returncode != 0 or "home screen painted" not in result.stdout:
        raise SystemExit(f"bench_packaged: {argv[0]} did not paint: {result.stderr.strip()[-300:]}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if not BUILT.exists():
        print("bench_packaged: no build found; run `bash scripts/build-linux.sh` first.")
        return 0
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        env["HOME"] = tmp
        subprocess.run(
            [str(BUILT), "--data-dir", str(data), "demo"], env=env, check=True, capture_output=True
        )
        built_argv = [str(BUILT), "--data-dir", str(data), "--smoke-test"]
        venv_argv = [sys.executable, "-m", "workshop_app", "--data-dir", str(data), "--smoke-test"]
        timed(built_argv, env), timed(venv_argv, env)  # untimed warm-up of both
        built, venv = [], []
        for i in range(args.runs):
            pair = [(built, built_argv), (venv, venv_argv)]
            for samples, argv in pair if i % 2 == 0 else reversed(pair):
                samples.append(timed(argv, env))
    size = folder_mb(BUILT.parent)
    built_ms, venv_ms = statistics.median(built), statistics.median(venv)
    ratio = built_ms / venv_ms
    print(f"{'measure':<46} {'ours':>10} {'floor':>10} {'ratio':>8}  target     met")
    print(
        f"{'Installed size of the Linux build (MB)':<46} {size:>10.1f} {'':>10} {'':>8}  "
        f"< {SIZE_TARGET_MB} MB  {'yes' if size < SIZE_TARGET_MB else 'NO'}"
    )
    print(
        f"{'Start to home painted: built / venv (ms)':<46} {built_ms:>10.1f} {venv_ms:>10.1f} "
        f"{ratio:>7.2f}x  <= {START_TARGET}x   {'yes' if ratio <= START_TARGET else 'NO'}"
    )
    print(
        f"  spread built {min(built):.0f}-{max(built):.0f} ms, venv {min(venv):.0f}-{max(venv):.0f}"
        f" ms, {args.runs} runs each",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
