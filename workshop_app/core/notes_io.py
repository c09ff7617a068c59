"""Notes in and out: .txt (one note per line) or CSV (text, theme, cluster, table) in; a CSV
out that opens safely in a spreadsheet. Imports are all-or-nothing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from workshop_app.core.board import fold, load_board
from workshop_app.core.clusters import add_to_cluster, check_cluster_name, create_cluster
from workshop_app.core.csv_out import neutralise as neutralise  # re-exported: it lived here
from workshop_app.core.csv_out import write_csv_rows
from workshop_app.core.errors import ImportFormatError, ValidationError
from workshop_app.core.import_files import csv_lines, decode_text, read_limited
from workshop_app.core.notes import add_note, check_label, check_text, stack_of
from workshop_app.core.themes import list_themes

MAX_IMPORT_BYTES = 20 * 1024 * 1024
MAX_IMPORT_ROWS = 20_000
EXPORT_COLUMNS = ("text", "theme", "cluster", "table", "stacked_on", "id", "created_at")


@dataclass(frozen=True)
class ImportRow:
    line: int
    text: str
    theme: str = ""
    cluster: str = ""
    table: str = ""
    # From an export: the id the note had there, and the id of the note it was stacked on.
    stacked_on: str = ""
    source_id: str = ""


@dataclass(frozen=True)
class ImportResult:
    note_ids: tuple[str, ...]
    clusters_created: int

    @property
    def notes_added(self) -> int:
        return len(self.note_ids)


def read_notes_file(path: Path) -> list[ImportRow]:
    """Parse a notes file completely, or refuse it with a one-line reason naming the problem."""
    name = path.name
    raw = read_limited(path, MAX_IMPORT_BYTES, "a notes file")
    if not raw.strip():
        raise ImportFormatError(f"{name} is empty: it holds no notes.")
    text = decode_text(raw, name, "'CSV UTF-8' or UTF-8 text")
    rows = _parse_csv(name, text) if path.suffix.lower() == ".csv" else _parse_lines(text)
    if not rows:
        raise ImportFormatError(f"{name} holds no notes.")
    if len(rows) > MAX_IMPORT_ROWS:
        raise ImportFormatError(
            f"{name} holds {len(rows):,} notes; import at most {MAX_IMPORT_ROWS:,} at a time."
        )
    return rows


def _parse_lines(text: str) -> list[ImportRow]:
    # Only real line breaks end a note: str.splitlines() would also split at U+2028, NEL, form
    # feed and the like, which arrive inside notes pasted from web pages and documents.
    rows = []
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        if line.strip():
            rows.append(ImportRow(number, line))
    return rows


def _parse_csv(name: str, text: str) -> list[ImportRow]:
    lines = csv_lines(name, text, MAX_IMPORT_BYTES)
    header = next(lines, None)
    if header is None:
        return []
    columns = {h.strip().casefold(): i for i, h in enumerate(header[1])}
    if "text" not in columns:
        raise ImportFormatError(
            f"{name} has no 'text' column: the first row must name the columns "
            "(text, and optionally theme, cluster, table)."
        )

    def cell(values: list[str], column: str) -> str:
        index = columns.get(column)
        return values[index] if index is not None and index < len(values) else ""

    rows = []
    for line, values in lines:
        if not any(v.strip() for v in values):
            continue
        rows.append(
            ImportRow(
                line,
                cell(values, "text"),
                cell(values, "theme").strip(),
                cell(values, "cluster").strip(),
                cell(values, "table"),
                cell(values, "stacked_on").strip(),
                cell(values, "id").strip(),
            )
        )
    return rows


def import_notes(session: Session, workshop_id: str, rows: list[ImportRow]) -> ImportResult:
    """Check every row first, then add them all in the caller's single transaction."""
    themes = list_themes(session, workshop_id)
    by_name = {fold(t.name): t for t in themes}
    parking = next(t for t in themes if t.is_parking_lot)
    plan = []
    for row in rows:
        try:
            check_text(row.text)
            check_label(row.table)
            check_cluster_name(row.cluster)
        except ValidationError as exc:
            raise ImportFormatError(f"Line {row.line}: {exc}") from None
        theme = by_name.get(fold(row.theme)) if row.theme else parking
        if theme is None:
            names = ", ".join(t.name for t in themes)
            raise ImportFormatError(
                f"Line {row.line}: this workshop has no theme called '{row.theme}' "
                f"(its themes: {names})."
            )
        plan.append((row, theme.id))
    board = load_board(session, workshop_id)
    existing = {(c.theme_id, fold(c.name)): c.id for c in board.clusters.values()}
    pending: dict[tuple[str, str], list[str]] = {}
    names: dict[tuple[str, str], str] = {}
    note_ids = []
    for row, theme_id in plan:
        note = add_note(session, workshop_id, row.text, theme_id, row.table)
        note_ids.append(note.id)
        if row.cluster:
            key = (theme_id, fold(row.cluster))
            pending.setdefault(key, []).append(note.id)
            names.setdefault(key, row.cluster)
    created_count = 0
    for key, ids in pending.items():
        if key in existing:
            add_to_cluster(session, existing[key], ids)
        else:
            create_cluster(session, ids, names[key], theme_id=key[0])
            created_count += 1
    return ImportResult(tuple(note_ids), created_count)


def export_rows(session: Session, workshop_id: str) -> list[dict[str, str]]:
    board = load_board(session, workshop_id)
    names = {t.id: t.name for t in board.themes}
    out = []
    for theme in board.themes:
        for card in (c for c in board.cards.values() if c.theme_id == theme.id):
            cluster = board.clusters.get(card.cluster_id or "")
            for i, note in enumerate(stack_of(session, card.id)):
                out.append(
                    {
                        "text": note.text,
                        "theme": "" if theme.is_parking_lot else names[theme.id],
                        "cluster": cluster.name if cluster else "",
                        "table": note.table_label,
                        "stacked_on": card.id if i else "",
                        "id": note.id,
                        "created_at": note.created_at,
                    }
                )
    return out


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    """Write atomically: a full disk or a locked folder never leaves half a file behind."""
    write_csv_rows(
        path, [EXPORT_COLUMNS, *([row.get(k, "") for k in EXPORT_COLUMNS] for row in rows)]
    )
