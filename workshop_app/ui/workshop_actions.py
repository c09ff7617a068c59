"""The home screen's workshop actions: the demo, a new workshop, its details, archiving. Each
runs through the session and says a refusal in the window that asked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workshop_app.errors import AppError

if TYPE_CHECKING:
    from workshop_app.ui.main_window import MainWindow


def open_demo(w: MainWindow) -> None:
    from workshop_app.core.operations import workshops as ops

    try:
        info = w.session.run(ops.create_demo())
    except AppError as exc:
        w.show_error(exc.message)
        return
    w.open_workshop(info.id)


def new_workshop(w: MainWindow) -> None:
    from workshop_app.core.operations import workshops as ops
    from workshop_app.ui.workshop_dialog import WorkshopDialog

    dialog = WorkshopDialog(parent=w)
    w.workshop_dialog = dialog
    while dialog.exec():
        fields, template = dialog.fields(), dialog.template_id()
        try:
            info = w.session.run(ops.create_workshop(fields, template))
        except AppError as exc:
            dialog.show_error(exc.message)
            continue
        w.open_workshop(info.id)
        return


def edit_workshop(w: MainWindow, workshop_id: str) -> None:
    from workshop_app.core.operations import workshops as ops
    from workshop_app.ui.workshop_dialog import WorkshopDialog

    try:
        info = w.session.read(ops.get_workshop(workshop_id))
    except AppError as exc:
        w.show_error(exc.message)
        return
    dialog = WorkshopDialog(info, parent=w)
    w.workshop_dialog = dialog
    while dialog.exec():
        try:
            w.session.run(ops.update_workshop(workshop_id, dialog.fields()))
        except AppError as exc:
            dialog.show_error(exc.message)
            continue
        break
    if w.board is not None:
        w.setWindowTitle(w.tr("%s — Workshop App") % w.board_model.board.workshop.title)
    if w.pages.currentWidget() is w.home:
        w.refresh_home()


def archive_workshop(w: MainWindow, workshop_id: str, archived: bool) -> None:
    from workshop_app.core.operations import workshops as ops

    try:
        w.session.run(ops.set_archived(workshop_id, archived))
    except AppError as exc:
        w.show_error(exc.message)
    w.refresh_home()
