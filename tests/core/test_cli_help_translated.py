"""Every help text of the command line goes through the catalogue: a bare string literal given
as `help=` (or as an action's help to the hub's `action()` maker) stays English in Welsh, and
`--help` in Welsh then reads half in English (seen: `hub --help`)."""

from __future__ import annotations

import ast
from pathlib import Path

import workshop_app

PACKAGE = Path(workshop_app.__file__).parent


def _bare_help(tree: ast.AST) -> list[int]:
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for keyword in node.keywords:
            value = keyword.value
            literal = isinstance(value, ast.Constant) and isinstance(value.value, str)
            if keyword.arg == "help" and literal and value.value:
                lines.append(node.lineno)
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        if name == "action" and len(node.args) >= 2 and isinstance(node.args[1], ast.Constant):
            lines.append(node.lineno)
    return lines


def test_no_help_text_is_a_bare_english_literal() -> None:
    found = {
        str(path.relative_to(PACKAGE)): lines
        for path in sorted(PACKAGE.glob("*.py"))
        if (lines := _bare_help(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}, f"help= without _(): {found}"


def test_the_check_finds_a_bare_help_text() -> None:
    tree = ast.parse('p.add_argument("--x", help="plain words")\naction("init", "make it")')
    assert _bare_help(tree) == [1, 2]
