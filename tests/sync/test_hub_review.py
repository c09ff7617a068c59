"""Review mends at the hub: refused files too large to read are refused unread and unkept,
refusal reasons are kept language-neutral, later merges supersede stale refusals, and an
erasure reaches the refused bundles the hub holds (SQLite and PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_support import export, install, jsonl, read_jsonl, rebuild

from workshop_app import i18n
from workshop_app.core.notes import add_note
from workshop_app.sync import keys
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
    assert (kept.file_name, kept.size) == ("huge.wsbundle", 1_100_000_000)
    assert hub.hub.refused_content(kept.id) is None
    assert kept.reason == outcome.reason


def test_bytes_over_the_limit_are_refused_and_not_kept(hub):
    outcome = hub.bring(b"PK" + b"x" * 5000, "big.wsbundle", limits=Limits(bundle_bytes=4096))
    assert outcome.status == "refused"
    [kept] = hub.hub.refusals()
    assert kept.size == 5002 and hub.hub.refused_content(kept.id) is None


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
        assert (old.file_name, old.size, hub.refused_content(old.id)) == (
            "old.wsbundle",
            5,
            b"\x01\x02\x03\x04\x05",
        )
        assert old.reason == "Nid yw'n ffeil ZIP."
    finally:
        hub.close()


@pytest.fixture
def english_after():
    yield
    i18n.set_language("en")


def _with_unknown_field(laptop, workshop, tmp_path) -> bytes:
    laptop.run(lambda s: add_note(s, workshop.id, "A note"))
    data = export(laptop, workshop.id, tmp_path / "odd.wsbundle", unencrypted=True)

    def change(files: dict[str, bytes]) -> None:
        rows = read_jsonl(files["notes.jsonl"])
        rows[0]["colour"] = "red"
        files["notes.jsonl"] = jsonl(rows)

    return rebuild(data, None, change, keys.signing_key(laptop.data_dir))


def test_a_refusal_reason_is_shown_in_the_language_of_whoever_lists_it(
    laptop, workshop, hub, tmp_path, english_after
):
    install(laptop, hub)
    odd = _with_unknown_field(laptop, workshop, tmp_path)
    i18n.set_language("cy")
    assert hub.bring(b"not a zip", "photo.wsbundle").status == "refused"
    welsh = hub.bring(odd, "odd.wsbundle")
    assert welsh.status == "refused"
    assert "Llinell 1" in welsh.reason and "faes nad yw'r ap hwn" in welsh.reason, welsh.reason
    big = hub.bring(b"PK" + b"x" * 5000, "big.wsbundle", limits=Limits(bundle_bytes=4096))
    assert big.status == "refused"

    def listed() -> dict[str, object]:
        return {r.file_name: r for r in hub.hub.refusals()}

    i18n.set_language("en")
    found = listed()
    photo, listed_odd, listed_big = (
        found[n] for n in ("photo.wsbundle", "odd.wsbundle", "big.wsbundle")
    )
    assert photo.reason == "It is not a ZIP file, or it was cut short: it is not a whole bundle."
    assert listed_odd.reason == (
        "Line 1 of its notes.jsonl has a field this app does not know: colour."
    )
    assert "larger than a bundle may be" in listed_big.reason
    i18n.set_language("cy")
    found = listed()
    photo, listed_odd = found["photo.wsbundle"], found["odd.wsbundle"]
    assert photo.reason.startswith("Nid yw'n ffeil ZIP")
    assert listed_odd.reason == welsh.reason


def test_a_refusal_a_later_merge_of_the_same_laptop_superseded_is_marked(
    laptop, workshop, hub, tmp_path
):
    install(laptop, hub)
    first = export(laptop, workshop.id, tmp_path / "1.wsbundle")
    assert hub.bring_approved(first, "1.wsbundle").status == "merged"
    odd = _with_unknown_field(laptop, workshop, tmp_path)
    assert hub.bring(odd, "odd.wsbundle").status == "refused"
    assert hub.bring(b"not a zip", "photo.wsbundle").status == "refused"
    [before, _] = hub.hub.refusals()
    assert before.superseded_by is None
    laptop.run(lambda s: add_note(s, workshop.id, "Sent again, properly"))
    fixed = export(laptop, workshop.id, tmp_path / "2.wsbundle")
    assert hub.bring(fixed, "2.wsbundle").status == "merged"
    assert hub.bring(odd, "odd-again.wsbundle").status == "refused"  # after the merge
    odd_one, photo, again = hub.hub.refusals()
    assert (odd_one.workshop_id, odd_one.superseded_by) == (workshop.id, "2.wsbundle")
    assert odd_one.superseded_at is not None and odd_one.superseded_at > odd_one.received_at
    assert photo.superseded_by is None and photo.workshop_id is None
    assert again.superseded_by is None
    # Left out when asked: what is still to be dealt with.
    assert [r.file_name for r in hub.hub.refusals(include_superseded=False)] == [
        "photo.wsbundle",
        "odd-again.wsbundle",
    ]


def test_a_counted_reason_keeps_its_plural_forms_through_storage(english_after):
    from workshop_app.sync.phrase import Phrase

    where = Phrase.of("Line {number} of its {name}", number=2, name="notes.jsonl")
    phrase = Phrase.plural(
        3,
        "{where}: its {field} is longer than {n} character.",
        "{where}: its {field} is longer than {n} characters.",
        where=where,
        field="text",
    )
    kept = Phrase.from_json(phrase.to_json())
    assert kept == phrase
    assert kept.english() == "Line 2 of its notes.jsonl: its text is longer than 3 characters."
    i18n.set_language("cy")
    assert kept.text().startswith("Llinell 2 o'i notes.jsonl: mae ei text yn hwy nag 3")
