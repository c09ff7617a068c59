"""Every way a bundle can be bad gets a one-line reason naming the problem, its bytes kept aside
with that reason, and the hub's data exactly as it was (SQLite and PostgreSQL)."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import warnings
import zipfile
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select
from sync_support import entries, export, hub_dump, install, jsonl, pack, read_jsonl, rebuild

from workshop_app.core.notes import add_note
from workshop_app.core.themes import list_themes
from workshop_app.store.hub_models import HubBundle
from workshop_app.sync import keys
from workshop_app.sync.bundle_read import Limits
from workshop_app.sync.format import MANIFEST, SIGNATURE


@dataclass
class Scene:
    """An approved laptop whose first bundle is in the hub, ready to send a bad one."""

    laptop: Any
    workshop: Any
    hub: Any
    tmp_path: Any

    def bundle(self, *, unencrypted: bool = False) -> bytes:
        return export(
            self.laptop, self.workshop.id, self.tmp_path / "next.wsbundle", unencrypted=unencrypted
        )

    @property
    def signer(self):
        return keys.signing_key(self.laptop.data_dir)

    def resigned(self, change_files=None, change_manifest=None) -> bytes:
        """Changed by someone holding the laptop's key (a faulty or hostile laptop): checksums,
        counts and signature all made to agree, so only the deeper checks can catch it."""
        return rebuild(self.bundle(unencrypted=True), change_manifest, change_files, self.signer)

    def notes_edited(self, edit) -> bytes:
        def change(files: dict[str, bytes]) -> None:
            rows = read_jsonl(files["notes.jsonl"])
            edit(rows)
            files["notes.jsonl"] = jsonl(rows)

        return self.resigned(change)


@pytest.fixture
def scene(laptop, workshop, hub, tmp_path) -> Scene:
    install(laptop, hub)
    for text in ("Bus to Machynlleth", "Warm hub", "Youth club"):
        laptop.run(lambda s, t=text: add_note(s, workshop.id, t))
    first = export(laptop, workshop.id, tmp_path / "first.wsbundle")
    assert hub.bring_approved(first, "first.wsbundle").status == "merged"
    laptop.run(lambda s: add_note(s, workshop.id, "A later note"))
    return Scene(laptop, workshop, hub, tmp_path)


def _bundle_count(hub) -> int:
    return hub.hub.store.read(lambda s: s.scalar(select(func.count()).select_from(HubBundle)))


def assert_refused(scene: Scene, data: bytes, *words: str, limits: Limits | None = None) -> str:
    before = hub_dump(scene.hub.hub)
    count = _bundle_count(scene.hub)
    kw = {"limits": limits} if limits else {}
    outcome = scene.hub.bring(data, "bad.wsbundle", **kw)
    assert outcome.status == "refused", outcome
    assert "\n" not in outcome.reason
    for word in words:
        assert word in outcome.reason, outcome.reason
    assert hub_dump(scene.hub.hub) == before
    assert _bundle_count(scene.hub) == count
    kept = scene.hub.hub.refusals()[-1]
    assert (kept.reason, scene.hub.hub.refused_content(kept.id), kept.file_name) == (
        outcome.reason,
        data,
        "bad.wsbundle",
    )
    return outcome.reason


# --- the file itself ---------------------------------------------------------------------------


def test_a_file_that_is_not_a_zip(scene):
    assert_refused(scene, b"Dear hub, here are our notes.", "not a ZIP")


def test_an_empty_file(scene):
    assert_refused(scene, b"", "empty")


def test_a_truncated_zip(scene):
    data = scene.bundle()
    assert_refused(scene, data[: len(data) // 2], "cut short")


def test_a_flipped_byte_inside_a_data_file(scene):
    data = bytearray(scene.bundle())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("notes.jsonl")
    # The entry's bytes start after its local header (30 bytes, the name, the extra field).
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0x01
    assert_refused(scene, bytes(data), "notes.jsonl")


def test_a_changed_data_file_with_its_checksum_kept(scene):
    def flip(files):
        blob = bytearray(files["notes.jsonl"])
        blob[40] ^= 0x01
        files["notes.jsonl"] = bytes(blob)

    tampered = rebuild(scene.bundle(), change_files=flip, recompute=False)
    assert_refused(scene, tampered, "notes.jsonl", "checksum")


def test_a_changed_data_file_with_its_checksum_recomputed(scene):
    def edit(files):
        rows = read_jsonl(files["notes.jsonl"])
        rows[0]["text"] = "Something nobody said"
        files["notes.jsonl"] = jsonl(rows)

    plain = scene.bundle(unencrypted=True)
    tampered = rebuild(plain, change_files=edit)  # checksums agree, signature does not
    assert_refused(scene, tampered, "signature does not match")


def test_a_bundle_encrypted_to_another_hub(scene, new_hub):
    other = new_hub()
    install(scene.laptop, other)
    assert_refused(scene, scene.bundle(), "another hub")


def test_a_data_file_moved_into_another_bundle_does_not_decrypt(scene):
    donor = entries(scene.bundle())["notes.jsonl"]

    def swap(files):
        files["notes.jsonl"] = donor

    # Re-signed by the laptop itself, so only the encryption's binding can tell.
    assert_refused(scene, rebuild(scene.bundle(), None, swap, scene.signer), "decrypted")


def test_a_bundle_from_a_newer_app(scene):
    def newer(manifest):
        manifest["format_version"] = 2

    assert_refused(scene, scene.resigned(change_manifest=newer), "newer Workshop App")


# --- names and sizes --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["../x", "/etc/x", "notes/../../x.jsonl", "C:\\x.jsonl"])
def test_an_entry_with_an_unsafe_name(scene, name):
    files = entries(scene.bundle())
    data = pack([*files.items(), (name, b"{}\n")])
    assert_refused(scene, data, "unsafe name")


def test_two_entries_with_one_name(scene):
    files = entries(scene.bundle())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate it is asked to write
        data = pack([*files.items(), ("notes.jsonl", files["notes.jsonl"])])
    assert_refused(scene, data, "two entries named notes.jsonl")


def test_no_manifest(scene):
    files = entries(scene.bundle())
    files.pop(MANIFEST)
    assert_refused(scene, pack(list(files.items())), "no manifest.json")


def test_no_signature(scene):
    files = entries(scene.bundle())
    files.pop(SIGNATURE)
    assert_refused(scene, pack(list(files.items())), "not signed")


def test_an_entry_larger_than_the_limit(scene):
    assert_refused(scene, scene.bundle(), "larger than", limits=Limits(entry_bytes=300))


def test_a_zip_bomb(scene):
    def bomb(files):
        files["notes.jsonl"] = b" " * (8 * 1024 * 1024)  # deflates to a few kilobytes

    data = scene.resigned(bomb)
    assert len(data) < 100_000
    assert_refused(scene, data, "ZIP bomb")


# --- the records ------------------------------------------------------------------------------


def test_a_line_that_is_not_json(scene):
    def garble(files):
        lines = files["notes.jsonl"].split(b"\n")
        lines[1] = b'{"id": "unterminated'
        files["notes.jsonl"] = b"\n".join(lines)

    assert_refused(scene, scene.resigned(garble), "Line 2", "notes.jsonl", "not a JSON record")


def test_an_unknown_table(scene):
    def add_table(files):
        files["secrets.jsonl"] = b'{"id": "x"}\n'

    def list_it(manifest):
        manifest["files"].append(
            {
                "name": "secrets.jsonl",
                "table": "secrets",
                "records": 1,
                "encrypted": False,
                "sha256": hashlib.sha256(b'{"id": "x"}\n').hexdigest(),
            }
        )

    assert_refused(scene, scene.resigned(add_table, list_it), "'secrets'")


def test_a_record_with_a_wrong_type(scene):
    def wrong(rows):
        rows[0]["text"] = 12345

    assert_refused(scene, scene.notes_edited(wrong), "text is not text")


def test_a_record_without_an_id(scene):
    def no_id(rows):
        del rows[0]["id"]

    assert_refused(scene, scene.notes_edited(no_id), "has no id")


def test_a_record_with_an_unknown_field(scene):
    def extra(rows):
        rows[0]["colour_of_pen"] = "red"

    assert_refused(scene, scene.notes_edited(extra), "colour_of_pen")


def test_a_record_that_refers_to_a_missing_parent(scene):
    def orphan(rows):
        rows[0]["theme_id"] = "00000000-0000-4000-8000-000000000000"

    assert_refused(scene, scene.notes_edited(orphan), "themes", "neither in the bundle nor")


def test_a_record_of_another_workshop(scene):
    def elsewhere(rows):
        rows[0]["workshop_id"] = "00000000-0000-4000-8000-000000000001"

    assert_refused(scene, scene.notes_edited(elsewhere), "another workshop")


def test_a_five_megabyte_note(scene):
    def huge(rows):
        # Varied text, as typed (a run of one letter would be caught as a ZIP bomb first).
        rows[0]["text"] = base64.b64encode(os.urandom(4 * 1024 * 1024)).decode()

    assert_refused(scene, scene.notes_edited(huge), "text is longer than")


def test_a_valid_signature_from_a_laptop_the_hub_has_not_approved_is_held(scene):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    stranger = Ed25519PrivateKey.generate()
    raw = keys.raw_public(stranger.public_key())

    def claim(manifest):
        manifest["signer"]["public_key"] = keys.b64(raw)
        manifest["signer"]["fingerprint"] = keys.fingerprint(raw)

    def add_note_text(files):
        rows = read_jsonl(files["notes.jsonl"])
        rows[0]["text"] = "Slipped in by a stranger"
        files["notes.jsonl"] = jsonl(rows)

    data = rebuild(scene.bundle(unencrypted=True), claim, add_note_text, stranger)
    before = hub_dump(scene.hub.hub)
    outcome = scene.hub.bring(data, "stranger.wsbundle")
    assert outcome.status == "held"
    assert hub_dump(scene.hub.hub) == before
    texts = json.dumps(hub_dump(scene.hub.hub)["notes"])
    assert "Slipped in" not in texts


def test_a_record_taking_the_id_of_another_workshops_record(scene, laptops, tmp_path):
    from workshop_app.core.workshops import WorkshopFields, create_workshop

    other_laptop = laptops("other")
    install(other_laptop, scene.hub)
    other = other_laptop.run(lambda s: create_workshop(s, WorkshopFields(title="Other"), "blank"))
    victim = other_laptop.run(lambda s: add_note(s, other.id, "Belongs to the other workshop")).id
    data = export(other_laptop, other.id, tmp_path / "other.wsbundle")
    assert scene.hub.bring_approved(data, "other").status == "merged"

    def hijack(rows):
        rows[0]["id"] = victim
        rows[0]["rev"] = "9999999999999-000000-" + rows[0]["device_id"]

    assert_refused(scene, scene.notes_edited(hijack), "another workshop")


def test_a_record_pointing_at_another_workshops_record(scene, laptops, tmp_path):
    from workshop_app.core.workshops import WorkshopFields, create_workshop

    other_laptop = laptops("other")
    install(other_laptop, scene.hub)
    other = other_laptop.run(lambda s: create_workshop(s, WorkshopFields(title="Other"), "blank"))
    their_theme = other_laptop.read(lambda s: list_themes(s, other.id))[0].id
    data = export(other_laptop, other.id, tmp_path / "other.wsbundle")
    assert scene.hub.bring_approved(data, "other").status == "merged"

    def cross(rows):
        rows[0]["theme_id"] = their_theme

    assert_refused(scene, scene.notes_edited(cross), "themes", "this workshop")
