"""The bundle and hub commands as staff run them: keys, export, import with held, merged and
refused files (exit codes 3, 0 and 1), approval, and the listings."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from e2e_support import PREFIX, Cli, assert_one_line_error

from workshop_app.core.notes import add_note
from workshop_app.store.database import Database

PASSPHRASE = "staff only, never typed on a command line"
pytestmark = pytest.mark.slow


@pytest.fixture
def staff(cli: Cli, tmp_path: Path):
    """A hub folder with its key made, and its public key file."""
    hub_dir = tmp_path / "hubdata"
    pub = tmp_path / "hub-key.pub"
    out = run(cli, "hub", "init", "--out", pub, data_dir=hub_dir)
    assert out.returncode == 0, out.stderr
    assert "Made the hub's key" in out.stdout
    return hub_dir, pub


def run(cli: Cli, *args, data_dir: Path, passphrase: str | None = PASSPHRASE, **kw):
    env = cli.env
    env.pop("WORKSHOP_HUB_PASSPHRASE", None)
    if passphrase is not None:
        env["WORKSHOP_HUB_PASSPHRASE"] = passphrase
    return subprocess.run(
        [*cli.argv(*args), "--data-dir", str(data_dir)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        timeout=60,
        encoding="utf-8",
        cwd=cli.tmp_path,
        **kw,
    )


def _workshop_with_notes(cli: Cli, texts: list[str]) -> str:
    wid = cli.ok("demo").strip()
    db = Database.open(cli.data_dir)
    try:
        for text in texts:
            db.run(lambda s, t=text: add_note(s, wid, t))
    finally:
        db.close()
    return wid


def test_export_without_a_hub_key_is_refused_with_how_to_install_one(cli: Cli, tmp_path):
    wid = cli.ok("demo").strip()
    message = cli.fails("export", wid, "--out", tmp_path / "w.wsbundle")
    assert "install-key" in message
    assert not (tmp_path / "w.wsbundle").exists()


def test_an_unencrypted_export_warns(cli: Cli, tmp_path):
    wid = cli.ok("demo").strip()
    result = cli.run("export", wid[:8], "--out", tmp_path / "w.wsbundle", "--unencrypted")
    assert result.returncode == 0, result.stderr
    assert "NOT encrypted" in result.stdout
    assert result.stderr.startswith(PREFIX + "warning: the bundle is not encrypted")
    assert (tmp_path / "w.wsbundle").stat().st_size > 0


def test_staff_carry_a_workshop_from_laptop_to_hub(cli: Cli, staff, tmp_path):
    hub_dir, pub = staff
    installed = cli.ok("install-key", pub)
    laptop_fp = installed.splitlines()[-1].split(": ", 1)[1]
    wid = _workshop_with_notes(cli, ["Ffordd well i'r ysgol ☂"])
    bundle = tmp_path / "tywyn.wsbundle"
    exported = cli.ok("export", wid, "--out", bundle)
    assert "encrypted to the hub" in exported
    assert "Ffordd" not in bundle.read_bytes().decode("latin-1")

    held = run(cli, "hub", "import", bundle, data_dir=hub_dir)
    assert held.returncode == 3, (held.stdout, held.stderr)
    assert "held, not merged" in held.stdout
    listed = json.loads(run(cli, "hub", "laptops", "--json", data_dir=hub_dir).stdout)
    [lap] = listed["laptops"]
    assert lap["status"] == "pending"
    assert lap["fingerprint"] == laptop_fp.replace(" ", "")

    approved = run(cli, "hub", "laptops", "approve", laptop_fp, data_dir=hub_dir)
    assert approved.returncode == 0, approved.stderr
    assert "merged into workshop" in approved.stdout

    again = run(cli, "hub", "import", bundle, data_dir=hub_dir)
    assert again.returncode == 0
    assert "already imported; nothing changed" in again.stdout

    shown = json.loads(run(cli, "hub", "workshops", "--json", data_dir=hub_dir).stdout)
    [w] = shown["workshops"]
    assert w["id"] == wid and w["laptops"] == 1 and w["notes"] > 0


def test_a_refused_bundle_is_one_line_on_stderr_and_exit_1(cli: Cli, staff, tmp_path):
    hub_dir, _ = staff
    bogus = tmp_path / "holiday-photos.wsbundle"
    bogus.write_bytes(b"\x89PNG not a bundle")
    result = run(cli, "hub", "import", bogus, data_dir=hub_dir)
    message = assert_one_line_error(result)
    assert message.startswith("holiday-photos.wsbundle: refused: ")
    assert "not a ZIP" in message
    kept = json.loads(run(cli, "hub", "refused", "--json", data_dir=hub_dir).stdout)
    assert [r["file_name"] for r in kept["refused"]] == ["holiday-photos.wsbundle"]


def test_the_passphrase_never_comes_from_the_command_line(cli: Cli, staff, tmp_path):
    hub_dir, pub = staff
    cli.ok("install-key", pub)
    wid = cli.ok("demo").strip()
    bundle = tmp_path / "w.wsbundle"
    cli.ok("export", wid, "--out", bundle)
    missing = run(cli, "hub", "import", bundle, data_dir=hub_dir, passphrase=None)
    assert "WORKSHOP_HUB_PASSPHRASE" in assert_one_line_error(missing)
    wrong = run(cli, "hub", "import", bundle, data_dir=hub_dir, passphrase="guess guess")
    assert "passphrase is wrong" in assert_one_line_error(wrong)
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    os.chmod(secret, 0o600)
    ok = run(
        cli,
        "hub",
        "import",
        bundle,
        "--approve-new-laptops",
        "--passphrase-file",
        secret,
        data_dir=hub_dir,
        passphrase=None,
    )
    assert ok.returncode == 0, ok.stderr
    assert "merged into workshop" in ok.stdout


def test_two_staff_importing_one_bundle_at_once_merge_it_once(cli: Cli, staff, tmp_path):
    hub_dir, pub = staff
    cli.ok("install-key", pub)
    wid = _workshop_with_notes(cli, [f"Note {i}" for i in range(300)])
    bundle = tmp_path / "w.wsbundle"
    cli.ok("export", wid, "--out", bundle)
    env = cli.env
    env["WORKSHOP_HUB_PASSPHRASE"] = PASSPHRASE
    argv = [
        *cli.argv("hub", "import", bundle, "--approve-new-laptops"),
        "--data-dir",
        str(hub_dir),
    ]
    procs = [
        subprocess.Popen(
            argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, encoding="utf-8"
        )
        for _ in range(2)
    ]
    results = [(*p.communicate(timeout=120), p.returncode) for p in procs]
    assert [code for _, _, code in results] == [0, 0], results
    said = sorted(out.split(": ", 1)[1].split(" ", 1)[0] for out, _, _ in results)
    assert said == ["already", "merged"], results
    shown = json.loads(run(cli, "hub", "laptops", "--json", data_dir=hub_dir).stdout)
    assert [lap["merged"] for lap in shown["laptops"]] == [1]
