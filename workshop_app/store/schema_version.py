"""The schema revisions this app knows, read from the migration file names.

Opening an up-to-date database then needs no Alembic import; a test checks these agree with
Alembic's own view of the revisions."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

VERSIONS_DIR = Path(__file__).parent / "migrations" / "versions"
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


@cache
def known_revisions() -> frozenset[str]:
    return frozenset(
        m.group(1) for name in _listing() if (m := _REVISION_FILE.match(name)) is not None
    )


def head_revision() -> str:
    return max(known_revisions())


def _listing() -> list[str]:
    return [p.name for p in VERSIONS_DIR.iterdir()]
