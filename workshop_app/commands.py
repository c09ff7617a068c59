"""The command-line sub-commands: each opens the store, does one job and says what it did."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from workshop_app.commands_print import cmd_print
from workshop_app.commands_sync import SYNC_COMMANDS
from workshop_app.commands_workshops import JSON_FORMAT_VERSION, cmd_workshops
from workshop_app.core import demo, notes_io, participants_io, voting, workshops
from workshop_app.core.consent import QUOTE_LABELS, ConsentChoices, fields_leaving_laptop
from workshop_app.core.equality import reach_summary
from workshop_app.core.narratives import list_narratives
from workshop_app.core.operations import plural
from workshop_app.core.participants import ParticipantInfo, list_participants
from workshop_app.core.stories import list_stories
from workshop_app.core.voting_io import write_results_csv
from workshop_app.errors import AppError
from workshop_app.i18n import _
from workshop_app.store.database import Database
from workshop_app.store.datafolder import default_data_dir
from workshop_app.terminal_text import terminal_safe as shown


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


def cmd_notes_import(args: argparse.Namespace) -> int:
    rows = notes_io.read_notes_file(args.file)
    db = _open(args)
    try:
        workshop = db.read(lambda s: workshops.resolve_workshop(s, args.workshop))
        result = db.run(lambda s: notes_io.import_notes(s, workshop.id, rows))
    finally:
        db.close()
    n = result.clusters_created
    added = plural(result.notes_added, "{n} note", "{n} notes")
    if n:
        added = _("{notes} and {clusters}").format(
            notes=added, clusters=plural(n, "{n} new cluster", "{n} new clusters")
        )
    print(
        _("Imported {what} into '{title}' ({id}).").format(
            what=added, title=shown(workshop.title), id=workshop.id
        )
    )
    return 0


def cmd_notes_export(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        workshop = db.read(lambda s: workshops.resolve_workshop(s, args.workshop))
        rows = db.read(lambda s: notes_io.export_rows(s, workshop.id))
    finally:
        db.close()
    notes_io.write_csv(args.out, rows)
    print(
        _("Exported {notes} of '{title}' ({id}) to {file}.").format(
            notes=plural(len(rows), "{n} note", "{n} notes"),
            title=shown(workshop.title),
            id=workshop.id,
            file=args.out,
        )
    )
    return 0


def _notes(args: argparse.Namespace) -> int:
    return cmd_notes_import(args) if args.notes_command == "import" else cmd_notes_export(args)


def participants_usage() -> str:
    return _(
        "use: workshop-app participants WORKSHOP [--json], or "
        "workshop-app participants import WORKSHOP FILE.csv"
    )


def consent_summary(info: ParticipantInfo) -> str:
    if info.consent is None:
        return _("no consent recorded")
    if info.consent.withdrawn_at:
        return _("consent withdrawn")
    c = info.choices
    if not c.take_part:
        return _("not taking part")
    parts = [_("takes part"), _(QUOTE_LABELS[c.quote]).lower()]
    for flag, label in (
        (c.photo, _("photo")),
        (c.contact, _("contact")),
        (c.use_report, _("report")),
        (c.use_publicity, _("publicity")),
    ):
        if flag:
            parts.append(label)
    return ", ".join(parts)


def participant_json(info: ParticipantInfo) -> dict:
    """Only what consent lets leave the laptop: never the area, a name only with consent to be
    named or contacted, contact details only with consent to be contacted."""
    c: ConsentChoices = info.choices
    shared = fields_leaving_laptop(c)
    return {
        "code": info.code,
        "consent": {
            "take_part": c.take_part,
            "quote": c.quote,
            "photo": c.photo,
            "contact": c.contact,
            "use_report": c.use_report,
            "use_publicity": c.use_publicity,
            "withdrawn": bool(info.consent and info.consent.withdrawn_at),
        },
        "name": (info.name or None) if "name" in shared else None,
        "email": (info.email or None) if "email" in shared else None,
        "phone": (info.phone or None) if "phone" in shared else None,
    }


def cmd_participants_list(args: argparse.Namespace, ref: str) -> int:
    db = _open(args)
    try:
        workshop = db.read(lambda s: workshops.resolve_workshop(s, ref))
        people = db.read(lambda s: list_participants(s, workshop.id))
        reach = db.read(lambda s: reach_summary(s, workshop.id)) if args.json else None
    finally:
        db.close()
    if reach is not None:
        payload = {
            "version": JSON_FORMAT_VERSION,
            "workshop": {"id": workshop.id, "title": workshop.title},
            "participants": [participant_json(p) for p in people],
            "reach": reach.as_json(),
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not people:
        print(
            _("No participants in '{title}' ({id}) yet.").format(
                title=shown(workshop.title), id=workshop.id
            )
        )
        return 0
    for p in people:
        print(f"{p.code}  {shown(p.name):<30}  {consent_summary(p)}")
    return 0


def cmd_participants_import(args: argparse.Namespace, ref: str, file: Path) -> int:
    rows = participants_io.read_participants_csv(file)
    plans = participants_io.preview(rows)
    recorded_by = args.recorded_by.strip() or _("imported from {file}").format(file=file.name)
    db = _open(args)
    try:
        workshop = db.read(lambda s: workshops.resolve_workshop(s, ref))
        known = db.read(lambda s: participants_io.already_in_register(s, workshop.id, rows))
        infos = db.run(
            lambda s: participants_io.import_participants(s, workshop.id, rows, recorded_by)
        )
    finally:
        db.close()
    line = _("Imported {people} into '{title}' ({id})").format(
        people=plural(len(infos), "{n} participant", "{n} participants"),
        title=shown(workshop.title),
        id=workshop.id,
    )
    if known:
        line += "; " + plural(
            len(known), "{n} was already in the register", "{n} were already in the register"
        )
    by_reason: dict[str, list[str]] = {}
    for (field, why), count in participants_io.dropped_counts(plans).items():
        by_reason.setdefault(why, []).append(_dropped(field, count))
    for why, parts in by_reason.items():
        listed = _("{first} and {last}").format(first=", ".join(parts[:-1]), last=parts[-1])
        listed = listed if len(parts) > 1 else parts[0]
        line += "; " + _("{what} not kept: {why}").format(what=listed, why=why)
    print(line + ".")


def _dropped(field: str, count: int) -> str:
    if field == "phone":
        return plural(count, "{n} phone number", "{n} phone numbers")
    if field == "email":
        return plural(count, "{n} email", "{n} emails")
    if field == "name":
        return plural(count, "{n} name", "{n} names")
    return f"{count} {field}"
    return 0


def cmd_participants(args: argparse.Namespace) -> int:
    words = list(args.words)
    if words[0] == "import":
        if len(words) != 3:
            raise AppError(
                _("participants import needs a WORKSHOP and a FILE.csv ({usage}).").format(
                    usage=participants_usage()
                )
            )
        if args.json:
            raise AppError(_("--json is for listing participants, not for an import."))
        return cmd_participants_import(args, words[1], Path(words[2]))
    if len(words) != 1:
        raise AppError(
            _("participants takes one WORKSHOP ({usage}).").format(usage=participants_usage())
        )
    return cmd_participants_list(args, words[0])


def cmd_narratives(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        workshop = db.read(lambda s: workshops.resolve_workshop(s, args.workshop))

        def load(s):
            return [
                (n, list_stories(s, workshop.id, n.target_kind, n.target_id))
                for n in list_narratives(s, workshop.id)
            ]

        items = db.read(load)
    finally:
        db.close()
    if args.json:
        payload = {
            "version": JSON_FORMAT_VERSION,
            "workshop": {"id": workshop.id, "title": workshop.title},
            "narratives": [
                {**n.as_json(), "stories": [st.as_json() for st in stories]} for n, stories in items
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not items:
        print(
            _("No narratives in '{title}' ({id}) yet.").format(
                title=shown(workshop.title), id=workshop.id
            )
        )
        return 0
    for n, stories in items:
        published = sum(1 for st in stories if st.publish)
        counts = _("{words}, {stories} ({published} publishable)").format(
            words=plural(n.words, "{n} word", "{n} words"),
            stories=plural(len(stories), "{n} story", "{n} stories"),
            published=published,
        )
        print(f"{n.id}  {counts}  {shown(n.title)}")
    return 0


def cmd_results(args: argparse.Namespace) -> int:
    db = _open(args)
    try:
        workshop = db.read(lambda s: workshops.resolve_workshop(s, args.workshop))

        def load(s):
            chosen = voting.find_round(s, workshop.id, args.round)
            return voting.results(s, chosen.id)

        result = db.read(load)
    finally:
        db.close()
    if args.csv is not None:
        write_results_csv(args.csv, result)
        print(
            _("Wrote the results of '{round}' to {file}.").format(
                round=shown(result.round.name), file=args.csv
            ),
            file=sys.stderr,
        )
    if args.json:
        payload = result.as_json()
        payload["workshop"] = {"id": workshop.id, "title": workshop.title}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    info = result.round
    print(f"{shown(info.name)} ({shown(workshop.title)}): {info.rules()}")
    totals = (
        plural(result.voters, "{n} voted at the laptop", "{n} voted at the laptop"),
        plural(result.paper_dots, "{n} paper dot", "{n} paper dots"),
        plural(result.dots_cast, "{n} dot in all", "{n} dots in all"),
        plural(result.dots_unused, "{n} unused", "{n} unused"),
    )
    print(", ".join(totals))
    for line in result.lines:
        mark = "=" if line.tied else ("~" if line.near_tie else " ")
        extra = (
            "  " + plural(line.objections, "{n} objection", "{n} objections")
            if line.objections
            else ""
        )
        dots = plural(line.dots, "{n} dot", "{n} dots")
        supporters = plural(line.supporters, "{n} supporter", "{n} supporters")
        print(
            f"{line.rank:>3}{mark} {dots:>10} {line.share:>6.1%}  "
            f"{supporters:>14}  {shown(line.label)}{extra}"
        )
    print(_("= tied (never broken silently), ~ near-tie"))
    for group in result.tie_groups():
        print(
            _("Tied at rank {rank}: {options}").format(
                rank=group[0].rank, options="; ".join(shown(ln.label) for ln in group)
            )
        )
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "demo": cmd_demo,
    "workshops": cmd_workshops,
    "notes": _notes,
    "participants": cmd_participants,
    "narratives": cmd_narratives,
    "results": cmd_results,
    "print": cmd_print,
    **SYNC_COMMANDS,
}


def run_command(args: argparse.Namespace) -> int:
    return COMMANDS[args.command](args)
