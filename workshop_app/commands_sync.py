"""Command line for bundles and the programme hub. Parsers only at import time (the GUI starts
without the store or `cryptography`); each command imports what it needs when it runs.

Exit codes: 0 done, 1 a refusal or error (one line on stderr), 3 a bundle held until staff
approve its laptop."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop_app.errors import AppError
from workshop_app.workshop_arg import WORKSHOP_ARG

if TYPE_CHECKING:
    from workshop_app.sync.hub import Hub, ImportOutcome

PASSPHRASE_ENV = "WORKSHOP_HUB_PASSPHRASE"
EXIT_HELD = 3
JSON_FORMAT_VERSION = 1
DataDirOption = Callable[[argparse.ArgumentParser, object], None]


def add_sync_parsers(sub: Any, data_dir_option: DataDirOption) -> None:
    p = sub.add_parser("export", help="write a workshop's bundle for the programme hub")
    data_dir_option(p, argparse.SUPPRESS)
    p.add_argument("workshop", **WORKSHOP_ARG)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.wsbundle")
    p.add_argument(
        "--unencrypted",
        action="store_true",
        help="write without encrypting to the hub (personal data then travels readable)",
    )
    p = sub.add_parser(
        "install-key", help="install the hub's public key on this laptop; prints its fingerprint"
    )
    data_dir_option(p, argparse.SUPPRESS)
    p.add_argument("file", type=Path, metavar="HUBKEY.pub")

    hub = sub.add_parser("hub", help="the programme hub: keys, imports, laptops, workshops")
    actions = hub.add_subparsers(dest="hub_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str, aliases: tuple[str, ...] = ()) -> Any:
        q = actions.add_parser(name, help=help_text, aliases=list(aliases))
        data_dir_option(q, argparse.SUPPRESS)
        q.add_argument(
            "--hub",
            metavar="URL",
            help="the hub's SQLAlchemy URL (default: hub.sqlite in the data folder)",
        )
        return q

    def passphrase_file(q: Any) -> None:
        q.add_argument(
            "--passphrase-file",
            type=Path,
            metavar="FILE",
            help=f"read the hub passphrase from FILE (else ${PASSPHRASE_ENV}, else it is asked)",
        )

    q = action("init", "make the hub's key pair (once) and write its public key", ("keygen",))
    q.add_argument("--out", type=Path, default=Path("hub-key.pub"), metavar="HUBKEY.pub")
    passphrase_file(q)
    q = actions.add_parser("install-key", help="the same as: workshop-app install-key")
    data_dir_option(q, argparse.SUPPRESS)
    q.add_argument("file", type=Path, metavar="HUBKEY.pub")
    q = action("import", "verify bundles and merge them into the hub")
    q.add_argument("files", type=Path, nargs="+", metavar="FILE")
    q.add_argument(
        "--approve-new-laptops",
        action="store_true",
        help="trust laptops this hub has not seen (else their bundles wait for approval)",
    )
    passphrase_file(q)
    q = action("laptops", "list laptops; or: laptops approve|revoke FINGERPRINT")
    q.add_argument("words", nargs="*", metavar="ARG")
    q.add_argument("--json", action="store_true", help="print JSON")
    passphrase_file(q)
    for name, help_text in (
        ("approve", "trust a laptop's key and merge its held bundles"),
        ("revoke", "refuse a laptop's bundles from now on"),
    ):
        q = action(name, help_text)
        q.add_argument("fingerprint", metavar="FINGERPRINT")
        passphrase_file(q)
    q = action("workshops", "workshops in the hub (place, date, participants, notes, laptops)")
    q.add_argument("--json", action="store_true", help="print JSON")
    q = action("conflicts", "records changed on two laptops from one base, to settle")
    q.add_argument("--json", action="store_true", help="print JSON")
    q = action("refused", "bundles the hub refused, with the reason")
    q.add_argument("--json", action="store_true", help="print JSON")
    for name, help_text in (
        ("priorities", "priorities across workshops, by share of each round's dots"),
        ("export-csv", "write workshops.csv and priorities.csv for the programme"),
    ):
        q = action(name, help_text)
        if name == "export-csv":
            q.add_argument("--out", type=Path, required=True, metavar="DIR")
        else:
            q.add_argument("--json", action="store_true", help="print JSON")
        q.add_argument("--place", metavar="TEXT", help="only workshops whose place contains TEXT")
        q.add_argument("--theme", metavar="NAME", help="only priorities of this theme")
        q.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
        q.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD")


# --- helpers ---------------------------------------------------------------------------------


def _data_dir(args: argparse.Namespace) -> Path:
    from workshop_app.store.datafolder import default_data_dir, prepare_data_dir

    # Absolute: the store's pre-flight check needs a file URI, which a relative path cannot be.
    return prepare_data_dir(args.data_dir or default_data_dir()).resolve()


def _open_hub(args: argparse.Namespace) -> Hub:
    from workshop_app.sync.hub import Hub
    from workshop_app.sync.hub_store import default_hub_url

    return Hub.open(args.hub or default_hub_url(_data_dir(args)))


def _passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    path: Path | None = getattr(args, "passphrase_file", None)
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise AppError(f"Cannot read the passphrase file {path}: {exc}.") from None
        return text.splitlines()[0] if text else ""
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise AppError(
            f"The hub passphrase is needed: set {PASSPHRASE_ENV} or give --passphrase-file."
        )
    first = getpass.getpass("Hub passphrase: ")
    if confirm and getpass.getpass("The same passphrase again: ") != first:
        raise AppError("The two passphrases differ: nothing was changed.")
    return first


def _plural(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


# --- laptop side -----------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from workshop_app.core.workshops import resolve_workshop
    from workshop_app.store.database import Database
    from workshop_app.sync.bundle_write import export_bundle

    db = Database.open(_data_dir(args))
    try:
        workshop = db.read(lambda s: resolve_workshop(s, args.workshop))
        result = export_bundle(db, workshop.id, args.out, unencrypted=args.unencrypted)
    finally:
        db.close()
    if not result.encrypted:
        print(
            "workshop-app: warning: the bundle is not encrypted; anyone holding the file can "
            "read what consent let leave the laptop.",
            file=sys.stderr,
        )
    how = "encrypted to the hub" if result.encrypted else "NOT encrypted"
    print(
        f"Exported '{result.title}' ({result.workshop_id}) to {result.path}: "
        f"{_plural(result.total, 'record', 'records')}, signed, {how}."
    )
    return 0


def cmd_install_key(args: argparse.Namespace) -> int:
    from workshop_app.sync import keys

    data_dir = _data_dir(args)
    hub_key = keys.install_hub_key(data_dir, args.file)
    hub_fp = keys.fingerprint(keys.raw_public(hub_key))
    print(f"Installed the hub key {keys.show_fingerprint(hub_fp)}.")
    print(
        "This laptop's fingerprint (hub staff approve it): "
        f"{keys.show_fingerprint(keys.laptop_fingerprint(data_dir))}"
    )
    return 0


# --- hub side --------------------------------------------------------------------------------


def _hub_init(args: argparse.Namespace, hub: Hub) -> int:
    from workshop_app.sync import keys

    existing = hub.public_key()
    public, new = (existing, False) if existing else hub.init_key(_passphrase(args, confirm=True))
    text = keys.hub_key_text(public)
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise AppError(f"Cannot write {args.out}: {exc.strerror or exc}.") from None
    fp = keys.show_fingerprint(keys.fingerprint(keys.raw_public(public)))
    verb = "Made the hub's key" if new else "This hub already has a key"
    print(f"{verb} ({fp}); its public key is in {args.out}: install it on every laptop.")
    return 0


def _report(outcome: ImportOutcome) -> None:
    from workshop_app.sync import keys

    name = outcome.file_name
    if outcome.status == "refused":
        print(f"workshop-app: {name}: refused: {outcome.reason}", file=sys.stderr)
        return
    if outcome.status == "already":
        print(f"{name}: already imported; nothing changed.")
        return
    if outcome.status == "held":
        print(
            f"{name}: held, not merged: laptop {keys.show_fingerprint(outcome.fingerprint)} is "
            "not approved yet (workshop-app hub approve FINGERPRINT)."
        )
        return
    m = outcome.merge
    line = (
        f"{name}: merged into workshop {outcome.workshop_id}: {m.inserted} new, "
        f"{m.updated} updated, {m.unchanged} unchanged, {m.kept_local} older than the hub's"
    )
    if m.conflicts:
        line += f"; {_plural(len(m.conflicts), 'conflict', 'conflicts')} to settle"
    print(line + ".")
    for warning in outcome.warnings:
        print(f"{name}: {warning}")


def _exit_code(outcomes: list[ImportOutcome]) -> int:
    if any(o.status == "refused" for o in outcomes):
        return 1
    return EXIT_HELD if any(o.status == "held" for o in outcomes) else 0


def _hub_import(args: argparse.Namespace, hub: Hub) -> int:
    from workshop_app.sync.hub import ImportOutcome

    source = hub.key_source(lambda: _passphrase(args))
    outcomes = []
    for path in args.files:
        try:
            data = path.read_bytes()
        except OSError as exc:
            print(f"workshop-app: {path}: cannot read it: {exc.strerror or exc}.", file=sys.stderr)
            outcomes.append(ImportOutcome(str(path), "refused", reason="unreadable"))
            continue
        outcome = hub.import_bundle(data, path.name, source, approve_new=args.approve_new_laptops)
        _report(outcome)
        outcomes.append(outcome)
    return _exit_code(outcomes)


def _decide(args: argparse.Namespace, hub: Hub, verb: str, text: str) -> int:
    from workshop_app.sync import keys

    fp = hub.resolve_laptop(text)
    shown = keys.show_fingerprint(fp)
    if verb == "revoke":
        hub.set_laptop(fp, "revoked")
        print(f"Revoked laptop {shown}: its bundles will be refused.")
        return 0
    hub.set_laptop(fp, "approved")
    held = hub.held_bundles(fp)
    print(f"Approved laptop {shown}; merging {_plural(len(held), 'held bundle', 'held bundles')}.")
    source = hub.key_source(lambda: _passphrase(args))
    outcomes = []
    for name, data in held:
        outcome = hub.import_bundle(data, name, source)
        _report(outcome)
        outcomes.append(outcome)
    return _exit_code(outcomes)


def _hub_laptops(args: argparse.Namespace, hub: Hub) -> int:
    from workshop_app.sync import keys

    words = list(args.words)
    if words:
        if len(words) != 2 or words[0] not in ("approve", "revoke"):
            raise AppError("use: workshop-app hub laptops [approve|revoke FINGERPRINT]")
        return _decide(args, hub, words[0], words[1])
    laptops = hub.laptops()
    if args.json:
        payload = {
            "version": JSON_FORMAT_VERSION,
            "laptops": [lap.__dict__ for lap in laptops],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not laptops:
        print("No laptop has sent a bundle to this hub yet.")
    for lap in laptops:
        print(
            f"{keys.show_fingerprint(lap.fingerprint)}  {lap.status:<8}  "
            f"{_plural(lap.merged, 'bundle merged', 'bundles merged')}, {lap.held} held  "
            f"first seen {lap.first_seen_at}"
        )
    return 0


def _hub_workshops(args: argparse.Namespace, hub: Hub) -> int:
    items = hub.workshops()
    if args.json:
        payload = {"version": JSON_FORMAT_VERSION, "workshops": [w.__dict__ for w in items]}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not items:
        print("No workshops in this hub yet: import some bundles.")
    for w in items:
        when = (w.starts_at or "no date").replace("T", " ")
        print(
            f"{w.id}  {when:<16}  {_plural(w.participants, 'participant', 'participants')}, "
            f"{_plural(w.notes, 'note', 'notes')}, {_plural(w.laptops, 'laptop', 'laptops')}, "
            f"last import {w.last_import or 'never'}  "
            f"{w.title} ({w.place or 'no place'})"
        )
    return 0


def _hub_conflicts(args: argparse.Namespace, hub: Hub) -> int:
    items = hub.conflicts()
    if args.json:
        payload = {
            "version": JSON_FORMAT_VERSION,
            "conflicts": [
                {
                    "table": c.table_name,
                    "record_id": c.record_id,
                    "kept_rev": c.kept_rev,
                    "set_aside_rev": c.set_aside_rev,
                    "set_aside": json.loads(c.set_aside),
                    "found_at": c.found_at,
                }
                for c in items
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not items:
        print("No conflicts to settle.")
    for c in items:
        print(f"{c.table_name} {c.record_id}: kept {c.kept_rev}, set aside {c.set_aside_rev}")
    return 0


def _hub_refused(args: argparse.Namespace, hub: Hub) -> int:
    items = hub.refusals()
    if args.json:
        payload = {
            "version": JSON_FORMAT_VERSION,
            "refused": [
                {
                    "file_name": r.file_name,
                    "received_at": r.received_at,
                    "reason": r.reason,
                    "sha256": r.content_sha256,
                }
                for r in items
            ],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not items:
        print("The hub has refused no bundles.")
    for r in items:
        print(f"{r.received_at}  {r.file_name}: {r.reason}")
    return 0


def _filters(args: argparse.Namespace):
    from workshop_app.sync.programme import Filters

    return Filters(args.place, args.theme, args.date_from, args.date_to)


def _hub_priorities(args: argparse.Namespace, hub: Hub) -> int:
    items = hub.priorities(_filters(args))
    if args.json:
        payload = {
            "version": JSON_FORMAT_VERSION,
            "priorities": [{**p.__dict__, "outcomes": list(p.outcomes)} for p in items],
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0
    if not items:
        print("No closed voting rounds in the hub match.")
    for p in items:
        print(f"{p.share:>6.1%}  {p.label}  [{p.theme or 'no theme'}]  {p.workshop}, {p.round}")
    return 0


def _hub_export_csv(args: argparse.Namespace, hub: Hub) -> int:
    from workshop_app.sync.programme import PRIORITIES_CSV, WORKSHOPS_CSV

    if not args.out.is_dir():
        raise AppError(f"{args.out} is not a folder: create it first, or choose another.")
    hub.export_csv(args.out, _filters(args))
    print(f"Wrote {args.out / WORKSHOPS_CSV} and {args.out / PRIORITIES_CSV}.")
    return 0


def cmd_hub(args: argparse.Namespace) -> int:
    if args.hub_command == "install-key":
        return cmd_install_key(args)
    hub = _open_hub(args)
    try:
        command = args.hub_command
        if command in ("init", "keygen"):
            return _hub_init(args, hub)
        if command in ("approve", "revoke"):
            return _decide(args, hub, command, args.fingerprint)
        handlers = {
            "import": _hub_import,
            "laptops": _hub_laptops,
            "workshops": _hub_workshops,
            "conflicts": _hub_conflicts,
            "refused": _hub_refused,
            "priorities": _hub_priorities,
            "export-csv": _hub_export_csv,
        }
        return handlers[command](args, hub)
    finally:
        hub.close()


SYNC_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "export": cmd_export,
    "install-key": cmd_install_key,
    "hub": cmd_hub,
}
