"""The command line's counted phrases are right in both numbers ("1 note", "2 notes", never
"1 notes" or "note(s)"): each goes through the translation layer's plural forms."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from e2e_support import Cli, new_workshop


def test_counts_in_listings_and_imports_are_singular_and_plural_as_read(cli: Cli) -> None:
    workshop = new_workshop(cli.data_dir)
    one = cli.tmp_path / "one.txt"
    one.write_text("Bus to the hospital\n", encoding="utf-8")
    assert f"Imported 1 note into '{workshop.title}'" in cli.ok("notes", "import", workshop.id, one)
    listing = cli.ok("workshops")
    assert "1 note " in listing and "0 clusters" in listing
    two = cli.tmp_path / "two.txt"
    two.write_text("Warm hub\nRepair cafe\n", encoding="utf-8")
    assert "Imported 2 notes into" in cli.ok("notes", "import", workshop.id, two)
    assert "3 notes " in cli.ok("workshops")


def test_demo_narratives_and_results_never_say_1_stories_or_dot_s(cli: Cli) -> None:
    workshop_id = cli.ok("demo").strip()
    everything = cli.ok("narratives", workshop_id) + cli.ok("results", workshop_id)
    assert "1 story (" in everything
    assert not re.search(r"\b1 (stories|dots|notes|supporters|objections)\b", everything)
    assert "(s)" not in everything
    assert re.search(r"\b1 supporter\b", everything)


def test_the_command_line_speaks_the_system_s_language(cli) -> None:
    """Issue "Ship it", point 4: the command line goes through the translation layer too; with
    a Welsh system it answers in Welsh (as the catalogue says), with an English one in English."""
    import subprocess

    import polib

    from workshop_app.i18n import catalogue_path

    english = "No workshops yet. Try: workshop-app demo"
    welsh = polib.pofile(str(catalogue_path("cy"))).find(english).msgstr
    assert welsh and welsh != english
    env = {**cli.env, "LANGUAGE": "cy"}
    done = subprocess.run(
        cli.argv("workshops", "--data-dir", cli.data_dir), capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == welsh
    assert cli.ok("workshops").strip() == english


def test_every_command_s_help_reads_in_welsh_on_a_welsh_system(cli: Cli) -> None:
    """`--help` is built in the language in use: each command's help must be there in Welsh,
    and a translated word must never be taken for a command's name."""
    import subprocess

    import polib

    from workshop_app.i18n import catalogue_path

    catalogue = polib.pofile(str(catalogue_path("cy")))
    env = {**cli.env, "LANGUAGE": "cy"}
    for command, english in [
        ("report", "paper size (default: a4)"),
        ("handouts", "also print N walk-in cards, each with a fresh code added to the register"),
        ("export", None),
        ("workshops", "include archived workshops"),
    ]:
        done = subprocess.run(
            cli.argv(command, "--help"), capture_output=True, text=True, env=env, timeout=60
        )
        assert done.returncode == 0, done.stderr
        if english is not None:
            welsh = " ".join(catalogue.find(english).msgstr.split())
            assert welsh in " ".join(done.stdout.split())
    top = subprocess.run(cli.argv("--help"), capture_output=True, text=True, env=env, timeout=60)
    welsh = catalogue.find("the workshop report").msgstr
    assert " ".join(welsh.split()) in " ".join(top.stdout.split())


def test_a_mistyped_command_is_told_wholly_in_welsh_on_a_welsh_system(cli: Cli) -> None:
    """argparse's own words ("usage:", "error:", "invalid choice") go through the catalogue
    too: a Welsh reader never meets English headings around Welsh help."""
    import subprocess

    env = {**cli.env, "LANGUAGE": "cy"}
    done = subprocess.run(cli.argv("worksops"), capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 2
    assert "defnydd: workshop-app" in done.stderr
    assert "workshop-app: gwall: dadl COMMAND: dewis annilys: 'worksops'" in done.stderr
    assert "usage:" not in done.stderr and "error:" not in done.stderr
    helped = subprocess.run(cli.argv("--help"), capture_output=True, text=True, env=env)
    assert "dewisiadau:" in helped.stdout and "dangos y neges gymorth hon" in helped.stdout
    assert "dangos rhif y fersiwn" in helped.stdout
    english = cli.run("worksops")
    assert "usage: workshop-app" in english.stderr and "invalid choice" in english.stderr


def test_the_command_line_speaks_the_language_chosen_in_the_app(cli) -> None:
    """Settings > Language chose Cymraeg on a laptop whose system speaks English: printed
    documents and messages from the command line are in Welsh too."""
    from workshop_app import i18n

    env = cli.env
    config = Path(env["XDG_CONFIG_HOME"])
    saved = i18n.language_choice_file(config)
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text("cy\n", encoding="utf-8")
    out = subprocess.run(
        cli.argv("workshops"), capture_output=True, env=env, encoding="utf-8", timeout=60
    )
    assert out.returncode == 0, out.stderr
    import polib

    welsh = polib.pofile(str(i18n.catalogue_path("cy"))).find(
        "No workshops yet. Try: workshop-app demo"
    )
    assert welsh is not None and welsh.msgstr
    assert out.stdout.strip() == welsh.msgstr
