"""The translation layer every layer shares: counted phrases follow each language's plural rule."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workshop_app import i18n
from workshop_app.core.operations import plural

WELSH_PO = r"""
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=6; "
"plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;\n"

msgid "Board"
msgstr "Bwrdd"

msgid "{n} note"
msgid_plural "{n} notes"
msgstr[0] "{n} nodyn"
msgstr[1] "{n} nodyn"
msgstr[2] "{n} nodyn (deuol)"
msgstr[3] "{n} nodyn (tri)"
msgstr[4] "{n} nodyn (chwech)"
msgstr[5] "{n} nodyn (llawer)"
"""


@pytest.fixture
def welsh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    (tmp_path / "cy.po").write_text(WELSH_PO, encoding="utf-8")
    monkeypatch.setattr(i18n, "catalogue_path", lambda code: tmp_path / f"{code}.po")
    assert i18n.set_language("cy") == "cy"
    yield
    i18n.set_language("en")


@pytest.mark.parametrize(("n", "words"), [(0, "0 notes"), (1, "1 note"), (2, "2 notes")])
def test_english_counted_phrases_are_right_in_both_numbers(n: int, words: str) -> None:
    i18n.set_language("en")
    assert plural(n, "{n} note", "{n} notes") == words


@pytest.mark.usefixtures("welsh")
def test_welsh_uses_its_own_six_plural_forms() -> None:
    assert i18n._("Board") == "Bwrdd"
    forms = [plural(n, "{n} note", "{n} notes") for n in (0, 1, 2, 3, 6, 7)]
    assert forms == [
        "0 nodyn",
        "1 nodyn",
        "2 nodyn (deuol)",
        "3 nodyn (tri)",
        "6 nodyn (chwech)",
        "7 nodyn (llawer)",
    ]


def test_a_damaged_catalogue_falls_back_to_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "cy.po").write_bytes(b'msgid "x\n\xff\xfe broken')
    monkeypatch.setattr(i18n, "catalogue_path", lambda code: tmp_path / f"{code}.po")
    assert i18n.set_language("cy") == "en"
    assert i18n._("Board") == "Board"


def test_pseudo_language_marks_and_lengthens_every_phrase() -> None:
    i18n.set_language(i18n.PSEUDO)
    try:
        text = i18n._("Add note")
        assert text.startswith("⟦Add note") and text.endswith("⟧")
        assert len(text) >= len("Add note") * 4 // 3
    finally:
        i18n.set_language("en")


def test_shipped_words_follow_the_language_in_use():
    """Equality questions, consent wording and theme templates come from resources/ files;
    they are read through the catalogue, and again when the language changes."""
    from workshop_app.core.consent import consent_wording
    from workshop_app.core.equality import questions
    from workshop_app.core.templates import theme_templates

    try:
        i18n.set_language(i18n.PSEUDO)
        assert questions()["age_band"].label.startswith("⟦Age band")
        assert consent_wording().items["quote"].startswith("⟦My words")
        assert theme_templates()["building-blocks"].themes[0][0].startswith("⟦Community wealth")
    finally:
        i18n.set_language("en")
    assert questions()["age_band"].label == "Age band"
    assert consent_wording().version == "2026-1"
