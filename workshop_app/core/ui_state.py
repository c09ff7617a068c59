"""What the facilitator was doing when the app last closed (or crashed): the workshop and theme
that were open, and words typed but not yet saved as a note. Kept in a small JSON file beside the
database, rewritten whole on every change, so the newest keystroke survives a crash of the app.

This is not workshop data: it never goes into a bundle, and a damaged or missing file simply
means the app starts on its home screen."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FILE_NAME = "ui_state.json"
# A draft is what one person typed into one box; anything longer is not a draft worth keeping
# and must not let a stray paste make the file huge.
MAX_DRAFT_CHARS = 20_000


@dataclass
class Draft:
    """Unsaved words for one workshop: the capture bar's note and table, and the text of a note
    or cluster name that was open for editing (with the id of the record being edited)."""

    note: str = ""
    table: str = ""
    editing_id: str = ""
    editing_text: str = ""

    def is_empty(self) -> bool:
        return not (self.note.strip() or self.table.strip() or self.editing_id)


@dataclass
class UiState:
    last_workshop: str = ""
    themes: dict[str, str] = field(default_factory=dict)  # workshop id -> theme id
    drafts: dict[str, Draft] = field(default_factory=dict)  # workshop id -> draft

    def draft(self, workshop_id: str) -> Draft:
        return self.drafts.setdefault(workshop_id, Draft())


def _text(value: Any) -> str:
    return value[:MAX_DRAFT_CHARS] if isinstance(value, str) else ""


def load(data_dir: Path) -> UiState:
    """The state last written, or a fresh one when there is none or it cannot be read."""
    try:
        raw = json.loads((data_dir / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return UiState()
    if not isinstance(raw, dict):
        return UiState()
    themes = raw.get("themes")
    drafts = raw.get("drafts")
    state = UiState(last_workshop=_text(raw.get("last_workshop")))
    if isinstance(themes, dict):
        state.themes = {str(k): _text(v) for k, v in themes.items()}
    if isinstance(drafts, dict):
        for key, value in drafts.items():
            if isinstance(value, dict):
                draft = Draft(**{f: _text(value.get(f)) for f in Draft.__dataclass_fields__})
                if not draft.is_empty():
                    state.drafts[str(key)] = draft
    return state


def save(data_dir: Path, state: UiState, *, durable: bool = False) -> bool:
    """Write the whole state; False (and the old file intact) if it cannot be written.
    Without `durable` the bytes reach the operating system, which is enough for an app crash;
    with it they reach the disk, for a clean close."""
    payload = {
        "last_workshop": state.last_workshop,
        "themes": state.themes,
        "drafts": {k: asdict(d) for k, d in state.drafts.items() if not d.is_empty()},
    }
    target = data_dir / FILE_NAME
    tmp = data_dir / f".{FILE_NAME}.tmp"
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()
        return False
    return True
