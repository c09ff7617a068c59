"""The package as a user installs it: a wheel built from the tree, in a fresh virtual
environment, away from the checkout, must carry its own resources and migrations."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _build_wheel(tmp_path: Path) -> Path:
    # Built from a copy so the build leaves nothing behind in the checkout.
    src = tmp_path / "src"
    shutil.copytree(
        REPO / "workshop_app",
        src / "workshop_app",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, src / name)
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(src)],
        check=True,
        capture_output=True,
        text=True,
    )
    (wheel,) = dist.glob("workshop_app-*.whl")
    return wheel


def _fresh_env(tmp_path: Path, wheel: Path) -> Path:
    env_dir = tmp_path / "fresh"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        text=True,
    )
    # The dependencies come from the test environment's site-packages, read as a plain path:
    # its .pth files (the editable install of this checkout among them) are not processed.
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    (Path(purelib) / "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return python


def test_installed_wheel_creates_the_demo_from_its_own_resources(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    python = _fresh_env(tmp_path, wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    data = elsewhere / "data"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(python), "-m", "workshop_app", "--data-dir", str(data), *args],
            cwd=elsewhere,
            capture_output=True,
            text=True,
            timeout=120,
        )

    where = subprocess.run(
        [str(python), "-c", "import workshop_app; print(workshop_app.__file__)"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert str(tmp_path / "fresh") in where, f"imported from the checkout, not the wheel: {where}"

    made = run("demo")
    assert made.returncode == 0, made.stderr
    listed = run("workshops", "--json")
    assert listed.returncode == 0, listed.stderr
    (workshop,) = json.loads(listed.stdout)["workshops"]
    # The building-blocks template comes from package data: four themes and the parking lot.
    assert workshop["counts"]["themes"] == 5
    assert workshop["counts"]["notes"] == 40
