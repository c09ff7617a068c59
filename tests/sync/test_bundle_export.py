"""Writing a bundle on the laptop: what it holds, what consent keeps back, how it is signed and
encrypted, and the 'changed since export' the workshop shows."""

from __future__ import annotations

import contextlib
import hashlib
import json
import stat

import pytest
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sync_support import PASSPHRASE, entries, read_jsonl

from workshop_app.commands import participant_json
from workshop_app.core.consent import ConsentChoices
from workshop_app.core.export_status import export_status
from workshop_app.core.notes import add_note
from workshop_app.core.participants import ParticipantFields, add_participant, list_participants
from workshop_app.sync import keys
from workshop_app.sync.bundle_write import export_bundle
from workshop_app.sync.errors import SyncError
from workshop_app.sync.format import (
    FORMAT,
    FORMAT_VERSION,
    HPKE_SUITE,
    MANIFEST,
    SIGNATURE,
    binding,
)
from workshop_app.sync.hub import Hub

SECRET_NOTE = "Mae'r bws olaf yn gadael am 5pm – Café ☕"


@pytest.fixture
def hub_key(tmp_path):
    """A hub's key pair made the real way, on a SQLite hub."""
    hub = Hub.open(f"sqlite:///{tmp_path / 'hubdir' / 'hub.sqlite'}")
    public, _ = hub.init_key(PASSPHRASE)
    pub_file = tmp_path / "hub-key.pub"
    pub_file.write_text(keys.hub_key_text(public), encoding="utf-8")
    source = hub.key_source(lambda: PASSPHRASE)
    private, _fp = source()
    hub.close()
    return pub_file, private


def _people(laptop, workshop):
    def add(s):
        add_participant(
            s,
            workshop.id,
            ParticipantFields(name="Gwenllian Prydderch", area="Bryncrug"),
            ConsentChoices(take_part=True, quote="full_name", use_report=True),
            "Facilitator",
        )
        add_participant(
            s,
            workshop.id,
            ParticipantFields(name="Owain Glyndŵr", area="Tywyn"),
            ConsentChoices(take_part=True, quote="anonymous"),
            "Facilitator",
        )
        add_participant(
            s,
            workshop.id,
            ParticipantFields(name="Siân Evans", email="sian@example.org", phone="01654 710000"),
            ConsentChoices(take_part=True, contact=True),
            "Facilitator",
        )

    laptop.run(add)


def test_export_without_a_hub_key_refuses_and_says_how_to_install_one(laptop, workshop, tmp_path):
    out = tmp_path / "w.wsbundle"
    with pytest.raises(SyncError, match="install-key") as caught:
        export_bundle(laptop, workshop.id, out)
    assert "--unencrypted" in caught.value.message
    assert not out.exists()
    assert export_status_of(laptop, workshop).last_exported_at is None


def export_status_of(laptop, workshop):
    return laptop.read(lambda s: export_status(s, workshop.id))


def test_the_manifest_describes_every_file_and_holds_no_personal_data(
    laptop, workshop, hub_key, tmp_path
):
    pub_file, _ = hub_key
    keys.install_hub_key(laptop.data_dir, pub_file)
    _people(laptop, workshop)
    laptop.run(lambda s: add_note(s, workshop.id, SECRET_NOTE))
    out = tmp_path / "w.wsbundle"
    result = export_bundle(laptop, workshop.id, out)

    files = entries(out.read_bytes())
    manifest = json.loads(files[MANIFEST])
    assert manifest["format"] == FORMAT and manifest["format_version"] == FORMAT_VERSION
    assert manifest["workshop_id"] == workshop.id
    assert manifest["device_id"] == laptop.device_id
    assert manifest["bundle_id"] == result.bundle_id
    assert manifest["signer"]["fingerprint"] == keys.laptop_fingerprint(laptop.data_dir)
    listed = {f["name"]: f for f in manifest["files"]}
    assert set(files) == {MANIFEST, SIGNATURE, *listed}
    for name, entry in listed.items():
        assert hashlib.sha256(files[name]).hexdigest() == entry["sha256"]
        assert entry["encrypted"] is True
    assert listed["notes.jsonl"]["records"] == 1
    assert listed["participants.jsonl"]["records"] == 3
    # Nothing personal or said in the room is readable anywhere in the file.
    raw = out.read_bytes()
    for secret in ("Gwenllian", "Prydderch", "sian@example.org", "Bws", "bws", "Café"):
        assert secret.encode() not in raw
        assert secret.encode("utf-16-le") not in raw


