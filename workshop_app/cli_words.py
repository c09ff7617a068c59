"""argparse's own words ("usage:", "options", its error messages) in the language in use.

argparse asks gettext for each of them as it prints, through the names `_` and `ngettext` in its
module; pointing those at the app's catalogue makes `--help` and a mistyped command read wholly
in Welsh, not Welsh help under English headings. The phrases are listed here for the catalogue.
"""

from __future__ import annotations

import argparse

from workshop_app import i18n
from workshop_app.i18n import N_

PHRASES = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ignored explicit argument %r"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("the following arguments are required: %s"),
    N_("unrecognized arguments: %s"),
)


def _expected_arguments(n: int) -> str:
    return i18n.ngettext("expected %s argument", "expected %s arguments", n)


def _counted(singular: str, plural: str, n: int) -> str:
    if singular == "expected %s argument":
        return _expected_arguments(n)
    return singular if n == 1 else plural  # argparse's others are mistakes in our own parser


def install() -> None:
    """From now on argparse speaks the language chosen in i18n (call after choosing it)."""
    argparse._ = i18n._  # type: ignore[attr-defined]
    argparse.ngettext = _counted  # type: ignore[attr-defined]
