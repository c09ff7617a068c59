"""Every window a facilitator meets besides the main window and the board, opened on an open
workshop, for the tests that walk every screen (names, descriptions, translation)."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QWidget


def other_windows(w) -> Iterator[tuple[str, QWidget]]:  # type: ignore[no-untyped-def]
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
    from workshop_app.core.operations import voting as voting_ops
    from workshop_app.ui.voter_screen import VoterScreen

    rounds = w.session.read(voting_ops.list_rounds(w.session.workshop_id))
    open_round = next(r for r in rounds if r.status == "open")
    screen = VoterScreen(w.session, open_round)
    yield "voter's screen", screen
    screen.leave()
