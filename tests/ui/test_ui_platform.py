"""Platform guards: PySide6 must not leak references to None (PySide6 6.12.0 on CPython 3.11
does, one per void Qt call, until the interpreter dies: see shared/PLATFORM.md)."""

from __future__ import annotations

import sys

import PySide6
from PySide6.QtWidgets import QLabel


def test_void_qt_calls_do_not_leak_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    for i in range(200):  # warm up caches first
        label.setText(str(i))
    before = sys.getrefcount(None)
    for _ in range(20_000):
        label.setText("Buses every 30 minutes")
    after = sys.getrefcount(None)
    lost = before - after
    assert lost <= 100, (
        f"PySide6 {PySide6.__version__} on Python {sys.version.split()[0]} lost {lost} "
        "references to None over 20,000 QLabel.setText calls: pin PySide6 below 6.12 on "
        "Python < 3.12"
    )
    assert label.text() == "Buses every 30 minutes"


def test_pinned_pyside_is_not_the_leaking_release():
    if sys.version_info < (3, 12):
        major, minor = (int(p) for p in PySide6.__version__.split(".")[:2])
        assert (major, minor) < (6, 12), PySide6.__version__
