"""Help > About, Help > Keyboard shortcuts and Settings > Language, as a facilitator finds them."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from workshop_app import __version__, i18n
from workshop_app.ui import help_menu
from workshop_app.ui.about_dialog import AboutDialog
from workshop_app.ui.help_menu import install_help_menu, install_language_menu
from workshop_app.ui.shortcuts_dialog import shortcut_rows


def test_about_names_the_version_the_data_folder_and_the_lgpl(qtbot, db) -> None:
    dialog = AboutDialog(db.data_dir)
    qtbot.addWidget(dialog)
    text = dialog.text()
    assert f"Workshop App {__version__}" in text
    assert str(db.data_dir) in text
    assert "LGPL-3.0" in text and "source code is available" in text
    assert "PySide6" in text and "DejaVu" in text


def test_about_says_the_welsh_translation_awaits_review(qtbot, db) -> None:
    i18n._language = "cy"  # as after set_language("cy") with the catalogue present
    try:
        dialog = AboutDialog(db.data_dir)
        qtbot.addWidget(dialog)
        assert "Cymraeg" in dialog.text()
        assert "awaiting review by a Welsh speaker" in dialog.text()
    finally:
        i18n.set_language("en")


def test_shortcuts_list_the_keys_the_board_really_uses(qtbot, board_window) -> None:
    install_help_menu(board_window)
    rows = dict((what, keys) for keys, what in shortcut_rows(board_window))
    assert rows["Group into cluster"] == "Ctrl+G"
    assert rows["Keyboard shortcuts"] == "F1"
    assert "Undo" in rows or any("Undo" in what for what in rows)
    # Every row is a real key and a real description, no empty or "&" mnemonic leftovers.
    assert all(keys and what and "&" not in what.replace("&&", "") for what, keys in rows.items())


def test_help_menu_works_before_a_workshop_is_open(qtbot, window) -> None:
    w = window()
    install_help_menu(w)
    titles = [a.text() for a in w.menuBar().actions()]
    assert "&Help" in titles
    help_action = next(a for a in w.menuBar().actions() if a.text() == "&Help")
    assert help_action.menu().isEnabled()


def test_choosing_cymraeg_is_kept_and_offers_a_restart(
    qtbot, window, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: list[str | None] = []
    asked: list[str] = []
    monkeypatch.setattr(help_menu, "choose_language", saved.append)
    monkeypatch.setattr(help_menu, "chosen_language", lambda: None)

    def question(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    w = window()
    install_language_menu(w)
    follow = w.findChild(type(w.menuBar().actions()[0]), "language-system")
    assert follow is not None and follow.isChecked()
    w.findChild(type(follow), "language-cy").trigger()
    assert saved == ["cy"]
    assert asked and "Cymraeg" in asked[0] and "next start" in asked[0]
    assert w.isVisible()  # "No" leaves the app as it is
