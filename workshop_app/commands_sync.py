"""Command line for bundles and the programme hub. Parsers only at import time (the GUI starts
without the store or `cryptography`); each command imports what it needs when it runs.

Exit codes: 0 done, 1 a refusal or error (one line on stderr), 3 a bundle held until staff
approve its laptop."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workshop_app.errors import AppError, os_reason
from workshop_app.i18n import _, ngettext
from workshop_app.workshop_arg import workshop_arg

if TYPE_CHECKING:
    from workshop_app.sync.hub import Hub

PASSPHRASE_ENV = "WORKSHOP_HUB_PASSPHRASE"
EXIT_HELD = 3
JSON_FORMAT_VERSION = 1
DataDirOption = Callable[[argparse.ArgumentParser, object], None]


def add_sync_parsers(sub: Any, data_dir_option: DataDirOption) -> None:
    p = sub.add_parser("export", help=_("write a workshop's bundle for the programme hub"))
    data_dir_option(p, argparse.SUPPRESS)
    p.add_argument("workshop", **workshop_arg())
    p.add_argument("--out", type=Path, required=True, metavar="FILE.wsbundle")
    p.add_argument(
        "--unencrypted",
        action="store_true",
        help=_("write without encrypting to the hub (personal data then travels readable)"),
    )
    p = sub.add_parser(
        "install-key", help=_("install the hub's public key on this laptop; prints its fingerprint")
    )
    data_dir_option(p, argparse.SUPPRESS)
    p.add_argument("file", type=Path, metavar="HUBKEY.pub")

    hub = sub.add_parser("hub", help=_("the programme hub: keys, imports, laptops, workshops"))
    actions = hub.add_subparsers(dest="hub_command", metavar="ACTION", required=True)

    def action(name: str, help_text: str, aliases: tuple[str, ...] = ()) -> Any:
        q = actions.add_parser(name, help=help_text, aliases=list(aliases))
        data_dir_option(q, argparse.SUPPRESS)
        q.add_argument(
            "--hub",
            metavar="URL",
            help=_("the hub's SQLAlchemy URL (default: hub.sqlite in the data folder)"),
        )
        return q

    def passphrase_file(q: Any) -> None:
        q.add_argument(
            "--passphrase-file",
            type=Path,
            metavar="FILE",
            help=_("read the hub passphrase from FILE (else ${variable}, else it is asked)").format(
                variable=PASSPHRASE_ENV
            ),
        )

    q = action("init", _("make the hub's key pair (once) and write its public key"), ("keygen",))
    q.add_argument("--out", type=Path, default=Path("hub-key.pub"), metavar="HUBKEY.pub")
    passphrase_file(q)
    q = actions.add_parser("install-key", help=_("the same as: workshop-app install-key"))
    data_dir_option(q, argparse.SUPPRESS)
    q.add_argument("file", type=Path, metavar="HUBKEY.pub")
    q = action("import", _("verify bundles and merge them into the hub"))
    q.add_argument("files", type=Path, nargs="+", metavar="FILE")
    q.add_argument(
        "--approve-new-laptops",
        action="store_true",
        help=_("trust laptops this hub has not seen (else their bundles wait for approval)"),
    )
    passphrase_file(q)
    q = action("laptops", _("list laptops; or: laptops approve|revoke FINGERPRINT"))
    q.add_argument("words", nargs="*", metavar="ARG")
    q.add_argument("--json", action="store_true", help=_("print JSON"))
    passphrase_file(q)
    for name, help_text in (
        ("approve", _("trust a laptop's key and merge its held bundles")),
        ("revoke", _("refuse a laptop's bundles from now on")),
    ):
        q = action(name, help_text)
        # As printed (groups of four, spaces between), quoted or not: the words are joined.
        q.add_argument("fingerprint", nargs="+", metavar="FINGERPRINT")
        passphrase_file(q)
    q = action("workshops", _("workshops in the hub (place, date, participants, notes, laptops)"))
    q.add_argument("--json", action="store_true", help=_("print JSON"))
    q = action("conflicts", _("records changed on two laptops from one base, to settle"))
    q.add_argument("--json", action="store_true", help=_("print JSON"))
    q = action("refused", _("bundles the hub refused, with the reason"))
    q.add_argument("--json", action="store_true", help=_("print JSON"))
    q.add_argument(
        "--all",
        action="store_true",
        help=_("also list refusals that a later bundle of the same laptop superseded"),
    )
    for name, help_text in (
        ("priorities", _("priorities across workshops, by share of each round's dots")),
        ("export-csv", _("write workshops.csv and priorities.csv for the programme")),
    ):
        q = action(name, help_text)
        if name == "export-csv":
            q.add_argument("--out", type=Path, required=True, metavar="DIR")
        else:
            q.add_argument("--json", action="store_true", help=_("print JSON"))
        q.add_argument(
            "--place", metavar="TEXT", help=_("only workshops whose place contains TEXT")
        )
        q.add_argument("--theme", metavar="NAME", help=_("only priorities of this theme"))
        q.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD", type=_day)
        q.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", type=_day)


# --- helpers ---------------------------------------------------------------------------------


def _day(text: str) -> str:
    """A day as the filters compare it (2026-11-23); one that cannot be is refused by name."""
    from datetime import date

    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("'{text}' is not a date (use 2026-11-23).").format(text=text)
        ) from None


def _data_dir(args: argparse.Namespace) -> Path:
    from workshop_app.store.datafolder import default_data_dir, prepare_data_dir

    # Absolute: the store's pre-flight check needs a file URI, which a relative path cannot be.
    return prepare_data_dir(args.data_dir or default_data_dir()).resolve()


def _open_hub(args: argparse.Namespace) -> Hub:
    from workshop_app.sync.hub import Hub
    from workshop_app.sync.hub_store import default_hub_url

    # Only these make a hub; every other command reads one that must already be there.
    makes = getattr(args, "hub_command", None) in ("init", "keygen", "import")
    return Hub.open(args.hub or default_hub_url(_data_dir(args)), must_exist=not makes)


def _passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    path: Path | None = getattr(args, "passphrase_file", None)
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = os_reason(exc) if isinstance(exc, OSError) else _("it is not UTF-8 text")
            raise AppError(
                _("Cannot read the passphrase file {path}: {reason}.").format(
                    path=path, reason=reason
                )
            ) from None
        return text.splitlines()[0] if text else ""
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if not sys.stdin.isatty():
        raise AppError(
            _("The hub passphrase is needed: set {variable} or give --passphrase-file.").format(
                variable=PASSPHRASE_ENV
            )
        )
    first = getpass.getpass(_("Hub passphrase: "))
    if confirm and getpass.getpass(_("The same passphrase again: ")) != first:
        raise AppError(_("The two passphrases differ: nothing was changed."))
    return first


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
            "workshop-app: "
            + _(
                "warning: the bundle is not encrypted; anyone holding the file can read what "
                "consent let leave the laptop."
            ),
            file=sys.stderr,
        )
    records = ngettext("{n} record", "{n} records", result.total)
    if result.encrypted:
        line = _("Exported '{title}' ({id}) to {path}: {records}, signed, encrypted to the hub.")
    else:
        line = _("Exported '{title}' ({id}) to {path}: {records}, signed, NOT encrypted.")
    print(line.format(title=result.title, id=result.workshop_id, path=result.path, records=records))
    return 0


def cmd_install_key(args: argparse.Namespace) -> int:
    from workshop_app.sync import keys

    data_dir = _data_dir(args)
    hub_key = keys.install_hub_key(data_dir, args.file)
    hub_fp = keys.fingerprint(keys.raw_public(hub_key))
    print(
        _("Installed the hub key {fingerprint}.").format(fingerprint=keys.show_fingerprint(hub_fp))
    )
    print(
        _("This laptop's fingerprint (hub staff approve it): {fingerprint}").format(
            fingerprint=keys.show_fingerprint(keys.laptop_fingerprint(data_dir))
        )
    )
    return 0


def cmd_hub(args: argparse.Namespace) -> int:
    from workshop_app.commands_hub import run_hub_command

    return run_hub_command(args)


SYNC_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "export": cmd_export,
    "install-key": cmd_install_key,
    "hub": cmd_hub,
}
