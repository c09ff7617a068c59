"""The Welsh catalogue covers every phrase the code shows, keeps each phrase's placeholders,
and gives every counted phrase all six Welsh plural forms."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import messages  # noqa: E402  (scripts/messages.py, the translators' tool)

PLACEHOLDER = re.compile(r"%\d|%\(\w+\)[sdr]|%[sdnr]|\{[a-z0-9_]*\}")


@pytest.fixture(scope="module")
def phrases() -> list[str | tuple[str, str]]:
    return [m.id for m in messages.extract() if m.id]


@pytest.fixture(scope="module")
def welsh():  # type: ignore[no-untyped-def]
    with (messages.FOLDER / "cy.po").open("rb") as handle:
        return read_po(handle)


def _key(message_id: str | tuple[str, str]) -> str:
    return message_id if isinstance(message_id, str) else message_id[0]


def test_every_phrase_the_app_shows_has_a_welsh_translation(phrases, welsh) -> None:  # type: ignore[no-untyped-def]
    translated = {
        _key(m.id)
        for m in welsh
        if m.id and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    missing = [_key(p) for p in phrases if _key(p) not in translated]
    assert not missing, (
        f"{len(missing)} phrases have no Welsh yet (run scripts/messages.py update and "
        f"translate them in cy.po), e.g. {missing[:5]}"
    )


def test_welsh_keeps_every_placeholder(welsh) -> None:  # type: ignore[no-untyped-def]
    for message in welsh:
        if not message.id or not message.string:
            continue
        wanted = set(PLACEHOLDER.findall(_key(message.id)))
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            assert set(PLACEHOLDER.findall(form)) == wanted, (message.id, form)


def test_counted_phrases_have_the_six_welsh_forms(welsh) -> None:  # type: ignore[no-untyped-def]
    assert welsh.num_plurals == 6
    for message in welsh:
        if isinstance(message.id, tuple) and message.string:
            assert len(message.string) == 6 and all(message.string), message.id
