"""Review mends at the hub: refused files too large to read are refused unread and unkept,
refusal reasons are kept language-neutral, later merges supersede stale refusals, and an
erasure reaches the refused bundles the hub holds (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

from sync_support import export, install

from workshop_app.core.notes import add_note
from workshop_app.sync.bundle_read import Limits


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


def test_a_file_over_the_limit_is_refused_unread_and_its_bytes_not_kept(hub, tmp_path):
    limits = Limits(bundle_bytes=4096)
    big = _sparse(tmp_path / "huge.wsbundle", 1_100_000_000)
    outcome = hub.hub.import_file(big, hub.source(), limits=limits)
    assert outcome.status == "refused"
    assert "\n" not in outcome.reason
    assert "1049" in outcome.reason and "MB" in outcome.reason, outcome.reason
    [kept] = hub.hub.refusals()
    assert (kept.file_name, kept.size, kept.content) == ("huge.wsbundle", 1_100_000_000, None)
    assert kept.reason == outcome.reason


def test_bytes_over_the_limit_are_refused_and_not_kept(hub):
    outcome = hub.bring(b"PK" + b"x" * 5000, "big.wsbundle", limits=Limits(bundle_bytes=4096))
    assert outcome.status == "refused"
    [kept] = hub.hub.refusals()
    assert (kept.size, kept.content) == (5002, None)


def test_a_file_within_the_limit_is_imported_from_its_path(laptop, workshop, hub, tmp_path):
    install(laptop, hub)
    laptop.run(lambda s: add_note(s, workshop.id, "From a path"))
    export(laptop, workshop.id, tmp_path / "w.wsbundle")
    outcome = hub.hub.import_file(tmp_path / "w.wsbundle", hub.source(), approve_new=True)
    assert outcome.status == "merged", outcome.reason
    assert outcome.file_name == "w.wsbundle"


def test_refusals_kept_before_revision_0007_stay_readable(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from workshop_app.store.migrate import alembic_config
    from workshop_app.sync.hub import Hub

    path = tmp_path / "hub.sqlite"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0006")
        conn.exec_driver_sql(
            "INSERT INTO hub_refusals (id, received_at, file_name, reason, content_sha256,"
            " content) VALUES ('r1', '2026-11-30T10:00:00.000Z', 'old.wsbundle',"
            " 'Nid yw''n ffeil ZIP.', 'ab', x'0102030405')"
        )
    engine.dispose()
    hub = Hub.open(f"sqlite:///{path}")
    try:
        [old] = hub.refusals()
        assert (old.file_name, old.size, old.content) == (
            "old.wsbundle",
            5,
            b"\x01\x02\x03\x04\x05",
        )
        assert old.reason == "Nid yw'n ffeil ZIP."
    finally:
        hub.close()
