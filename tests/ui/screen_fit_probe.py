"""Run in a fresh process by test_ui_screen_fit.py, on an offscreen screen of a given size and
scale: opens every window and dialog of the demo workshop and prints one line for each that
does not fit the screen (its frame beyond the available area, or a minimum size larger than
it). Prints FITS when everything fits."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QWidget


def main() -> int:
    from workshop_app.core.demo import create_demo_workshop
    from workshop_app.store.database import Database
    from workshop_app.ui.app import make_app
    from workshop_app.ui.main_window import MainWindow

    app = make_app([sys.argv[0]])
    db = Database.open(Path(tempfile.mkdtemp()) / "data")
    info = db.run(create_demo_workshop)
    w = MainWindow(db)
    w.show()
    w.open_workshop(info.id)
    app.processEvents()
    room = app.primaryScreen().availableGeometry()
    problems: list[str] = []

    def check(name: str, widget: QWidget) -> None:
        widget.show()
        app.processEvents()
        frame = widget.frameGeometry()
        need = widget.minimumSizeHint()
        if frame.width() > room.width() or frame.height() > room.height():
            problems.append(f"{name}: opens {frame.width()}x{frame.height()}")
        elif not room.contains(frame):
            problems.append(f"{name}: opens partly off the screen at {frame.x()},{frame.y()}")
        if need.height() > room.height() or need.width() > room.width():
            problems.append(f"{name}: cannot be smaller than {need.width()}x{need.height()}")

    check("main window", w)
    w.show_participants()
    check("participants", w.participants)
    check("participant form", w.participants.add())
    w.participants.form.reject()
    w.participants.reject()
    w.show_reach()
    check("equality and reach", w.reach)
    w.reach.reject()
    w.show_voting()
    check("voting", w.voting)
    w.voting.new_round()
    if w.voting.setup_dialog is not None:
        check("new voting round", w.voting.setup_dialog)
        w.voting.setup_dialog.reject()
    w.voting.reject()
    board = w.board
    view = board.columns[1].view
    board._current_view = view  # as the keyboard focus going into the column leaves it
    view.setCurrentIndex(view.model().index(0, 0))
    board.open_narrative()
    if board.narrative_editor is not None:
        check("narrative editor", board.narrative_editor)
        board.narrative_editor.close()
    view.setCurrentIndex(view.model().index(0, 0))
    board.open_outcomes()
    if board.outcomes_dialog is not None:
        check("outcomes", board.outcomes_dialog)
        board.outcomes_dialog.close()
    from workshop_app.ui.about_dialog import AboutDialog
    from workshop_app.ui.shortcuts_dialog import ShortcutsDialog
    from workshop_app.ui.workshop_dialog import WorkshopDialog

    check("about", AboutDialog(db.data_dir, w))
    check("keyboard shortcuts", ShortcutsDialog(w))
    check("workshop details", WorkshopDialog(None, w))
    w.act_timer.trigger()
    check("timer", w.timer_dialog())
    from workshop_app.ui.hub_window import HubWindow

    check("hub", HubWindow(f"sqlite:///{db.data_dir / 'hub.sqlite'}"))
    w.show_projector()
    check("projector", w.projector)
    print("\n".join(problems) if problems else "FITS")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.exit(main())