def test_consent_keeps_back_what_participants_json_keeps_back(laptop, workshop, tmp_path):
    _people(laptop, workshop)
    out = tmp_path / "plain.wsbundle"
    export_bundle(laptop, workshop.id, out, unencrypted=True)
    rows = {r["code"]: r for r in read_jsonl(entries(out.read_bytes())["participants.jsonl"])}
    people = laptop.read(lambda s: list_participants(s, workshop.id))
    assert len(people) == 3
    for info in people:
        shown = participant_json(info)
        row = rows[info.code]
        assert row["name"] == (shown["name"] or "")
        assert row["email"] == (shown["email"] or "")
        assert row["phone"] == (shown["phone"] or "")
        assert row["area"] == ""  # never leaves the laptop
    names = sorted(r["name"] for r in rows.values())
    assert names == ["", "Gwenllian Prydderch", "Siân Evans"]  # anonymous quote: no name
    # The laptop itself keeps everything.
    assert {p.area for p in people} >= {"Bryncrug", "Tywyn"}


def test_each_data_folder_signs_with_its_own_private_key(laptops, tmp_path):
    a, b = laptops("a"), laptops("b")
    fp_a = keys.laptop_fingerprint(a.data_dir)
    assert keys.laptop_fingerprint(a.data_dir) == fp_a  # made once, then reused
    assert keys.laptop_fingerprint(b.data_dir) != fp_a
    mode = stat.S_IMODE((a.data_dir / keys.SIGNING_KEY_FILE).stat().st_mode)
    assert mode == 0o600


def test_the_laptop_that_wrote_a_bundle_cannot_read_it_back(laptop, workshop, hub_key, tmp_path):
    pub_file, hub_private = hub_key
    keys.install_hub_key(laptop.data_dir, pub_file)
    laptop.run(lambda s: add_note(s, workshop.id, SECRET_NOTE))
    out = tmp_path / "w.wsbundle"
    export_bundle(laptop, workshop.id, out)
    files = entries(out.read_bytes())
    manifest = json.loads(files[MANIFEST])
    entry = next(f for f in manifest["files"] if f["table"] == "notes")

    # Every key the laptop's data folder holds: none of them opens the bundle.
    private_keys = []
    for path in laptop.data_dir.rglob("*"):
        if path.is_file():
            with contextlib.suppress(ValueError, TypeError):
                private_keys.append(serialization.load_pem_private_key(path.read_bytes(), None))
    assert private_keys, "the signing key should be found and tried"
    assert not any(isinstance(k, X25519PrivateKey) for k in private_keys)
    with pytest.raises(InvalidTag):
        HPKE_SUITE.decrypt(
            files["notes.jsonl"], X25519PrivateKey.generate(), binding(manifest, entry)
        )
    # The hub's private key does open it, byte for byte.
    plain = HPKE_SUITE.decrypt(files["notes.jsonl"], hub_private, binding(manifest, entry))
    assert read_jsonl(plain)[0]["text"] == SECRET_NOTE


def test_the_workshop_shows_when_it_was_exported_and_whether_it_changed(laptop, workshop, tmp_path):
    before = export_status_of(laptop, workshop)
    assert before.last_exported_at is None and before.changed_since
    export_bundle(laptop, workshop.id, tmp_path / "1.wsbundle", unencrypted=True)
    after = export_status_of(laptop, workshop)
    assert after.last_exported_at is not None and not after.changed_since
    laptop.run(lambda s: add_note(s, workshop.id, "Shelter at the bus stop"))
    assert export_status_of(laptop, workshop).changed_since
    export_bundle(laptop, workshop.id, tmp_path / "2.wsbundle", unencrypted=True)
    assert not export_status_of(laptop, workshop).changed_since


def test_a_bundle_that_cannot_be_written_leaves_the_export_status_alone(laptop, workshop, tmp_path):
    target = tmp_path / "no-such-folder" / "w.wsbundle"
    with pytest.raises(SyncError, match="Cannot write the bundle"):
        export_bundle(laptop, workshop.id, target, unencrypted=True)
    assert export_status_of(laptop, workshop).last_exported_at is None


def test_install_key_refuses_a_file_that_is_not_a_hub_key(laptop, tmp_path):
    bogus = tmp_path / "hub-key.pub"
    bogus.write_text("-----BEGIN PUBLIC KEY-----\nnope\n", encoding="utf-8")
    with pytest.raises(SyncError, match="not a hub key file"):
        keys.install_hub_key(laptop.data_dir, bogus)
    assert keys.installed_hub_key(laptop.data_dir) is None


def test_install_key_refuses_a_hub_key_whose_fingerprint_was_altered(laptop, hub_key, tmp_path):
    pub_file, _ = hub_key
    doc = json.loads(pub_file.read_text())
    doc["fingerprint"] = "0" * 64
    altered = tmp_path / "altered.pub"
    altered.write_text(json.dumps(doc))
    with pytest.raises(SyncError, match="fingerprint does not match"):
        keys.install_hub_key(laptop.data_dir, altered)


def test_installing_a_key_then_exporting_encrypts(laptop, workshop, hub_key, tmp_path):
    pub_file, _ = hub_key
    install_target = laptop.data_dir / keys.INSTALLED_HUB_KEY_FILE
    assert not install_target.exists()
    keys.install_hub_key(laptop.data_dir, pub_file)
    result = export_bundle(laptop, workshop.id, tmp_path / "w.wsbundle")
    assert result.encrypted
