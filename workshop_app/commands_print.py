"""`workshop-app print …`: participant cards, the welcome sheet, the results sheet and the
workshop report as PDF files.

Only argparse is imported when the module loads (the GUI's start-up imports this parser);
reportlab, the store and core are imported when a print command actually runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

DataDirOption = Callable[[argparse.ArgumentParser, object], None]


def add_print_parser(sub: argparse._SubParsersAction, data_dir_option: DataDirOption) -> None:
    """Register `print` and its four documents on the main parser's sub-commands."""
    printing = sub.add_parser("print", help="print cards, the welcome sheet, results or the report")
    kinds = printing.add_subparsers(dest="print_command", metavar="DOCUMENT", required=True)

    def document(name: str, help_text: str) -> argparse.ArgumentParser:
        p = kinds.add_parser(name, help=help_text)
        data_dir_option(p, argparse.SUPPRESS)
        p.add_argument("workshop", metavar="WORKSHOP", help="workshop id or a unique prefix of it")
        p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
        return p

    p = document("cards", "participant cards, eight to an A4 sheet, with QR codes")
    p.add_argument(
        "--blank",
        type=int,
        default=0,
        metavar="N",
        help="also print N walk-in cards, each with a fresh code added to the register",
    )
    p = document("welcome", "the welcome and follow-up sheet (A4 poster)")
    p.add_argument("--a5", action="store_true", help="an A5 handout instead of the A4 poster")
    p = document("results", "the results sheet of a round (the latest closed one by default)")
    p.add_argument("--round", metavar="NAME", help="the round's name")
    p = document("report", "the workshop report")
    p.add_argument(
        "--paper", choices=("a4", "letter"), default="a4", help="paper size (default: a4)"
    )


def _pdf_name(path: Path) -> Path:
    from workshop_app.errors import AppError

    if path.is_dir():
        raise AppError(f"{path} is a folder: give a file name such as report.pdf.")
    return path


def cmd_print(args: argparse.Namespace) -> int:
    from workshop_app.core import workshops
    from workshop_app.printing.output import write_pdf
    from workshop_app.store.database import Database
    from workshop_app.store.datafolder import default_data_dir

    out = _pdf_name(args.out)
    db = Database.open(args.data_dir or default_data_dir())
    try:
        workshop = db.read(lambda s: workshops.resolve_workshop(s, args.workshop))
        kind = args.print_command
        if kind == "cards":
            from workshop_app.printing.cards import cards_pdf, load_cards

            def make_cards(session):
                # Walk-in codes are committed only once their cards are safely on disk.
                data = load_cards(session, workshop.id, args.blank)
                write_pdf(out, cards_pdf(data))
                return data

            data = db.run(make_cards)
            walk_ins = [c.code for c in data.cards if c.walk_in]
            line = f"Wrote {_cards(len(data.cards))} for '{workshop.title}' to {out}"
            if walk_ins:
                line += f"; walk-in codes added to the register: {', '.join(walk_ins)}"
            print(line + ".")
        elif kind == "welcome":
            from workshop_app.printing.welcome import welcome_pdf

            write_pdf(out, welcome_pdf(workshop, a5=args.a5))
            size = "A5 handout" if args.a5 else "A4 poster"
            print(f"Wrote the welcome sheet ({size}) for '{workshop.title}' to {out}.")
        elif kind == "results":
            from workshop_app.printing.results_sheet import load_results_sheet, results_sheet_pdf

            sheet = db.read(lambda s: load_results_sheet(s, workshop.id, args.round))
            write_pdf(out, results_sheet_pdf(sheet))
            print(f"Wrote the results sheet of '{sheet.result.round.name}' to {out}.")
        else:
            from workshop_app.printing.report import load_report, report_pdf

            report = db.read(lambda s: load_report(s, workshop.id))
            write_pdf(out, report_pdf(report, paper=args.paper))
            print(f"Wrote the report of '{workshop.title}' to {out}.")
    finally:
        db.close()
    return 0


def _cards(n: int) -> str:
    return "1 participant card" if n == 1 else f"{n} participant cards"
