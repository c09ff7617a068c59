"""The command-line sub-commands: each opens the store, does one job and says what it did."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from workshop_app.core import demo, notes_io, workshops
from workshop_app.store.database import Database
from workshop_app.store.datafolder import default_data_dir

JSON_FORMAT_VERSION = 1


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


def _notes(args: argparse.Namespace) -> int:
    return cmd_notes_import(args) if args.notes_command == "import" else cmd_notes_export(args)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "workshops": cmd_workshops,
    "notes": _notes,
}


def run_command(args: argparse.Namespace) -> int:
    return COMMANDS[args.command](args)
