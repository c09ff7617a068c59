"""Review mends to the hub's commands: files too large to read, fingerprints pasted as printed,
conflicts and refusals that say enough, and Welsh all through."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from e2e_support import PREFIX, Cli

from workshop_app.core.notes import add_note
from workshop_app.store.database import Database

PASSPHRASE = "staff only, never typed on a command line"
pytestmark = pytest.mark.slow


def run(cli: Cli, *args, data_dir: Path, language: str = "en"):
    env = cli.env
    env["WORKSHOP_HUB_PASSPHRASE"] = PASSPHRASE
    env["LANGUAGE"] = language
    return subprocess.run(
        [*cli.argv(*args), "--data-dir", str(data_dir)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=env,
        timeout=120,
        encoding="utf-8",
        cwd=cli.tmp_path,
    )


@pytest.fixture
def staff(cli: Cli, tmp_path: Path):
    hub_dir = tmp_path / "hubdata"
    pub = tmp_path / "hub-key.pub"
    out = run(cli, "hub", "init", "--out", pub, data_dir=hub_dir)
    assert out.returncode == 0, out.stderr
    return hub_dir, pub


def _bundle(cli: Cli, pub: Path, out: Path, texts: list[str]) -> tuple[str, Path]:
    cli.ok("install-key", pub)
    wid = cli.ok("demo").strip()
    db = Database.open(cli.data_dir)
    try:
        for text in texts:
            db.run(lambda s, t=text: add_note(s, wid, t))
    finally:
        db.close()
    cli.ok("export", wid, "--out", out)
    return wid, out


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as fh:
        fh.truncate(size)
    return path


def test_files_too_large_are_refused_unread_and_the_others_still_import(cli: Cli, staff, tmp_path):
    hub_dir, pub = staff
    _, good = _bundle(cli, pub, tmp_path / "good.wsbundle", ["Still imported"])
    huge = _sparse(tmp_path / "huge.wsbundle", 1_100_000_000)
    big = _sparse(tmp_path / "big.wsbundle", 530 * 1024 * 1024)
    result = run(cli, "hub", "import", huge, big, good, "--approve-new-laptops", data_dir=hub_dir)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    errors = result.stderr.splitlines()
    assert [line.split(":")[1].strip() for line in errors] == ["huge.wsbundle", "big.wsbundle"]
    assert all(line.startswith(PREFIX) and "MB" in line for line in errors), errors
    assert "good.wsbundle: merged into workshop" in result.stdout
    listed = json.loads(run(cli, "hub", "refused", "--json", data_dir=hub_dir).stdout)
    sizes = {r["file_name"]: r["size"] for r in listed["refused"]}
    assert sizes == {"huge.wsbundle": 1_100_000_000, "big.wsbundle": 530 * 1024 * 1024}
    assert (hub_dir / "hub.sqlite").stat().st_size < 20 * 1024 * 1024


def test_refusals_are_listed_in_the_language_of_whoever_lists_them(cli: Cli, staff, tmp_path):
    hub_dir, _ = staff
    bogus = tmp_path / "holiday-photos.wsbundle"
    bogus.write_bytes(b"\x89PNG not a bundle")
    welsh = run(cli, "hub", "import", bogus, data_dir=hub_dir, language="cy")
    assert "Nid yw'n ffeil ZIP" in welsh.stderr, welsh.stderr
    english = run(cli, "hub", "refused", data_dir=hub_dir, language="en")
    assert "holiday-photos.wsbundle: It is not a ZIP file" in english.stdout, english.stdout
    again = run(cli, "hub", "refused", data_dir=hub_dir, language="cy")
    assert "holiday-photos.wsbundle: Nid yw'n ffeil ZIP" in again.stdout, again.stdout


def test_a_refusal_superseded_by_a_later_merge_leaves_the_default_list(cli: Cli, staff, tmp_path):
    hub_dir, pub = staff
    wid, first = _bundle(cli, pub, tmp_path / "1.wsbundle", ["First"])
    assert (
        run(cli, "hub", "import", first, "--approve-new-laptops", data_dir=hub_dir).returncode == 0
    )
    fp = cli.ok("install-key", pub).splitlines()[-1].split(": ", 1)[1]
    assert run(cli, "hub", "revoke", fp.replace(" ", ""), data_dir=hub_dir).returncode == 0
    second = tmp_path / "2.wsbundle"
    cli.ok("export", wid, "--out", second)
    assert run(cli, "hub", "import", second, data_dir=hub_dir).returncode == 1
    listed = run(cli, "hub", "refused", data_dir=hub_dir).stdout
    assert "2.wsbundle" in listed and "revoked" in listed
    assert run(cli, "hub", "approve", fp.replace(" ", ""), data_dir=hub_dir).returncode == 0
    third = tmp_path / "3.wsbundle"
    cli.ok("export", wid, "--out", third)
    assert run(cli, "hub", "import", third, data_dir=hub_dir).returncode == 0
    shown = run(cli, "hub", "refused", data_dir=hub_dir)
    assert "2.wsbundle" not in shown.stdout
    assert "1 refusal superseded by a later import is not shown" in shown.stdout, shown.stdout
    every = run(cli, "hub", "refused", "--all", data_dir=hub_dir).stdout
    assert "2.wsbundle" in every and "superseded: 3.wsbundle" in every, every
    data = json.loads(run(cli, "hub", "refused", "--json", "--all", data_dir=hub_dir).stdout)
    [entry] = data["refused"]
    assert entry["superseded_by"]["file_name"] == "3.wsbundle"


def test_a_fingerprint_pasted_as_printed_works_unquoted(cli: Cli, staff, tmp_path):
    hub_dir, pub = staff
    _, bundle = _bundle(cli, pub, tmp_path / "w.wsbundle", ["Held until approved"])
    assert run(cli, "hub", "import", bundle, data_dir=hub_dir).returncode == 3
    printed = cli.ok("install-key", pub).splitlines()[-1].split(": ", 1)[1]
    words = printed.split()
    assert len(words) == 16
    approved = run(cli, "hub", "approve", *words, data_dir=hub_dir)
    assert approved.returncode == 0, approved.stderr
    assert "merged into workshop" in approved.stdout
    revoked = run(cli, "hub", "revoke", *words, data_dir=hub_dir)
    assert revoked.returncode == 0, revoked.stderr
    assert "Revoked laptop " + printed in revoked.stdout
    again = run(cli, "hub", "laptops", "approve", *words, data_dir=hub_dir)
    assert again.returncode == 0, again.stderr
    assert "Approved laptop " + printed in again.stdout


@pytest.mark.parametrize("command", ["workshops", "priorities", "conflicts", "refused", "laptops"])
def test_a_mistyped_hub_is_said_not_made(cli: Cli, tmp_path, command):
    """Reading a hub that is not there (a typo in --hub or --data-dir) says so and makes no
    empty hub that would then answer "no workshops yet"."""
    missing = tmp_path / "no such place" / "hub.sqlite"
    out = run(cli, "hub", command, "--hub", f"sqlite:///{missing}", data_dir=tmp_path / "d")
    assert out.returncode == 1, (out.stdout, out.stderr)
    [line] = out.stderr.strip().splitlines()
    assert "There is no hub at" in line and "hub init" in line
    assert not missing.exists() and not missing.parent.exists()


def test_priorities_refuse_an_impossible_or_reversed_date(cli: Cli, staff):
    hub_dir, _ = staff
    bad = run(cli, "hub", "priorities", "--from", "2026-13-45", data_dir=hub_dir)
    assert bad.returncode != 0 and "2026-13-45" in bad.stderr
    reversed_ = run(
        cli, "hub", "priorities", "--from", "2026-12-01", "--to", "2026-01-01", data_dir=hub_dir
    )
    assert reversed_.returncode != 0 and "before" in reversed_.stderr


def test_approving_takes_the_whole_fingerprint_revoking_a_part_will_do(cli: Cli, staff, tmp_path):
    """Eight characters are 32 bits: a stranger's key made to start the same could be trusted
    by staff typing only the first blocks. Approval needs all of it; revoking (which only
    refuses) still takes a part."""
    hub_dir, pub = staff
    _, bundle = _bundle(cli, pub, tmp_path / "w.wsbundle", ["Held until approved"])
    assert run(cli, "hub", "import", bundle, data_dir=hub_dir).returncode == 3
    printed = cli.ok("install-key", pub).splitlines()[-1].split(": ", 1)[1]
    part = run(cli, "hub", "approve", *printed.split()[:3], data_dir=hub_dir)
    assert part.returncode == 1 and "whole fingerprint" in part.stderr
    assert "pending" in run(cli, "hub", "laptops", data_dir=hub_dir).stdout
    assert run(cli, "hub", "revoke", printed[:9], data_dir=hub_dir).returncode == 0


def test_export_csv_makes_the_folder_it_is_given_and_refuses_a_file(cli: Cli, staff, tmp_path):
    hub_dir, _ = staff
    out = tmp_path / "programme" / "december"
    made = run(cli, "hub", "export-csv", "--out", out, data_dir=hub_dir)
    assert made.returncode == 0, made.stderr
    assert (out / "workshops.csv").is_file() and (out / "priorities.csv").is_file()
    a_file = tmp_path / "notes.txt"
    a_file.write_text("x")
    refused = run(cli, "hub", "export-csv", "--out", a_file, data_dir=hub_dir)
    assert refused.returncode == 1 and "is a file, not a folder" in refused.stderr
