"""Widgets' tr() reads the same catalogue as core's _(): one Welsh file translates every layer."""

from __future__ import annotations

import re
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
    assert i18n.saved_language() == "cy", "the command line follows the app's choice"
    choose_language(None, QSettings(path, QSettings.Format.IniFormat))
    assert chosen_language(QSettings(path, QSettings.Format.IniFormat)) is None
    assert i18n.saved_language() is None


def test_every_counted_phrase_reads_right_at_0_1_and_2() -> None:
    """Issue 8, point 6: "1 dots each", "5 dot(s)", "1 stories" were seen. Every counted phrase
    the code holds (found by the translators' tool), in English as the screens and the command
    line show it: the number in it, and never a "(s)" or a plural noun after 1."""
    import sys
    from pathlib import Path

    from workshop_app import i18n
    from workshop_app.ui.translation import CatalogueTranslator

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
    import messages  # the translators' tool: every phrase the code shows

    counted = [m.id for m in messages.extract() if isinstance(m.id, tuple)]
    assert len(counted) > 40, "the extractor found the counted phrases"
    qt = CatalogueTranslator()
    i18n.set_language("en")
    for one, many in counted:
        for n in (0, 1, 2):
            if "%n" in one:  # a widget's phrase, answered through Qt's tr()
                text = qt.translate("", one, None, n).replace("%n", str(n))
            else:
                text = i18n.ngettext(one, many, n)
            assert "(s)" not in text, (one, n, text)
            form = one if n == 1 else many
            assert str(n) in text or ("{n}" not in form and "%n" not in form), (one, n, text)
            if n == 1:
                for plural_noun in ("dots", "notes", "stories", "records", "votes", "people"):
                    assert f"1 {plural_noun}" not in text, (one, text)
                # "1 tag from X are kept" was seen: the verb agrees with one.
                assert not re.search(r"\b1 [\w-]+( [^ ]+){0,3} (are|were|have)\b", text), (
                    one,
                    text,
                )


@pytest.mark.parametrize("language", ["en", "cy"])
@pytest.mark.parametrize("width", [1000, 700, 420])
def test_the_capture_bar_s_hint_is_never_cut_off(qtbot, bridge, language, width) -> None:  # type: ignore[no-untyped-def]
    """The hint in the capture bar shows whole at any width a laptop gives it, in Welsh too
    (a fifth longer): a narrower box shows a shorter wording rather than half a sentence."""
    from workshop_app.ui.capture_bar import CaptureBar

    assert i18n.set_language(language) == language
    bar = CaptureBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.note_edit.setFixedWidth(width)
    qtbot.waitUntil(lambda: bar.note_edit.width() == width)
    hint = bar.note_edit.placeholderText()
    assert hint
    assert bar.note_edit.fontMetrics().horizontalAdvance(hint) < width - 8
