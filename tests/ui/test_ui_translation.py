"""Widgets' tr() reads the same catalogue as core's _(): one Welsh file translates every layer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from workshop_app import i18n
from workshop_app.ui.translation import CatalogueTranslator, choose_language, chosen_language

WELSH_PO = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=6; "
"plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;\n"

msgid "Board"
msgstr "Bwrdd"

msgid "%n note(s)"
msgid_plural "%n note(s)"
msgstr[0] "%n nodyn"
msgstr[1] "%n nodyn"
msgstr[2] "%n nodyn"
msgstr[3] "%n nodyn"
msgstr[4] "%n nodyn"
msgstr[5] "%n o nodiadau"
"""


@pytest.fixture
def bridge(qapp) -> Iterator[CatalogueTranslator]:  # type: ignore[no-untyped-def]
    translator = CatalogueTranslator(qapp)
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)
    i18n.set_language("en")


@pytest.fixture
def welsh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "cy.po").write_text(WELSH_PO, encoding="utf-8")
    monkeypatch.setattr(i18n, "catalogue_path", lambda code: tmp_path / f"{code}.po")
    assert i18n.set_language("cy") == "cy"


@pytest.mark.usefixtures("bridge", "welsh")
def test_widgets_read_the_welsh_catalogue_with_its_plural_forms() -> None:
    assert QCoreApplication.translate("BoardScreen", "Board") == "Bwrdd"
    assert QCoreApplication.translate("BoardScreen", "%n note(s)", None, 1) == "1 nodyn"
    assert QCoreApplication.translate("BoardScreen", "%n note(s)", None, 7) == "7 o nodiadau"
    # A phrase the catalogue lacks stays in English, never blank.
    assert QCoreApplication.translate("BoardScreen", "Projector") == "Projector"


@pytest.mark.usefixtures("bridge")
@pytest.mark.parametrize(("n", "text"), [(0, "0 notes"), (1, "1 note"), (2, "2 notes")])
def test_english_counted_phrases_in_widgets(n: int, text: str) -> None:
    i18n.set_language("en")
    assert QCoreApplication.translate("BoardScreen", "%n note(s)", None, n) == text


def test_the_language_choice_is_kept_for_the_next_start(
    qapp,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    path = str(tmp_path / "settings.ini")
    choose_language("cy", QSettings(path, QSettings.Format.IniFormat))
    assert chosen_language(QSettings(path, QSettings.Format.IniFormat)) == "cy"
    choose_language(None, QSettings(path, QSettings.Format.IniFormat))
    assert chosen_language(QSettings(path, QSettings.Format.IniFormat)) is None
