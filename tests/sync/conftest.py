"""Fixtures for bundles and the hub. Every hub test runs on SQLite and on PostgreSQL; the
PostgreSQL runs need WORKSHOP_TEST_PG_URL (scripts/run-tests.sh starts a server and sets it)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sync_support import PASSPHRASE, HubFixture

from workshop_app.core.workshops import WorkshopFields, WorkshopInfo, create_workshop
from workshop_app.store.database import Database
from workshop_app.sync import keys
from workshop_app.sync.hub import Hub

PG_ENV = "WORKSHOP_TEST_PG_URL"


@pytest.fixture
def laptops(tmp_path: Path) -> Iterator[Callable[[str], Database]]:
    opened: list[Database] = []

    def make(name: str) -> Database:
        db = Database.open(tmp_path / name)
        opened.append(db)
        return db

    yield make
    for db in opened:
        db.close()


@pytest.fixture
def laptop(laptops) -> Database:
    return laptops("laptop")


@pytest.fixture
def workshop(laptop: Database) -> WorkshopInfo:
    return laptop.run(
        lambda s: create_workshop(
            s, WorkshopFields(title="Neuadd Tywyn", place="Tywyn"), "building-blocks"
        )
    )


def _pg_database(base_url: str, cleanup: list[Callable[[], None]]) -> str:
    admin = create_engine(base_url, isolation_level="AUTOCOMMIT")
    name = f"hub_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    cleanup.append(drop)
    return base_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request) -> str:
    if request.param == "postgresql" and not os.environ.get(PG_ENV):
        pytest.skip(f"{PG_ENV} is not set: start a server with scripts/test-postgres.sh")
    return request.param


@pytest.fixture
def new_hub(backend: str, tmp_path: Path) -> Iterator[Callable[..., HubFixture]]:
    """A fresh, empty hub with its key made, on each call; `url=` opens another handle on a
    hub already made (another member of staff at the same moment)."""
    opened: list[Hub] = []
    cleanup: list[Callable[[], None]] = []

    def make(url: str | None = None) -> HubFixture:
        if url is None:
            if backend == "sqlite":
                url = f"sqlite:///{tmp_path / f'hub{len(opened)}' / 'hub.sqlite'}"
            else:
                url = _pg_database(os.environ[PG_ENV], cleanup)
        hub = Hub.open(url)
        opened.append(hub)
        public, _ = hub.init_key(PASSPHRASE)
        pub_file = tmp_path / f"hub-key-{len(opened)}.pub"
        pub_file.write_text(keys.hub_key_text(public), encoding="utf-8")
        return HubFixture(hub, pub_file)

    yield make
    for hub in opened:
        hub.close()
    for step in cleanup:
        step()


@pytest.fixture
def hub(new_hub) -> HubFixture:
    return new_hub()
