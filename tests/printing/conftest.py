"""Fixtures for the printing tests: a store under tmp_path and the demo workshop in it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from workshop_app.core import demo
from workshop_app.core.workshops import WorkshopInfo
from workshop_app.store.database import Database


@pytest.fixture
def db(tmp_path) -> Iterator[Database]:
    database = Database.open(tmp_path / "data")
    yield database
    database.close()


@pytest.fixture
def demo_workshop(db: Database) -> WorkshopInfo:
    return db.run(demo.create_demo_workshop)
