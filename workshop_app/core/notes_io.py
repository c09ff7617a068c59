"""Notes in and out: .txt (one note per line) or CSV (text, theme, cluster, table) in; a CSV
out that opens safely in a spreadsheet. Imports are all-or-nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from workshop_app.core.board import fold, load_board
from workshop_app.core.bulk import insert_created
from workshop_app.core.clusters import check_cluster_name
from workshop_app.core.csv_out import neutralise as neutralise  # re-exported: it lived here
from workshop_app.core.csv_out import restore_formula_cell, write_csv_rows
from workshop_app.core.errors import ImportFormatError, ValidationError
from workshop_app.core.import_files import csv_lines, decode_text, read_limited
from workshop_app.core.notes import check_label, check_text, stack_of
from workshop_app.core.records import created, new_id
from workshop_app.core.themes import list_themes
from workshop_app.core.workshops import get_workshop_record
from workshop_app.i18n import _, ngettext
from workshop_app.store.models import Cluster, Note

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
    raw = read_limited(path, MAX_IMPORT_BYTES, _("a notes file"))
    if not raw.strip():
        raise ImportFormatError(_("{file} is empty: it holds no notes.").format(file=name))
    text = decode_text(raw, name, _("'CSV UTF-8' or UTF-8 text"))
    rows = _parse_csv(name, text) if path.suffix.lower() == ".csv" else _parse_lines(text)
    if not rows:
        raise ImportFormatError(_("{file} holds no notes.").format(file=name))
    if len(rows) > MAX_IMPORT_ROWS:
        raise ImportFormatError(
            ngettext(
                "{file} holds {n} note; import at most {most} at a time.",
                "{file} holds {n} notes; import at most {most} at a time.",
                len(rows),
            ).format(file=name, most=f"{MAX_IMPORT_ROWS:,}")
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
            _(
                "{file} has no 'text' column: the first row must name the columns "
                "(text, and optionally theme, cluster, table)."
            ).format(file=name)
        )

    # A file this app exported: take off the ' it put before cells a spreadsheet would run as
    # formulas, so an export imported again gives back the same board.
    exported = "id" in columns and "stacked_on" in columns

    def cell(values: list[str], column: str) -> str:
        index = columns.get(column)
        value = values[index] if index is not None and index < len(values) else ""
        return restore_formula_cell(value) if exported else value

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
    """Check every row first, then add them all in the caller's single transaction, in bulk.
    A row stacked on another row of the file (an export's `stacked_on`) goes on that note's
    card, in its theme and cluster, as stacking on the board does."""
    get_workshop_record(session, workshop_id)
    themes = list_themes(session, workshop_id)
    by_name = {fold(t.name): t for t in themes}
    folded = cache(fold)  # theme and cluster names repeat on thousands of rows
    parking = next(t for t in themes if t.is_parking_lot)
    plan: list[tuple[ImportRow, str]] = []
    for row in rows:
        try:
            check_text(row.text)
            check_label(row.table)
            check_cluster_name(row.cluster)
        except ValidationError as exc:
            raise ImportFormatError(
                _("Line {line}: {problem}").format(line=row.line, problem=exc)
            ) from None
        theme = by_name.get(folded(row.theme)) if row.theme else parking
        if theme is None:
            names = ", ".join(t.name for t in themes)
            raise ImportFormatError(
                _(
                    "Line {line}: this workshop has no theme called '{theme}' "
                    "(its themes: {themes})."
                ).format(line=row.line, theme=row.theme, themes=names)
            )
        plan.append((row, theme.id))
    note_ids = [new_id() for _ in plan]
    tops = _stack_tops(plan)
    cluster_ids, created_count = _clusters_for(session, workshop_id, plan, tops, folded)
    notes = []
    for i, (row, theme_id) in enumerate(plan):
        top = tops[i]
        notes.append(
            {
                "id": note_ids[i],
                "workshop_id": workshop_id,
                "theme_id": plan[top][1] if top is not None else theme_id,
                "cluster_id": cluster_ids[i if top is None else top],
                "duplicate_of": note_ids[top] if top is not None else None,
                "text": row.text,
                "table_label": row.table,
                "position": 0.0,
            }
        )
    insert_created(session, Note, notes)
    return ImportResult(tuple(note_ids), created_count)


def _stack_tops(plan: list[tuple[ImportRow, str]]) -> list[int | None]:
    """For each row, the row whose card it stacks on (None: its own card). Only a row of the
    same file can be stacked on; a stack on a stacked row goes to that row's top card."""
    index = {row.source_id: i for i, (row, _) in enumerate(plan) if row.source_id}
    direct = [index.get(row.stacked_on) if row.stacked_on else None for row, _ in plan]
    tops: list[int | None] = []
    for i, target in enumerate(direct):
        seen = {i}
        while target is not None and direct[target] is not None and target not in seen:
            seen.add(target)
            target = direct[target]
        tops.append(None if target is None or target in (i,) else target)
    return tops


def _clusters_for(
    session: Session,
    workshop_id: str,
    plan: list[tuple[ImportRow, str]],
    tops: list[int | None],
    folded: Callable[[str], str],
) -> tuple[list[str | None], int]:
    """The cluster of each card's row (joining one of that name in its theme, or a new one),
    and how many clusters were made."""
    existing = {
        (theme_id, fold(name)): cid
        for cid, theme_id, name in session.execute(
            select(Cluster.id, Cluster.theme_id, Cluster.name).where(
                Cluster.workshop_id == workshop_id, Cluster.deleted_at.is_(None)
            )
        )
    }
    made = 0
    ids: list[str | None] = []
    for i, (row, theme_id) in enumerate(plan):
        if tops[i] is not None or not row.cluster:
            ids.append(None)
            continue
        key = (theme_id, folded(row.cluster))
        if key not in existing:
            cluster = Cluster(
                workshop_id=workshop_id, theme_id=theme_id, name=row.cluster, position=0.0
            )
            existing[key] = created(session, cluster).id
            made += 1
        ids.append(existing[key])
    return ids, made


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
