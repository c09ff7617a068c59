"""Every control on every screen has an accessible name and a description (issue "Ship it to
every facilitator", point 6); the walker itself is shown to catch a control without them."""

from __future__ import annotations

from a11y import unnamed_controls
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QWidget

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_the_walker_catches_a_control_without_a_name_or_description(qtbot):
    host = QWidget()
    qtbot.addWidget(host)
    QLineEdit(host)
    named = QPushButton("Add note", host)
    host.show()
    found = unnamed_controls(host)
    assert any(p.startswith("no name: QLineEdit") for p in found)
    assert any("no description: QPushButton" in p for p in found)
    named.setToolTip("Saves what is typed as a note")
    assert not any("QPushButton" in p for p in unnamed_controls(host))


def test_board(qtbot, board_window):
    assert unnamed_controls(board_window) == [], "\n".join(unnamed_controls(board_window))
