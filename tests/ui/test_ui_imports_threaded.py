"""Imports run off the main thread: while notes or a sign-up list are being saved the window
keeps answering (timers fire, it repaints), a progress dialog shows, Cancel saves nothing, and
a finished import is still one Ctrl+Z."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from test_ui_participants import open_register
from ui_helpers import live_count, sql

from workshop_app.core import notes_io, participants_io
from workshop_app.ui.main_window import MainWindow

SHOTS = Path("/tmp/hub-export")


class Gate:
    """Holds a core import function on the worker thread until the test lets it go."""

    def __init__(self, real: Callable[..., Any]) -> None:
        self.real = real
        self.entered = threading.Event()
        self.release = threading.Event()
        self.thread: threading.Thread | None = None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.thread = threading.current_thread()
        self.entered.set()
        assert self.release.wait(10), "the test never released the import"
        return self.real(*args, **kwargs)

    def __enter__(self) -> Gate:
        return self

    def __exit__(self, *_exc: object) -> None:
        # Let go even when the test failed: pytest-qt closes the window next, and closing
        # waits for the import.
        self.release.set()


@pytest.fixture
def gates(board_window, monkeypatch) -> Iterator[Callable[[Any, str], Gate]]:
    """gate(module, name): hold that core function; always let go before the window closes."""
    made: list[Gate] = []

    def make(module: Any, name: str) -> Gate:
        g = Gate(getattr(module, name))
        monkeypatch.setattr(module, name, g)
        made.append(g)
        return g

    yield make
    for g in made:
        g.release.set()
    job = board_window.notes_files.job
    if job is not None:
        job.wait()
        QApplication.processEvents()  # its end is told while the window is still open


@pytest.fixture(autouse=True)
def said(board_window, monkeypatch) -> list[str]:
    """What the window would say in a message box (a modal box would stop the test)."""
    shown: list[str] = []
    monkeypatch.setattr(board_window, "show_error", shown.append)
    return shown


@pytest.fixture
def ticks() -> Iterator[list[float]]:
    """When a 10 ms timer on the main thread fired: it only fires while the window answers."""
    fired: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: fired.append(time.monotonic()))
    timer.start()
    yield fired
    timer.stop()


def progress_dialog(w) -> QProgressDialog:
    shown = [d for d in w.findChildren(QProgressDialog) if d.isVisible()]
    assert shown, "no progress dialog is showing"
    return shown[0]


def notes_file(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "notes.txt"
    path.write_text(
        "\n".join(f"Note {i}: the bus to Llanidloes stops too early" for i in range(n)),
        encoding="utf-8",
    )
    return path


def wait_entered(qtbot, gate: Gate) -> None:
    qtbot.waitUntil(gate.entered.is_set, timeout=10000)


def test_notes_import_saves_on_a_worker_while_the_window_answers(
    qtbot, board_window: MainWindow, tmp_path, gates, ticks
) -> None:
    w = board_window
    with gates(notes_io, "import_notes") as gate:
        outcome: list[bool] = []
        w.notes_files.start_import(
            notes_file(tmp_path, 3000), confirm=False, finished=outcome.append
        )
        wait_entered(qtbot, gate)
        assert gate.thread is not threading.main_thread()
        # The import is held mid-way; the window still processes events and paints.
        before = len(ticks)
        qtbot.waitUntil(lambda: len(ticks) >= before + 5, timeout=3000)
        qtbot.waitUntil(lambda: progress_dialog_visible(w), timeout=3000)
        dialog = progress_dialog(w)  # shown after a moment, with a bar and Cancel
        assert (
            "Adding 3,000 notes" in dialog.labelText() or "Adding 3000 notes" in dialog.labelText()
        )
        SHOTS.mkdir(parents=True, exist_ok=True)
        w.grab().save(str(SHOTS / "notes-import-progress-window.png"))
        dialog.grab().save(str(SHOTS / "notes-import-progress.png"))
        assert not outcome and live_count(w.db) == 0
        gate.release.set()
        qtbot.waitUntil(lambda: bool(outcome), timeout=10000)
        assert outcome == [True]
        assert live_count(w.db) == 3000
        assert "Imported 3,000 notes" in w.statusBar().currentMessage() or (
            "Imported 3000 notes" in w.statusBar().currentMessage()
        )
        assert not progress_dialog_visible(w)
        # Still one step to undo.
        assert w.session.undo_stack.count() == 1
        w.session.undo()
        assert live_count(w.db) == 0


def progress_dialog_visible(w) -> bool:
    return any(d.isVisible() for d in w.findChildren(QProgressDialog))


def test_cancel_during_a_notes_import_saves_nothing(
    qtbot, board_window: MainWindow, tmp_path, gates
) -> None:
    w = board_window
    with gates(notes_io, "import_notes") as gate:
        outcome: list[bool] = []
        w.notes_files.start_import(
            notes_file(tmp_path, 500), confirm=False, finished=outcome.append
        )
        wait_entered(qtbot, gate)
        qtbot.waitUntil(lambda: progress_dialog_visible(w), timeout=3000)
        job = w.notes_files.job
        assert job is not None and job.cancel_button is not None
        job.cancel_button.click()
        gate.release.set()
        qtbot.waitUntil(lambda: bool(outcome), timeout=10000)
        assert outcome == [False]
        assert live_count(w.db) == 0
        assert w.session.undo_stack.count() == 0
        assert "Import cancelled: no notes were added." in w.statusBar().currentMessage()


def test_a_big_notes_import_never_freezes_the_window(
    qtbot, board_window: MainWindow, tmp_path, ticks
) -> None:
    w = board_window
    n = 20_000  # the most one file may hold
    path = notes_file(tmp_path, n)
    outcome: list[bool] = []
    started = time.monotonic()
    w.notes_files.start_import(path, confirm=False, finished=outcome.append)
    first = len(ticks)
    qtbot.waitUntil(lambda: bool(outcome), timeout=60000)
    took = time.monotonic() - started
    assert outcome == [True] and live_count(w.db) == n
    during = [started, *ticks[first:]]
    longest = max(b - a for a, b in itertools.pairwise(during))
    # The main thread kept turning: no pause near the length of the import itself.
    assert len(during) > 5
    assert longest < max(0.5, took / 2), (longest, took)


SIGN_UP = "name,email,take_part,contact,quote\r\n" + "".join(
    f"Person {i},p{i}@example.org,yes,yes,no\r\n" for i in range(400)
)


def test_sign_up_list_saves_on_a_worker_while_the_window_answers(
    qtbot, board_window: MainWindow, tmp_path, gates, ticks
) -> None:
    w = board_window
    with gates(participants_io, "import_participants") as gate:
        path = tmp_path / "sign-up.csv"
        path.write_text(SIGN_UP, encoding="utf-8")
        register = open_register(qtbot, w)
        preview = register.import_from(path)
        assert preview is not None
        qtbot.waitUntil(preview.isVisible)
        preview.import_button.click()
        wait_entered(qtbot, gate)
        assert gate.thread is not threading.main_thread()
        before = len(ticks)
        qtbot.waitUntil(lambda: len(ticks) >= before + 5, timeout=3000)
        qtbot.waitUntil(lambda: progress_dialog_visible(preview), timeout=3000)
        dialog = progress_dialog(preview)
        assert "Adding 400 participants" in dialog.labelText()
        dialog.grab().save(str(SHOTS / "sign-up-import-progress.png"))
        assert not preview.import_button.isEnabled()  # no second import meanwhile
        gate.release.set()
        qtbot.waitUntil(lambda: not preview.isVisible(), timeout=10000)
        assert sql(w.db, "SELECT count(*) AS n FROM participants")[0]["n"] == 400
        assert "Imported 400 participants" in register.message.text()
        QApplication.processEvents()


def test_cancel_during_a_sign_up_import_saves_nobody(
    qtbot, board_window: MainWindow, tmp_path, gates
) -> None:
    w = board_window
    with gates(participants_io, "import_participants") as gate:
        path = tmp_path / "sign-up.csv"
        path.write_text(SIGN_UP, encoding="utf-8")
        register = open_register(qtbot, w)
        preview = register.import_from(path)
        assert preview is not None
        qtbot.waitUntil(preview.isVisible)
        preview.import_button.click()
        wait_entered(qtbot, gate)
        qtbot.waitUntil(lambda: progress_dialog_visible(preview), timeout=3000)
        preview.job.cancel_button.click()
        gate.release.set()
        qtbot.waitUntil(lambda: preview.job is None, timeout=10000)
        assert preview.isVisible()  # still there to try again
        assert "Import cancelled: nobody was added." in preview.message.text()
        assert preview.import_button.isEnabled()
        assert sql(w.db, "SELECT count(*) AS n FROM participants")[0]["n"] == 0
