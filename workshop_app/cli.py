"""The one entry point: the GUI by default, sub-commands for scripted work.

Each sub-command prints what it did; a failure is one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from workshop_app import __version__
from workshop_app.core import demo, notes_io, workshops
from workshop_app.errors import AppError
from workshop_app.store.database import Database
from workshop_app.store.datafolder import default_data_dir

JSON_FORMAT_VERSION = 1


def _data_dir_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=default,
        metavar="DIR",
        help="folder holding the local store (default: the user's data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workshop-app",
        description="Offline community engagement workshops. Without a command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _data_dir_option(parser, None)
    # Sub-commands accept --data-dir too, without overwriting one given before the command.
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", help="create the demo workshop and print its id")
    _data_dir_option(p, argparse.SUPPRESS)

    p = sub.add_parser("workshops", help="list workshops (id, title, date, counts)")
    _data_dir_option(p, argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help="print JSON (format in README)")
    p.add_argument("--all", action="store_true", help="include archived workshops")

    notes = sub.add_parser("notes", help="import or export a workshop's notes")
    notes_sub = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)
    p = notes_sub.add_parser("import", help="add notes from a .txt (one per line) or .csv file")
    _data_dir_option(p, argparse.SUPPRESS)
    p.add_argument("workshop", metavar="WORKSHOP", help="workshop id or a unique prefix of it")
    p.add_argument("file", type=Path, metavar="FILE")
    p = notes_sub.add_parser("export", help="write the notes as CSV, safe for spreadsheets")
    _data_dir_option(p, argparse.SUPPRESS)
    p.add_argument("workshop", metavar="WORKSHOP", help="workshop id or a unique prefix of it")
    p.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    return parser


def _open(args: argparse.Namespace) -> Database:
    return Database.open(args.data_dir or default_data_dir())


def cmd_demo(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        workshop = db.run(demo.create_demo_workshop)
    finally:
        db.close()
    print(workshop.id)
    return 0


def cmd_workshops(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        items = db.read(lambda s: workshops.list_workshops(s, include_archived=args.all))
    finally:
        db.close()
    if args.json:
        payload = {"version": JSON_FORMAT_VERSION, "workshops": [w.as_json() for w in items]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not items:
        print("No workshops yet. Try: workshop-app demo")
        return 0
    for w in items:
        when = (w.starts_at or "no date").replace("T", " ")
        flag = "  [archived]" if w.archived else ""
        print(
            f"{w.id}  {when:<16}  {w.notes:>5} notes {w.themes:>3} themes "
            f"{w.clusters:>4} clusters  {w.title}{flag}"
        )
    return 0


def cmd_notes_import(args: argparse.Namespace) -> int:
    rows = notes_io.read_notes_file(args.file)
    db = _open(args)
    try:
        workshop = db.read(lambda s: workshops.resolve_workshop(s, args.workshop))
        result = db.run(lambda s: notes_io.import_notes(s, workshop.id, rows))
    finally:
        db.close()
    n = result.clusters_created
    extra = f" and {n} new cluster{'s' if n != 1 else ''}" if n else ""
    print(f"Imported {result.notes_added} notes{extra} into '{workshop.title}' ({workshop.id}).")
    return 0


def cmd_notes_export(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        workshop = db.read(lambda s: workshops.resolve_workshop(s, args.workshop))
        rows = db.read(lambda s: notes_io.export_rows(s, workshop.id))
    finally:
        db.close()
    notes_io.write_csv(args.out, rows)
    print(f"Exported {len(rows)} notes of '{workshop.title}' ({workshop.id}) to {args.out}.")
    return 0


def cmd_gui(args: argparse.Namespace) -> int:
    from workshop_app.ui.app import run_gui

    return run_gui(args.data_dir or default_data_dir())


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    handlers = {
        None: cmd_gui,
        "demo": cmd_demo,
        "workshops": cmd_workshops,
        "notes": lambda a: (cmd_notes_import if a.notes_command == "import" else cmd_notes_export)(
            a
        ),
    }
    try:
        return handlers[args.command](args)
    except AppError as exc:
        print(f"workshop-app: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("workshop-app: interrupted.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
