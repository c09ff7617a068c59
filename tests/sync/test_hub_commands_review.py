"""The hub's commands, run through the command line's entry point in this process: conflicts
that say which field and both values, laptops' states in words, and operating-system errors
read in the chosen language (the pseudo-language shows what skipped translation)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sync_support import PASSPHRASE, export, install, one_note_on_two_laptops

from workshop_app import cli, i18n
from workshop_app.core.workshops import WorkshopFields, create_workshop
from workshop_app.store.database import Database
from workshop_app.sync import keys


@pytest.fixture
def command(capsys, monkeypatch):
    monkeypatch.setenv("WORKSHOP_HUB_PASSPHRASE", PASSPHRASE)

    def run(*args: object) -> tuple[int, str, str]:
        code = cli.main([str(a) for a in args])
        out, err = capsys.readouterr()
        return code, out, err

    yield run
    i18n.set_language("en")


@pytest.fixture
def pseudo(monkeypatch):
    monkeypatch.setattr(i18n, "system_language", lambda: i18n.PSEUDO)


def test_a_conflict_in_plain_text_says_which_field_both_values_and_where_from(
    laptops, hub, tmp_path, command
):
    two = one_note_on_two_laptops(
        laptops, hub, ("Bus to Machynlleth, hourly", "Bus to Machynlleth on Sundays")
    )
    a, b, shared = two.a, two.b, two.note_id
    for db, name in ((a, "a"), (b, "b")):
        assert hub.bring_approved(
            export(db, two.workshop_id, tmp_path / f"{name}.wsbundle")
        ).status == ("merged")
    code, out, _ = command("hub", "conflicts", "--hub", hub.hub.store.url)
    assert code == 0
    [line] = out.splitlines()
    # The kind of record and the field in words (and in the chosen language), not columns.
    assert f"note {shared}" in line and " words: " in line, line
    assert '"Bus to Machynlleth, hourly"' in line and '"Bus to Machynlleth on Sundays"' in line
    for db in (a, b):
        shown = keys.show_fingerprint(keys.laptop_fingerprint(db.data_dir))[:14]
        assert f"laptop {shown}" in line, line


def test_a_conflict_in_welsh_names_the_record_and_field_in_welsh(
    laptops, hub, tmp_path, command, pseudo
):
    two = one_note_on_two_laptops(laptops, hub, ("Bus, hourly", "Bus on Sundays"))
    for db, name in ((two.a, "a"), (two.b, "b")):
        hub.bring_approved(export(db, two.workshop_id, tmp_path / f"{name}.wsbundle"))
    code, out, _ = command("hub", "conflicts", "--hub", hub.hub.store.url)
    assert code == 0
    assert i18n.pseudo_text("note") in out and i18n.pseudo_text("words") in out, out


def test_laptops_show_their_state_in_words(laptop, workshop, hub, tmp_path, command, pseudo):
    install(laptop, hub)
    assert hub.bring(export(laptop, workshop.id, tmp_path / "w.wsbundle")).status == "held"
    code, out, _ = command("hub", "laptops", "--hub", hub.hub.store.url)
    assert code == 0
    assert i18n.pseudo_text("pending") in out, out


def _fresh_folder(path: Path) -> Path:
    Database.open(path).close()
    return path


@pytest.mark.parametrize("where", ["init", "import", "export", "install-key", "open"])
def test_an_operating_system_error_reads_in_the_chosen_language(
    where, hub, tmp_path, command, pseudo
):
    url = hub.hub.store.url
    missing = tmp_path / "no such folder"
    a_file = tmp_path / "a file"
    a_file.write_text("x")
    folder = _fresh_folder(tmp_path / "laptop") if where in ("export", "install-key") else None
    if where == "init":
        args = ["hub", "init", "--out", missing / "hub-key.pub", "--hub", url]
    elif where == "import":
        args = ["hub", "import", missing / "w.wsbundle", "--hub", url]
    elif where == "export":
        db = Database.open(folder)
        try:
            wid = db.run(lambda s: create_workshop(s, WorkshopFields(title="T"))).id
        finally:
            db.close()
        args = ["export", wid, "--out", missing / "w.wsbundle", "--unencrypted"]
        args += ["--data-dir", folder]
    elif where == "install-key":
        args = ["install-key", missing / "hub-key.pub", "--data-dir", folder]
    else:
        # Making a hub where a file stands in the way (reading one that is not there says
        # so before the system is asked: test_e2e_hub_review).
        out = tmp_path / "k.pub"
        args = ["hub", "init", "--out", out, "--hub", f"sqlite:///{a_file / 'sub' / 'hub.sqlite'}"]
    code, _, err = command(*args)
    assert code != 0
    [line] = [x for x in err.splitlines() if "warning" not in x]
    assert "No such file" not in line and "Not a directory" not in line, line
    reason = (
        "a part of the path is not a folder"
        if where == "open"
        else "there is no such file or folder"
    )
    assert i18n.pseudo_text(reason) in line, line
