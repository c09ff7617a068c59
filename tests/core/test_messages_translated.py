"""Issue 12, point 4: messages from core, sync and the store reach a person in the chosen
language. Under the pseudo-language every translated phrase comes out wrapped in ⟦…⟧, so a
message still in bare English here skipped the translation layer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from workshop_app import i18n
from workshop_app.core.errors import DomainError
from workshop_app.core.narratives import words_hint
from workshop_app.core.notes import add_note
from workshop_app.core.workshops import WorkshopInfo, resolve_workshop
from workshop_app.errors import AppError
from workshop_app.store.database import Database
from workshop_app.store.datafolder import prepare_data_dir
from workshop_app.store.errors import StorageError
from workshop_app.sync.hub import Hub


@pytest.fixture
def pseudo() -> Iterator[None]:
    i18n.set_language(i18n.PSEUDO)
    try:
        yield
    finally:
        i18n.set_language("en")


def _message(action: Callable[[], object], kind: type[AppError]) -> str:
    with pytest.raises(kind) as caught:
        action()
    return str(caught.value)


def _translated(message: str, *values: str) -> None:
    assert message.startswith("⟦") and message.endswith("⟧"), message
    for value in values:  # what was filled in stays as it was
        assert value in message, message


@pytest.mark.usefixtures("pseudo")
def test_core_refusals_come_out_in_the_chosen_language(
    db: Database, workshop: WorkshopInfo
) -> None:
    empty = _message(lambda: db.run(lambda s: add_note(s, workshop.id, "   ")), DomainError)
    _translated(empty, "A note needs some words")
    unknown = _message(lambda: db.read(lambda s: resolve_workshop(s, "ffff0000")), DomainError)
    _translated(unknown, "No workshop id starts with", "'ffff0000'")
    # A counted hint: the language's own plural form, with the count filled in.
    _translated(words_hint(12), "12 words: aim for 120-200")


@pytest.mark.usefixtures("pseudo")
def test_a_hub_refusal_reason_comes_out_in_the_chosen_language(tmp_path: Path) -> None:
    hub = Hub.open(f"sqlite:///{tmp_path / 'hub' / 'hub.sqlite'}")
    try:
        outcome = hub.import_bundle(b"Dear hub, here are our notes.", "notes.wsbundle", None)
    finally:
        hub.close()
    assert outcome.status == "refused"
    _translated(outcome.reason, "It is not a ZIP file")


@pytest.mark.usefixtures("pseudo")
def test_a_storage_refusal_comes_out_in_the_chosen_language(tmp_path: Path) -> None:
    taken = tmp_path / "data"
    taken.write_text("not a folder", encoding="utf-8")
    message = _message(lambda: prepare_data_dir(taken), StorageError)
    _translated(message, "is a file, not a folder", str(taken))


def test_english_stays_as_it_was(db: Database, workshop: WorkshopInfo, tmp_path: Path) -> None:
    i18n.set_language("en")
    unknown = _message(lambda: db.read(lambda s: resolve_workshop(s, "ffff0000")), DomainError)
    assert unknown == "No workshop id starts with 'ffff0000'."
    assert words_hint(1) == "1 word: aim for 120-200"
    taken = tmp_path / "file"
    taken.write_text("x", encoding="utf-8")
    message = _message(lambda: prepare_data_dir(taken), StorageError)
    assert message == f"The data folder {taken} is a file, not a folder."
