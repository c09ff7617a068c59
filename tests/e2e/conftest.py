"""End-to-end fixtures; the helpers live in e2e_support.py (importable from the tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e_support import Cli


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path, tmp_path / "data")
