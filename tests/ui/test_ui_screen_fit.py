"""Every window and dialog fits a 1366x768 laptop and 1280x720 at 125% scaling (1024x576 to
Qt): each is opened in a fresh process on an offscreen screen of that size (issue 8, point 11)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("screen_fit_probe.py")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(1366, 768, "1"), (1280, 720, "1.25")],
    ids=["1366x768", "1280x720@125%"],
)
def test_every_window_fits_the_laptop_screen(tmp_path, width, height, scale):
    config = tmp_path / "screen.json"
    screen = {"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96, "dpr": 1}]}))
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": scale,
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, str(PROBE)], capture_output=True, text=True, env=env, timeout=180
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "FITS", done.stdout


def test_theme_buttons_wrap_and_keep_their_numbers_on_a_narrow_window(qtbot, board_window):
    w = board_window
    w.resize(1000, 560)
    qtbot.wait(50)
    buttons = w.board.capture.theme_group.buttons()
    assert all(b.text()[0].isdigit() for b in buttons)
    for b in buttons:
        assert b.width() >= b.sizeHint().width(), f"{b.text()!r} is squeezed"
        assert w.board.capture.rect().contains(b.geometry()), f"{b.text()!r} is cut off"
    assert len({b.y() for b in buttons}) > 1, "the row wraps instead"
