"""`workshop-app --smoke-test`, which installers and CI run against a built app: it must prove
the first screen really painted, and fail loudly when it cannot."""

from __future__ import annotations

from e2e_support import Cli


def test_smoke_test_paints_the_home_screen_of_a_new_data_folder(cli: Cli) -> None:
    out = cli.ok("--smoke-test")
    assert "home screen painted" in out
    assert (cli.data_dir / "workshop.db").exists() or any(cli.data_dir.iterdir())


def test_smoke_test_fails_with_the_reason_when_the_folder_cannot_open(cli: Cli) -> None:
    not_a_folder = cli.tmp_path / "a-file"
    not_a_folder.write_text("x", encoding="utf-8")
    result = cli.run("--smoke-test", data_dir=not_a_folder)
    assert result.returncode == 1
    assert "is a file, not a folder" in result.stderr
    assert "home screen painted" not in result.stdout
