"""Fixtures for the Qt-free core and store tests. Every data folder lives under tmp_path."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from workshop_app.core import notes as notes_mod
from workshop_app.core.board import Board, load_board
from workshop_app.core.themes import ThemeInfo, list_themes
from workshop_app.core.workshops import WorkshopFields, WorkshopInfo, create_workshop
from workshop_app.store.database import Database


@pytest.fixture
def db(tmp_path) -> Iterator[Database]:
    database = Database.open(tmp_path / "data")
    yield database
    database.close()


@pytest.fixture
def workshop(db: Database) -> WorkshopInfo:
    """A workshop on the four building-block themes (plus the parking lot)."""
    return db.run(
        lambda s: create_workshop(
            s,
            WorkshopFields(title="Llanidloes town hall", place="Llanidloes"),
            "building-blocks",
        )
    )


@pytest.fixture
def themes(db: Database, workshop: WorkshopInfo) -> list[ThemeInfo]:
    """The workshop's columns, left to right; the parking lot is the last one."""
    return db.read(lambda s: list_themes(s, workshop.id))


@pytest.fixture
def board(db: Database, workshop: WorkshopInfo) -> Callable[[], Board]:
    """Read the board afresh (a new session each call, so nothing comes from a cache)."""
    return lambda: db.read(lambda s: load_board(s, workshop.id))


@pytest.fixture
def add(db: Database, workshop: WorkshopInfo) -> Callable[..., str]:
    """Capture one note in its own transaction; returns the note id."""

    def _add(text: str, theme_id: str | None = None, table_label: str = "") -> str:
        info = db.run(lambda s: notes_mod.add_note(s, workshop.id, text, theme_id, table_label))
        return info.id

    return _add
