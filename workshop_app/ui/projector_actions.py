"""View-menu actions for the projector window: closing it from the facilitator's screen, and
its keys where the facilitator can read them (the projector itself shows no controls)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

HIGH_CONTRAST_KEY = "projector/highContrast"  # QSettings: the room's choice, kept


def projector_keys_text(window: QMainWindow) -> str:
    return window.tr(
        "On the projector (no buttons are shown to the room): 1–9 one theme alone, "
        "0 every theme, ← → step through the themes, Ctrl++ / Ctrl+− / Ctrl+0 text size, "
        "F11 full screen, Esc back to the whole board, H high contrast, F1 these keys."
    )


def install_projector_actions(window: Any) -> QAction:
    """View > Close projector window (enabled while the projector is open), and the projector's
    keys in the tooltip of View > Projector window (the status line is too short for them)."""
    keys = projector_keys_text(window)
    opener: QAction | None = getattr(window, "act_projector", None)
    if opener is not None:
        opener.setToolTip(keys)
        opener.setStatusTip(
            window.tr("The board in large type for the room; F1 on it lists its keys.")
        )
    menu = window.view_menu
    menu.setToolTipsVisible(True)
    close = QAction(window.tr("&Close projector window"), window)
    close.setObjectName("closeProjector")
    close.setStatusTip(window.tr("Takes the board off the room's screen."))

    def projector_open() -> bool:
        projector = getattr(window, "projector", None)
        return projector is not None and projector.isVisible()

    def close_projector() -> None:
        if projector_open():
            window.projector.close()
        close.setEnabled(False)

    close.triggered.connect(close_projector)
    menu.aboutToShow.connect(lambda: close.setEnabled(projector_open()))
    close.setEnabled(False)
    actions = menu.actions()
    if opener is not None and opener in actions:
        at = actions.index(opener) + 1
        menu.insertAction(actions[at] if at < len(actions) else None, close)
    else:
        menu.addAction(close)
    window.act_close_projector = close
    _install_high_contrast(window, menu)
    return close


def _install_high_contrast(window: Any, menu: Any) -> None:
    action = QAction(window.tr("&High-contrast projector"), window, checkable=True)
    action.setObjectName("highContrastProjector")
    action.setStatusTip(window.tr("White text on black on the projector, for a bright room."))

    def sync() -> None:
        action.setChecked(bool(QSettings().value(HIGH_CONTRAST_KEY, False, type=bool)))

    def toggled(on: bool) -> None:
        projector = getattr(window, "projector", None)
        if projector is not None:
            projector.set_high_contrast(on)
        else:
            QSettings().setValue(HIGH_CONTRAST_KEY, on)

    sync()
    menu.aboutToShow.connect(sync)
    action.triggered.connect(toggled)
    menu.addAction(action)
    window.act_high_contrast = action
