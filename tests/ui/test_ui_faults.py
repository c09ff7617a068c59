"""Faults in the app window (issue 9): a failure to open is shown whatever its type, and an
unexpected error is caught, logged and told in one dialog."""

from __future__ import annotations

import pytest

from workshop_app.store.database import Database
from workshop_app.ui.main_window import MainWindow


def test_any_failure_to_open_is_shown_not_left_opening(
    qtbot, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_data_dir):
        raise ValueError("relative path can't be expressed as a file URI")

    monkeypatch.setattr(Database, "open", broken)
    w = MainWindow()
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.failed, timeout=5_000) as signal:
        w.show()
        w.open_after_first_paint(tmp_path / "data")
    message = signal.args[0]
    assert "\n" not in message
    assert "file URI" in message and str(tmp_path / "data") in message


def _raise_and_catch() -> tuple[type[BaseException], BaseException, object]:
    try:
        raise RuntimeError("a slot went wrong")
    except RuntimeError as exc:
        return type(exc), exc, exc.__traceback__


def test_an_unexpected_error_is_logged_and_told_once(qtbot, tmp_path) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from workshop_app.ui.app import install_crash_handler

    data = tmp_path / "data"
    data.mkdir()
    hook = install_crash_handler(data)
    try:
        hook(*_raise_and_catch())
        hook(*_raise_and_catch())  # a second error while the first is shown: no second box
        boxes = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()
        ]
        assert len(boxes) == 1
        text = boxes[0].text()
        log = data / "logs" / "workshop-app.log"
        assert "lost" in text and str(log) in text
        assert log.exists()
        logged = log.read_text(encoding="utf-8")
        assert "a slot went wrong" in logged and "Traceback" in logged
        boxes[0].close()
    finally:
        hook.uninstall()
