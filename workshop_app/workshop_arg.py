"""The WORKSHOP argument of the commands: optional when the laptop holds one workshop, as it
usually does, so `workshop-app report --out report.pdf` needs no id to be looked up first."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from workshop_app.errors import AppError
from workshop_app.i18n import _, ngettext
from workshop_app.store.datafolder import default_data_dir


def workshop_arg() -> dict[str, Any]:
    """The argument's settings, its help in the language in use (asked for as parsers are
    built, after the command line has chosen its language)."""
    return {
        "metavar": "WORKSHOP",
        "nargs": "?",
        "default": None,
        "help": _(
            "workshop id or a unique prefix of it (may be left out when there is one workshop)"
        ),
    }


def fill_in_workshop(args: argparse.Namespace) -> None:
    """Name the one workshop on this laptop when the command was given none."""
    words = getattr(args, "words", None)
    if args.command == "participants" and words is not None:  # [import] [WORKSHOP] [FILE]
        if not words:
            words.append(_only_workshop(args))
        elif words == ["import", *words[1:2]] and len(words) == 2 and _a_file(words[1]):
            words.insert(1, _only_workshop(args))
        return
    if hasattr(args, "workshop") and args.workshop is None:
        args.workshop = _only_workshop(args)


def _a_file(word: str) -> bool:
    # "import FILE.csv" names the file only; "import WORKSHOP" is a mistake to report as such.
    return word.lower().endswith(".csv") or Path(word).is_file()


def _only_workshop(args: argparse.Namespace) -> str:
    from workshop_app.core.workshop_info import quick_workshop_list

    data_dir = args.data_dir or default_data_dir()
    found = quick_workshop_list(data_dir)
    if found is None:
        from workshop_app.core.workshops import list_workshops
        from workshop_app.store.database import Database

        db = Database.open(data_dir)
        try:
            found = db.read(list_workshops)
        finally:
            db.close()
    if len(found) == 1:
        return found[0].id
    if not found:
        raise AppError(_("There are no workshops on this laptop yet. Try: workshop-app demo"))
    raise AppError(
        ngettext(
            "This laptop holds {n} workshop: name it by its id (workshop-app workshops lists it).",
            "This laptop holds {n} workshops: name one by its id or the start of it "
            "(workshop-app workshops lists them).",
            len(found),
        )
    )
