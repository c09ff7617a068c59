"""An erasure reaches the refused files the hub holds too: a refused bundle holding the person
is rewritten with the erased versions (or its bytes dropped when the hub cannot read it
through), and a refused file arriving after the erasure is kept without them."""

from __future__ import annotations

import zipfile

import pytest
from sync_support import (
    ERASED_NAME,
    ERASED_WORDS,
    entries,
    export,
    install,
    jsonl,
    named_storyteller,
    pack,
    read_jsonl,
    rebuild,
)

from workshop_app.core.participants import erase_participant
from workshop_app.sync import keys

NAME, WORDS = ERASED_NAME, ERASED_WORDS


def _resigned_with_unknown_field(laptop, workshop, path) -> bytes:
    """Refused (a field this app does not know), yet every record readable: the person too."""
    data = export(laptop, workshop.id, path, unencrypted=True)

    def change(files: dict[str, bytes]) -> None:
        rows = read_jsonl(files["notes.jsonl"])
        rows[0]["colour"] = "red"
        files["notes.jsonl"] = jsonl(rows)

    signed = rebuild(data, None, change, keys.signing_key(laptop.data_dir))
    # Stored, not deflated: the words then stand in the file as typed, as a search would find.
    return pack(list(entries(signed).items()), zipfile.ZIP_STORED)


@pytest.fixture
def scene(laptop, workshop, hub, new_hub, tmp_path):
    install(laptop, hub)
    person = named_storyteller(laptop, workshop.id)
    first = export(laptop, workshop.id, tmp_path / "first.wsbundle")
    odd = _resigned_with_unknown_field(laptop, workshop, tmp_path / "odd.wsbundle")
    odd_later = _resigned_with_unknown_field(laptop, workshop, tmp_path / "odd2.wsbundle")
    other = new_hub()
    install(laptop, other)
    elsewhere = export(laptop, workshop.id, tmp_path / "elsewhere.wsbundle")
    install(laptop, hub)
    laptop.run(lambda s: erase_participant(s, person.id, keep_words=False))
    after = export(laptop, workshop.id, tmp_path / "after.wsbundle")
    return first, odd, odd_later, elsewhere, after


def _raw_hub(tmp_path) -> bytes:
    return b"".join(p.read_bytes() for p in (tmp_path / "hub0").glob("hub.sqlite*"))


def _refused(hub, name: str):
    [found] = [r for r in hub.hub.refusals() if r.file_name == name]
    return found, hub.hub.refused_content(found.id)


def test_an_erasure_scrubs_the_refused_bundles_the_hub_holds(scene, hub, backend, tmp_path):
    first, odd, _, elsewhere, after = scene
    assert hub.bring_approved(first, "first").status == "merged"
    assert hub.bring(odd, "odd").status == "refused"
    refused = hub.bring(elsewhere, "elsewhere")
    assert refused.status == "refused" and "another hub" in refused.reason
    assert NAME.encode() in _refused(hub, "odd")[1]
    if backend == "sqlite":
        assert b"Quartermaine" in _raw_hub(tmp_path)

    assert hub.bring(after, "after").status == "merged"
    kept, content = _refused(hub, "odd")
    assert content is not None and kept.scrubbed_at is not None
    assert NAME.encode() not in content and b"mill closed" not in content
    assert b"Reopen the mill" in content  # the rest of what arrived is still there
    # Encrypted to another hub: the hub cannot read it through, so it keeps no bytes of it.
    unreadable, content = _refused(hub, "elsewhere")
    assert content is None and unreadable.scrubbed_at is not None
    assert [r.file_name for r in hub.hub.refusals()] == ["odd", "elsewhere"]
    if backend == "sqlite":
        raw = _raw_hub(tmp_path)
        assert b"Quartermaine" not in raw and b"mill closed" not in raw


def test_a_file_refused_after_the_erasure_is_kept_without_the_person(scene, hub, backend, tmp_path):
    first, _, odd_later, _, after = scene
    assert hub.bring_approved(first, "first").status == "merged"
    assert hub.bring(after, "after").status == "merged"
    assert hub.bring(odd_later, "late").status == "refused"
    _, content = _refused(hub, "late")
    assert content is not None
    assert NAME.encode() not in content and b"mill closed" not in content
    if backend == "sqlite":
        raw = _raw_hub(tmp_path)
        assert b"Quartermaine" not in raw and b"mill closed" not in raw


def test_a_damaged_file_arriving_after_an_erasure_is_not_kept(scene, hub, backend, tmp_path):
    """A bundle cut short after the erasure cannot be read through, so nothing can be taken
    out of it: once the hub holds an erasure, none of such a file is kept."""
    first, odd, _, _, after = scene
    assert hub.bring_approved(first, "first").status == "merged"
    assert hub.bring(after, "after").status == "merged"
    cut = odd[:-100]
    assert hub.bring(cut, "cut").status == "refused"
    kept, content = _refused(hub, "cut")
    assert content is None and kept.size == len(cut)
    if backend == "sqlite":
        raw = _raw_hub(tmp_path)
        assert b"Quartermaine" not in raw and b"mill closed" not in raw
