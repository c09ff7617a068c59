"""The one entry point: the GUI by default, sub-commands for scripted work.

Each sub-command prints what it did; a failure is one line on stderr and a non-zero exit.
Only the argument parser lives here, so the GUI starts without importing the store first; the
sub-commands are in workshop_app.commands.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from workshop_app import __version__, cli_words, i18n
from workshop_app.errors import AppError
from workshop_app.i18n import _
from workshop_app.store.datafolder import default_data_dir, resolve_data_dir

# The options that open the app, with no command: given only these, the parser is built
# without its commands (and their modules), a tenth of the time before the window shows.
_APP_FLAGS = frozenset({"--smoke-test"})
_APP_OPTIONS = frozenset({"--data-dir"})


def _folder(text: str) -> Path:
    # Path("") is the current folder: an empty --data-dir= would open a store wherever the
    # command was typed.
    if not text.strip():
        raise argparse.ArgumentTypeError(_("give the folder's name"))
    return Path(text)


def _data_dir_option(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--data-dir",
        type=_folder,
        default=default,
        metavar="DIR",
        help=_("folder holding the local store (default: the user's data folder)"),
    )


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workshop-app",
        description=_("Offline community engagement workshops. Without a command, opens the app."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=_("show the version number and exit"),
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help=_("open the main window, wait for the home screen to paint, then quit (0 if it did)"),
    )
    _data_dir_option(parser, None)
    return parser


def opens_the_app(argv: Sequence[str]) -> bool:
    """True when the words only open the app (no command, no help): what a click does."""
    words = iter(argv)
    for word in words:
        name, given, _value = word.partition("=")
        if word in _APP_FLAGS or (given and name in _APP_OPTIONS):
            continue
        if word in _APP_OPTIONS and next(words, None) is not None:
            continue
        return False
    return True


def build_parser() -> argparse.ArgumentParser:
    from workshop_app.commands_print import add_print_parser
    from workshop_app.commands_sync import add_sync_parsers
    from workshop_app.workshop_arg import workshop_arg

    parser = _app_parser()
    # Sub-commands accept --data-dir too, without overwriting one given before the command.
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("demo", help=_("create the demo workshop and print its id"))
    _data_dir_option(p, argparse.SUPPRESS)

    p = sub.add_parser("workshops", help=_("list workshops (id, title, date, counts)"))
    _data_dir_option(p, argparse.SUPPRESS)
    p.add_argument("--json", action="store_true", help=_("print JSON (format in README)"))
    p.add_argument("--all", action="store_true", help=_("include archived workshops"))

    notes = sub.add_parser("notes", help=_("import or export a workshop's notes"))
    notes_sub = notes.add_subparsers(dest="notes_command", metavar="ACTION", required=True)
    p = notes_sub.add_parser("import", help=_("add notes from a .txt (one per line) or .csv file"))
    _data_dir_option(p, argparse.SUPPRESS)
    p.add_argument("workshop", **workshop_arg())
    p.add_argument("file", type=Path, metavar="FILE")
    p = notes_sub.add_parser("export", help=_("write the notes as CSV, safe for spreadsheets"))
    _data_dir_option(p, argparse.SUPPRESS)
    p.add_argument("workshop", **workshop_arg())
    p.add_argument("--out", type=Path, required=True, metavar="FILE.csv")

    # "participants WORKSHOP" lists; "participants import WORKSHOP FILE.csv" imports. Positional
    # words rather than a nested sub-parser, so the listing needs no action word.
    p = sub.add_parser(
        "participants",
        help=_("list a workshop's participant register, or import one from CSV"),
        usage="%(prog)s [WORKSHOP] [--json] | %(prog)s import [WORKSHOP] FILE.csv",
    )
    _data_dir_option(p, argparse.SUPPRESS)
    p.add_argument(
        "words", nargs="*", metavar="ARG", help=_("[WORKSHOP], or: import [WORKSHOP] FILE")
    )
    p.add_argument("--json", action="store_true", help=_("print JSON (format in README)"))
    p.add_argument(
        "--recorded-by",
        default="",
        metavar="NAME",
        help=_("who recorded the imported consent (default: the file's name)"),
    )

    p = sub.add_parser("narratives", help=_("list a workshop's narratives and their stories"))
    _data_dir_option(p, argparse.SUPPRESS)
    p.add_argument("workshop", **workshop_arg())
    p.add_argument("--json", action="store_true", help=_("print JSON (format in README)"))

    p = sub.add_parser(
        "results", help=_("ranked results of a voting round (the latest closed one by default)")
    )
    _data_dir_option(p, argparse.SUPPRESS)
    p.add_argument("workshop", **workshop_arg())
    p.add_argument("--round", metavar="NAME", help=_("the round's name"))
    p.add_argument("--json", action="store_true", help=_("print JSON (format in README)"))
    p.add_argument("--csv", type=Path, metavar="FILE.csv", help=_("also write the results as CSV"))

    add_print_parser(sub, _data_dir_option)
    add_sync_parsers(sub, _data_dir_option)
    return parser


def cmd_gui(args: argparse.Namespace) -> int:
    if args.smoke_test:
        from workshop_app.ui.smoke_test import run_smoke_test

        return run_smoke_test(args.data_dir or default_data_dir())
    from workshop_app.ui.app import run_gui

    return run_gui(args.data_dir or default_data_dir())


def unexpected_error_line(exc: BaseException) -> str:
    """One line for an error nobody translated (a bug): what it was, and that saved work is
    safe, since every command saves in one transaction that a failure rolls back."""
    detail = (str(exc).strip().splitlines() or [""])[0]
    kind = type(exc).__name__
    return (
        f"an unexpected error stopped this command ({kind}{': ' + detail if detail else ''}); "
        "everything saved before it is safe. Please report this."
    )


def main(argv: Sequence[str] | None = None) -> int:
    # The language chosen in the app's Settings > Language, else the system's (LANGUAGE,
    # LC_ALL, LANG); English when there is no catalogue.
    i18n.set_language(i18n.saved_language())
    cli_words.install()
    words = sys.argv[1:] if argv is None else list(argv)
    parser = _app_parser() if opens_the_app(words) else build_parser()
    args = parser.parse_args(words)
    args.command = getattr(args, "command", None)
    try:
        if args.data_dir is not None:
            args.data_dir = resolve_data_dir(args.data_dir)
        if args.command is None:
            return cmd_gui(args)
        if args.command == "workshops":  # the quick way: no SQLAlchemy to import for a list
            from workshop_app.commands_workshops import cmd_workshops

            return cmd_workshops(args)
        from workshop_app.commands import run_command
        from workshop_app.workshop_arg import fill_in_workshop

        fill_in_workshop(args)

        return run_command(args)
    except AppError as exc:
        print(f"workshop-app: {exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("workshop-app: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and the like: stop quietly, as other command-line tools do.
        sys.stderr.close()
        return 0
    except Exception as exc:  # the last line of defence: a person never sees a traceback
        line = unexpected_error_line(exc)
        from workshop_app.app_log import log_unexpected, start_log

        log = start_log(args.data_dir or default_data_dir())
        if log is not None:
            log_unexpected(type(exc), exc, exc.__traceback__)
            line += f" The details are in {log}."
        print(f"workshop-app: {line}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
