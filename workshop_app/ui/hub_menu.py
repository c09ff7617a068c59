"""File > Open hub…: choose the programme hub (the hub.sqlite in this data folder, or a hub
file elsewhere) and open its window beside the workshop window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QPushButton, QWidget

from workshop_app.errors import AppError

if TYPE_CHECKING:
    from workshop_app.ui.hub_window import HubWindow


def install_hub_menu(window: QWidget, file_menu: QMenu) -> None:
    """Adds File > Open hub… to `window` (which has `db.data_dir` once its folder is open)."""
    action = QAction(window.tr("Open &hub…"), window)
    action.setObjectName("openHub")
    action.triggered.connect(lambda: open_hub(window))
    file_menu.addAction(action)


def _data_dir(window: QWidget) -> Path | None:
    db = getattr(window, "db", None)
    return getattr(db, "data_dir", None)


def choose_hub_url(window: QWidget) -> str | None:
    """The default hub (hub.sqlite in the data folder), or a hub file the person picks."""
    # Imported here, not at the top: the main window builds this menu before its first paint.
    from workshop_app.sync.hub_store import HUB_FILENAME, default_hub_url

    data_dir = _data_dir(window)
    box = QMessageBox(window)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(window.tr("Open hub"))
    box.setText(window.tr("Which programme hub?"))
    here: QPushButton | None = None
    if data_dir is not None:
        box.setInformativeText(
            window.tr(
                "This data folder's hub is %1. A programme team can also keep a hub "
                "file on a shared drive."
            ).replace("%1", str(data_dir / HUB_FILENAME))
        )
        here = box.addButton(window.tr("This folder's &hub"), QMessageBox.ButtonRole.AcceptRole)
    other = box.addButton(window.tr("&Choose a hub file…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(here or other)
    box.exec()
    clicked = box.clickedButton()
    if here is not None and clicked is here and data_dir is not None:
        return default_hub_url(Path(data_dir).resolve())
    if clicked is other:
        name, _ = QFileDialog.getSaveFileName(
            window,
            window.tr("Choose a hub file (a new name makes a new hub)"),
            str(data_dir / HUB_FILENAME) if data_dir else HUB_FILENAME,
            window.tr("Hub files (*.sqlite);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if name:
            return f"sqlite:///{Path(name).resolve()}"
    return None


def open_hub(window: QWidget, url: str | None = None) -> HubWindow | None:
    """Open (or bring forward) the hub window for `url`, chosen by the person when not given."""
    from workshop_app.ui.hub_window import HubWindow

    url = url or choose_hub_url(window)
    if url is None:
        return None
    existing: HubWindow | None = getattr(window, "_hub_window", None)
    if existing is not None and existing.url == url and existing.isVisible():
        existing.raise_()
        existing.activateWindow()
        return existing
    try:
        # A window of its own, not a child of the workshop window: an import it runs goes on
        # (and finishes its file) whatever happens to the workshop window.
        hub_window = HubWindow(url)
    except AppError as exc:
        QMessageBox.warning(window, window.tr("Open hub"), exc.message)
        return None
    window._hub_window = hub_window  # type: ignore[attr-defined]
    hub_window.show()
    hub_window.raise_()
    return hub_window
