"""The projector's keys: it shows the room no buttons, so everything it does is a key, listed
by F1 (and in the View menu's tooltip on the facilitator's screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from workshop_app.ui.projector import ProjectorWindow

ZOOM_STEP = 1.15


def install_keys(w: ProjectorWindow) -> None:
    table: list[tuple[list, object]] = [
        ([QKeySequence.StandardKey.ZoomIn, "Ctrl+="], lambda: w.set_zoom(w.zoom * ZOOM_STEP)),
        ([QKeySequence.StandardKey.ZoomOut], lambda: w.set_zoom(w.zoom / ZOOM_STEP)),
        (["Ctrl+0"], lambda: w.set_zoom(1.0)),
        (["F11"], w.toggle_full_screen),
        (["Esc"], w.escape),
        (["0", "A"], lambda: w.show_theme(None)),
        (["Right", "PgDown", "Space"], lambda: w.step_theme(1)),
        (["Left", "PgUp"], lambda: w.step_theme(-1)),
        (["F1", "?"], w.show_keys_help),
        (["H"], lambda: w.set_high_contrast(not w.high_contrast)),
    ]
    table += [([str(i + 1)], lambda _=False, i=i: w.show_theme(i)) for i in range(9)]
    w.letter_keys = []
    for keys, slot in table:
        action = QAction(w)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)  # type: ignore[arg-type]
        w.addAction(action)
        if any(k in ("A", "H") for k in keys):
            w.letter_keys.append(action)


def keys_help(_w: object = None) -> str:
    return QCoreApplication.translate(
        "ProjectorWindow",
        "Projector keys: 1–9 show one theme alone; 0 (or A) shows every theme; "
        "→ and ← step through the themes; Ctrl++ and Ctrl+− make the text larger or "
        "smaller than fits, Ctrl+0 fits the board again; F11 full screen; "
        "Esc goes back to the whole board, then leaves full screen; H switches high contrast "
        "(white on black); F1 shows these keys. With one screen, A and H are letters typed "
        "into a note, and View > High-contrast projector switches the contrast.",
    )
