"""Every control on every screen has an accessible name and a description (issue "Ship it to
every facilitator", point 6); the walker itself is shown to catch a control without them."""

from __future__ import annotations

import pytest
from a11y import unnamed_controls
from all_windows import other_windows
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


def test_home_screen(qtbot, window, workshop_id):
    w = window()
    assert unnamed_controls(w) == [], "\n".join(unnamed_controls(w))


def test_people_and_reach_dialogs(qtbot, board_window):
    w = board_window
    w.show_participants()
    assert unnamed_controls(w.participants) == [], "\n".join(unnamed_controls(w.participants))
    w.participants.reject()
    w.show_reach()
    assert unnamed_controls(w.reach) == [], "\n".join(unnamed_controls(w.reach))
    w.reach.reject()


def test_voting_window(qtbot, board_window):
    w = board_window
    w.show_voting()
    assert unnamed_controls(w.voting) == [], "\n".join(unnamed_controls(w.voting))


@pytest.fixture
def demo_window(qtbot, window, db):
    from workshop_app.core.demo import create_demo_workshop

    info = db.run(create_demo_workshop)
    w = window()
    w.open_workshop(info.id)
    return w


def test_every_other_window(qtbot, demo_window):
    problems = []
    for name, widget in other_windows(demo_window):
        widget.show()
        problems += [f"{name}: {p}" for p in unnamed_controls(widget)]
        widget.close()
    assert problems == [], "\n".join(problems)
