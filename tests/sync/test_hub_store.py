"""Opening the hub: a clear one-line refusal for a bad URL or an unreachable server, and the
same schema (migrations 0001 to head) on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from workshop_app.store.errors import ForeignDatabaseError
from workshop_app.store.migrate import alembic_config
from workshop_app.sync.errors import SyncError
from workshop_app.sync.hub import Hub


def test_a_new_hub_is_at_the_newest_schema(hub):
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    with hub.hub.store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head == "0007"


def test_opening_a_hub_twice_keeps_its_key(hub):
    url = hub.hub.store.url
    again = Hub.open(url)
    try:
        assert again.public_key() is not None
        _, made = again.init_key("another passphrase entirely")
        assert made is False  # the first key stays: laptops hold its public half
    finally:
        again.close()


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("not a url", "not a database URL"),
        ("postgresql+psycopg://postgres@127.0.0.1:1/nothing", "Cannot open the hub"),
        ("nosuchdb://x/y", "cannot use"),
    ],
)
def test_a_hub_that_cannot_be_opened_is_one_clear_line(url, words):
    with pytest.raises(SyncError) as caught:
        Hub.open(url)
    assert words in caught.value.message
    assert "\n" not in caught.value.message


def test_another_programs_database_is_left_alone(tmp_path):
    path = tmp_path / "theirs.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    conn.commit()
    conn.close()
    with pytest.raises(ForeignDatabaseError):
        Hub.open(f"sqlite:///{path}")
    conn = sqlite3.connect(path)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    conn.close()
    assert tables == ["invoices"]
    assert mode == "delete"  # not switched to WAL: the file was not written to
