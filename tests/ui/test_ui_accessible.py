"""Every control on every screen has an accessible name and a description (issue "Ship it to
every facilitator", point 6); the walker itself is shown to catch a control without them."""

from __future__ import annotations

import pytest
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


def _dialogs(w):
    """Every other window a facilitator meets, opened on the demo workshop."""
    from workshop_app.ui.about_dialog import AboutDialog
    from workshop_app.ui.hub_window import HubWindow
    from workshop_app.ui.shortcuts_dialog import ShortcutsDialog
    from workshop_app.ui.workshop_dialog import WorkshopDialog

    board = w.board
    view = board.columns[1].view
    board._current_view = view
    view.setCurrentIndex(view.model().index(0, 0))
    board.open_narrative()
    yield "narrative editor", board.narrative_editor
    view.setCurrentIndex(view.model().index(0, 0))
    board.open_outcomes()
    yield "outcomes", board.outcomes_dialog
    w.show_participants()
    yield "participant form", w.participants.add()
    w.participants.reject()
    w.act_timer.trigger()
    yield "timer", w.timer_dialog()
    yield "workshop details", WorkshopDialog(None, w)
    yield "about", AboutDialog(w.db.data_dir, w)
    yield "keyboard shortcuts", ShortcutsDialog(w)
    yield "hub", HubWindow(f"sqlite:///{w.db.data_dir / 'hub.sqlite'}")


def test_every_other_window(qtbot, demo_window):
    problems = []
    for name, widget in _dialogs(demo_window):
        widget.show()
        problems += [f"{name}: {p}" for p in unnamed_controls(widget)]
        widget.close()
    assert problems == [], "\n".join(problems)
