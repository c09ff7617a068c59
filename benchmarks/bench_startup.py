"""Measures 1 and 9: starting the app and listing workshops from the command line."""

from __future__ import annotations

import compileall
import os
import pstats
import subprocess
import sys
import time
from pathlib import Path

from common import (
    CHILD,
    ROOT,
    Config,
    Result,
    format_profile,
    log,
    make_workshop_db,
    median_ms,
    spread,
)


def byte_compile_app() -> None:
    """An installed app runs from bytecode (pip and PyInstaller compile it); where
    PYTHONDONTWRITEBYTECODE is set, as on some CI machines, a start from the source tree would
    compile every module each time, and that is not what a facilitator waits for."""
    compileall.compile_dir(ROOT / "workshop_app", quiet=1)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    env.pop("WORKSHOP_BENCH_PROFILE", None)
    return env


def run_child(args: list[str], env: dict[str, str]) -> dict[str, float]:
    """Seconds from spawning a process to each moment it reports ("shown", "home", "ready").
    args[0] "app" starts the app through its real entry point, as a person's click does."""
    if args[0] == "app":
        command = [sys.executable, "-m", "workshop_app", "--data-dir", args[1], "--smoke-test"]
        env = {**env, "WORKSHOP_SMOKE_STAMPS": "1"}
    else:
        command = [sys.executable, str(CHILD), *args]
    start = time.time()
    proc = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0 or not proc.stdout.strip():
        raise RuntimeError(f"start-up child {args[0]} failed: {proc.stderr.strip()[-500:]}")
    moments = {}
    for line in proc.stdout.split("\n"):
        key, _, stamp = line.partition(" ")
        try:
            moments[key] = float(stamp) - start
        except ValueError:
            continue  # the smoke test's own closing line
    return moments


def bench_startup(cfg: Config, tmp: Path) -> list[Result]:
    data_dir = tmp / "startup-data"
    db, _, _ = make_workshop_db(data_dir, "Start-up workshop")
    db.close()
    byte_compile_app()
    env = child_env()
    runs = {"bare": ["bare"], "list": ["bare-list", str(data_dir)], "app": ["app", str(data_dir)]}
    for args in runs.values():  # untimed: the first start pays for the disk cache and .pyc files
        run_child(args, env)
    seen: dict[str, list[dict[str, float]]] = {name: [] for name in runs}
    for i in range(cfg.startup_reps):
        order = list(runs.items())
        for name, args in order if i % 2 == 0 else reversed(order):
            seen[name].append(run_child(args, env))
    shown = [m["shown"] for m in seen["app"]]
    home = [m["home"] for m in seen["app"]]
    ready = [m["ready"] for m in seen["app"]]
    bare_shown = [m["shown"] for m in seen["bare"]]
    list_shown = [m["shown"] for m in seen["list"]]
    log(f"  start-up ours, window painted:    {spread(shown)}")
    log(f"  start-up ours, workshops usable:  {spread(home)}")
    log(f"  start-up ours, store open:        {spread(ready)}")
    log(f"  floor, bare window painted:       {spread(bare_shown)}")
    log(f"  floor, bare list painted:         {spread(list_shown)}")
    first = Result(
        "1. Start (real entry point) to window shown",
        median_ms(shown),
        median_ms(bare_shown),
        "<= 1.3x",
        None,
    )
    first.met = first.ratio is not None and first.ratio <= 1.3
    usable = Result(
        "1b. ... to the workshop list usable", median_ms(home), median_ms(list_shown), "<= 2x", None
    )
    usable.met = usable.ratio is not None and usable.ratio <= 2.0
    opened = Result(
        "1c. ... to the store open", median_ms(ready), median_ms(list_shown), "(info)", None
    )
    return [first, usable, opened]


def bench_cli_list(cfg: Config, tmp: Path) -> Result:
    """`workshop-app workshops --json`, through the real entry point, against a bare script that
    reads the same rows with sqlite3 and prints them as JSON."""
    data_dir = tmp / "startup-data"
    byte_compile_app()
    bare = tmp / "bare_list.py"
    bare.write_text(
        "import json, sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1] + '/workshop.db')\n"
        "rows = conn.execute('SELECT id, title, starts_at FROM workshops')\n"
        "print(json.dumps([dict(zip(('id', 'title', 'starts_at'), r)) for r in rows]))\n"
    )
    env = child_env()
    ours_cmd = [sys.executable, "-m", "workshop_app", "--data-dir", str(data_dir)]
    ours_cmd += ["workshops", "--json"]
    bare_cmd = [sys.executable, str(bare), str(data_dir)]

    def once(command: list[str]) -> float:
        t0 = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True, timeout=60)
        return time.perf_counter() - t0

    once(ours_cmd), once(bare_cmd)
    ours: list[float] = []
    floor: list[float] = []
    for i in range(cfg.startup_reps * 2):
        pair = [(ours_cmd, ours), (bare_cmd, floor)]
        for command, out in pair if i % 2 == 0 else reversed(pair):
            out.append(once(command))
    log(f"  workshops --json ours:  {spread(ours)}")
    log(f"  workshops --json floor: {spread(floor)}")
    result = Result(
        "9. workshops --json (command line)", median_ms(ours), median_ms(floor), "<= 3x", None
    )
    result.met = result.ratio is not None and result.ratio <= 3.0
    return result


def profile_startup(tmp: Path) -> str:
    data_dir = tmp / "startup-data"
    out = tmp / "startup.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "workshop_app"]
    command += ["--data-dir", str(data_dir), "--smoke-test"]
    subprocess.run(command, cwd=ROOT, env=child_env(), capture_output=True, timeout=120)
    return format_profile(pstats.Stats(str(out)))
