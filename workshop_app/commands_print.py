"""The printed documents on the command line, as PDF files:

    workshop-app handouts WORKSHOP --out FILE.pdf [--blank N]
    workshop-app welcome-sheet WORKSHOP --out FILE.pdf [--size a4|a5]
    workshop-app results-sheet WORKSHOP --out FILE.pdf [--round NAME]
    workshop-app report WORKSHOP --out FILE.pdf [--paper a4|letter]

Each prints what it wrote; bad input is one line on stderr and exit 1 (argument errors too).
The older `workshop-app print cards|welcome|results|report …` still works.

Only argparse is imported when the module loads (the GUI's start-up imports this parser);
reportlab, the store and core are imported when a print command actually runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from workshop_app.i18n import _
from workshop_app.workshop_arg import workshop_arg

DataDirOption = Callable[[argparse.ArgumentParser, object], None]

# Command name -> the document it prints (the older `print DOCUMENT` names).
COMMAND_NAMES = {
    "handouts": "cards",
    "welcome-sheet": "welcome",
    "results-sheet": "results",
    "report": "report",
}
# The file name suggested when --out is a folder, for each document.
FILE_NAMES = {
    "cards": "cards.pdf",
    "welcome": "welcome.pdf",
    "results": "results.pdf",
    "report": "report.pdf",
}


def _one_line_errors(parser: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """Argument mistakes as one line on stderr and exit 1, as every other bad input."""

    def error(message: str) -> NoReturn:
        print(f"workshop-app: {parser.prog.split()[-1]}: {message}", file=sys.stderr)
        sys.exit(1)

    parser.error = error  # type: ignore[method-assign]
    return parser


def _document(
    parent: argparse._SubParsersAction,
    name: str,
    help_text: str,
    data_dir_option: DataDirOption,
    kind: str,
) -> argparse.ArgumentParser:
    p = _one_line_errors(parent.add_parser(name, help=help_text))
    data_dir_option(p, argparse.SUPPRESS)
    p.add_argument("workshop", **workshop_arg())
    p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    # Every document runs through cmd_print (registered as "print" in commands.COMMANDS).
    p.set_defaults(command="print", print_command=kind)
    return p


def _options(p: argparse.ArgumentParser, kind: str, legacy: bool) -> None:
    if kind == "cards":
        p.add_argument(
            "--blank",
            type=int,
            default=0,
            metavar="N",
            help=_("also print N walk-in cards, each with a fresh code added to the register"),
        )
    elif kind == "welcome":
        p.add_argument(
            "--size",
            choices=("a4", "a5"),
            default="a4",
            help=_("a4: a poster for the door (default); a5: a handout for each seat"),
        )
        if legacy:
            p.add_argument(
                "--a5", dest="size", action="store_const", const="a5", help=_("--size a5")
            )
    elif kind == "results":
        p.add_argument("--round", metavar="NAME", help=_("the round's name (default: the latest)"))
    else:
        p.add_argument(
            "--paper", choices=("a4", "letter"), default="a4", help=_("paper size (default: a4)")
        )


def add_print_parser(sub: argparse._SubParsersAction, data_dir_option: DataDirOption) -> None:
    """Register the four document commands (and the older `print DOCUMENT` form)."""
    helps = {
        "cards": _("participant cards, eight to an A4 sheet, with QR codes"),
        "welcome": _("the welcome and follow-up sheet (A4 poster or A5 handout)"),
        "results": _("the results sheet of a closed round (the latest one by default)"),
        "report": _("the workshop report"),
    }
    for name, kind in COMMAND_NAMES.items():
        _options(_document(sub, name, helps[kind], data_dir_option, kind), kind, legacy=False)
    printing = _one_line_errors(
        sub.add_parser("print", help=_("older names of the commands above"))
    )
    kinds = printing.add_subparsers(dest="print_command", metavar="DOCUMENT", required=True)
    for kind, help_text in helps.items():
        _options(_document(kinds, kind, help_text, data_dir_option, kind), kind, legacy=True)


def _pdf_name(path: Path, kind: str) -> Path:
    """The --out file; a folder is refused with a file name in it suggested for the document."""
    from workshop_app.errors import AppError
    from workshop_app.i18n import _

    if path.is_dir():
        message = _("{path} is a folder: give a file name such as {example}.")
        raise AppError(message.format(path=path, example=path / FILE_NAMES[kind]))
    return path


def cmd_print(args: argparse.Namespace) -> int:
    from workshop_app.core import workshops
    from workshop_app.i18n import _, ngettext
    from workshop_app.printing.output import write_pdf
    from workshop_app.store.database import Database
    from workshop_app.store.datafolder import default_data_dir

    kind = args.print_command
    out = _pdf_name(args.out, kind)
    db = Database.open(args.data_dir or default_data_dir())
    try:
        workshop = db.read(lambda s: workshops.resolve_workshop(s, args.workshop))
        if kind == "cards":
            from workshop_app.printing.cards import cards_pdf, load_cards

            def make_cards(session):
                # Walk-in codes are committed only once their cards are safely on disk.
                data = load_cards(session, workshop.id, args.blank)
                write_pdf(out, cards_pdf(data))
                return data

            data = db.run(make_cards)
            walk_ins = [c.code for c in data.cards if c.walk_in]
            if walk_ins:
                line = ngettext(
                    "Wrote {n} participant card for '{title}' to {path}; walk-in codes added "
                    "to the register: {codes}.",
                    "Wrote {n} participant cards for '{title}' to {path}; walk-in codes added "
                    "to the register: {codes}.",
                    len(data.cards),
                ).format(title=workshop.title, path=out, codes=", ".join(walk_ins))
            else:
                line = ngettext(
                    "Wrote {n} participant card for '{title}' to {path}.",
                    "Wrote {n} participant cards for '{title}' to {path}.",
                    len(data.cards),
                ).format(title=workshop.title, path=out)
            print(line)
        elif kind == "welcome":
            from workshop_app.printing.welcome import welcome_pdf

            a5 = args.size == "a5"
            write_pdf(out, welcome_pdf(workshop, a5=a5))
            if a5:
                line = _("Wrote the welcome sheet (A5 handout) for '{title}' to {path}.")
            else:
                line = _("Wrote the welcome sheet (A4 poster) for '{title}' to {path}.")
            print(line.format(title=workshop.title, path=out))
        elif kind == "results":
            from workshop_app.printing.results_sheet import load_results_sheet, results_sheet_pdf

            sheet = db.read(lambda s: load_results_sheet(s, workshop.id, args.round))
            write_pdf(out, results_sheet_pdf(sheet))
            line = _("Wrote the results sheet of '{round}' to {path}.")
            print(line.format(round=sheet.result.round.name, path=out))
        else:
            from workshop_app.printing.report import load_report, report_pdf

            report = db.read(lambda s: load_report(s, workshop.id))
            write_pdf(out, report_pdf(report, paper=args.paper))
            line = _("Wrote the report of '{title}' to {path}.")
            print(line.format(title=workshop.title, path=out))
    finally:
        db.close()
    return 0
