"""Layer rule: Qt lives in workshop_app/ui only; core, store and sync work with Qt absent."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import workshop_app

PACKAGE = Path(workshop_app.__file__).resolve().parent
QT_MODULES = ("PySide6", "PyQt5", "PyQt6", "shiboken6")


def _is_qt(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in QT_MODULES


def _qt_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [f"line {node.lineno}: import {a.name}" for a in node.names if _is_qt(a.name)]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and _is_qt(node.module):
            found.append(f"line {node.lineno}: from {node.module} import ...")
    return found


def test_no_qt_imports_outside_ui():
    files = [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts[:1]]
    assert any(p.parent.name == "core" for p in files), "the walk should see workshop_app/core"
    offenders = {
        str(p.relative_to(PACKAGE.parent)): hits for p in files if (hits := _qt_imports(p))
    }
    assert offenders == {}


def test_the_checker_spots_qt_imports(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import os\nimport PySide6.QtCore\nfrom PySide6 import QtWidgets\n"
        "from PySide6.QtGui import QColor\nfrom . import sibling\n",
        encoding="utf-8",
    )
    assert len(_qt_imports(sample)) == 3


def test_core_and_store_import_with_qt_missing(tmp_path):
    script = textwrap.dedent(
        """
        import sys
        sys.modules["PySide6"] = None  # any Qt import now fails
        import workshop_app.core.board
        import workshop_app.core.notes
        import workshop_app.core.clusters
        import workshop_app.core.records
        import workshop_app.store.database
        from pathlib import Path
        from workshop_app.core.board import load_board
        from workshop_app.core.notes import add_note
        from workshop_app.core.workshops import WorkshopFields, create_workshop
        from workshop_app.store.database import Database

        db = Database.open(Path(sys.argv[1]))
        w = db.run(lambda s: create_workshop(s, WorkshopFields(title="Headless")))
        db.run(lambda s: add_note(s, w.id, "no Qt here"))
        board = db.read(lambda s: load_board(s, w.id))
        db.close()
        assert [c.text for c in board.cards.values()] == ["no Qt here"]
        assert not any(name.startswith("PySide6.") for name in sys.modules)
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "data")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


REPO = PACKAGE.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", str(cwd / "pyproject.toml"), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_import_contracts_in_pyproject_hold():
    done = _lint_imports(REPO)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout
    # Every layer rule is checked, not just some.
    assert "Only ui uses Qt" in done.stdout
    assert "The store knows nothing of the layers above it" in done.stdout
    assert "Widgets reach data only through the session" in done.stdout


def test_import_contracts_fail_when_a_widget_imports_sqlalchemy(tmp_path):
    shutil.copytree(
        PACKAGE, tmp_path / "workshop_app", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    bad = tmp_path / "workshop_app" / "ui" / "sneaky_widget.py"
    bad.write_text("from sqlalchemy import select\n", encoding="utf-8")
    (tmp_path / "workshop_app" / "core" / "sneaky_rule.py").write_text(
        "from PySide6.QtCore import QObject\n", encoding="utf-8"
    )
    done = _lint_imports(tmp_path)
    assert done.returncode != 0
    assert "2 broken" in done.stdout
    assert "workshop_app.ui.sneaky_widget -> sqlalchemy" in done.stdout
    assert "workshop_app.core.sneaky_rule -> PySide6" in done.stdout
