"""The Settings and Help menus: the language, the About box and the list of shortcuts."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QProcess
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox

from workshop_app import i18n
from workshop_app.ui.translation import choose_language, chosen_language

if TYPE_CHECKING:
    from workshop_app.ui.main_window import MainWindow


def install_help_menu(window: MainWindow, menu: QMenu | None = None) -> None:
    """Help > Keyboard shortcuts (F1) and Help > About, at the end of the menu bar."""
    menu = menu or window.menuBar().addMenu(window.tr("&Help"))
    shortcuts = QAction(window.tr("&Keyboard shortcuts"), window)
    shortcuts.setObjectName("keyboardShortcuts")
    if window.db is None:  # given with the others once the folder opens: see MainWindow._add
        window._shortcuts.append((shortcuts, QKeySequence.StandardKey.HelpContents))
    else:
        shortcuts.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    shortcuts.triggered.connect(lambda: _show_shortcuts(window))
    about = QAction(window.tr("&About Workshop App"), window)
    about.setObjectName("about")
    about.triggered.connect(lambda: _show_about(window))
    menu.addAction(shortcuts)
    menu.addAction(about)


def install_language_menu(window: MainWindow, settings: QMenu | None = None) -> None:
    """Settings > Language: follow the system, English or Cymraeg; used from the next start."""
    settings = settings or window.menuBar().addMenu(window.tr("&Settings"))
    menu = settings.addMenu(window.tr("&Language"))
    group = QActionGroup(window)
    current = chosen_language()
    choices: list[tuple[str | None, str]] = [(None, window.tr("Follow the system"))]
    choices += list(i18n.LANGUAGES.items())
    for code, label in choices:
        action = QAction(label, window, checkable=True)
        action.setObjectName(f"language-{code or 'system'}")
        action.setChecked(code == current)
        action.triggered.connect(lambda _=False, code=code: _switch(window, code))
        group.addAction(action)
        menu.addAction(action)


# The dialogs are imported when first asked for: the menu is built before the first paint.
def _show_shortcuts(window: MainWindow) -> None:
    from workshop_app.ui.shortcuts_dialog import ShortcutsDialog

    ShortcutsDialog(window).exec()


def _show_about(window: MainWindow) -> None:
    from workshop_app.ui.about_dialog import AboutDialog

    AboutDialog(_data_dir(window), window).exec()


def _data_dir(window: MainWindow):  # type: ignore[no-untyped-def]
    return getattr(window.db, "data_dir", None)


def _switch(window: MainWindow, language: str | None) -> None:
    choose_language(language)
    name = i18n.LANGUAGES.get(language or i18n.system_language(), "English")
    answer = QMessageBox.question(
        window,
        window.tr("Language"),
        window.tr("Workshop App will use %1 from its next start. Restart it now?").replace(
            "%1", name
        ),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
    )
    if answer == QMessageBox.StandardButton.Yes and window.close():
        # Everything is saved as it is typed; closing also keeps any draft for the new start.
        QProcess.startDetached(sys.executable, sys.argv[1:] if _frozen() else sys.argv)


def _frozen() -> bool:
    return bool(getattr(sys, "frozen", False))
