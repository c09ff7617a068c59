"""Operations and queries on the board: notes, stacks, clusters, themes, importing notes."""

from __future__ import annotations

from collections.abc import Sequence

from workshop_app.core import clusters, notes, notes_io, themes
from workshop_app.core.board import Board, load_board
from workshop_app.core.clusters import ClusterInfo
from workshop_app.core.notes import NoteInfo
from workshop_app.core.operations import Operation, Query, op, plural, query
from workshop_app.core.operations.board_rows import BoardPatch, read_patch
from workshop_app.core.themes import ThemeInfo

# The tables whose records the board shows: a change to any other leaves it as it was.
BOARD_TABLES = frozenset({"workshops", "themes", "notes", "clusters"})


def board(workshop_id: str) -> Query[Board]:
    return query(load_board, workshop_id)


def stack_of(note_id: str) -> Query[list[NoteInfo]]:
    return query(notes.stack_of, note_id)


def export_rows(workshop_id: str) -> Query[list[dict[str, str]]]:
    return query(notes_io.export_rows, workshop_id)


# --- notes ---------------------------------------------------------------------------------
def add_note(
    workshop_id: str, text: str, theme_id: str | None, table_label: str = ""
) -> Operation[NoteInfo]:
    return op("Add note", notes.add_note, workshop_id, text, theme_id, table_label)


def edit_note(
    note_id: str, text: str | None = None, table_label: str | None = None
) -> Operation[NoteInfo]:
    return op("Edit note", notes.edit_note, note_id, text, table_label)


def move_notes(note_ids: Sequence[str], theme_id: str, theme_name: str) -> Operation[list[str]]:
    return op(f"Move to {theme_name}", notes.move_notes, list(note_ids), theme_id)


def delete_notes(note_ids: Sequence[str]) -> Operation[list[str]]:
    label = plural(len(note_ids), "Delete {n} note", "Delete {n} notes")
    return op(label, notes.delete_notes, list(note_ids))


def stack_duplicates(target_id: str, note_ids: Sequence[str]) -> Operation[NoteInfo]:
    return op("Stack duplicates", notes.stack_duplicates, target_id, list(note_ids))


def unstack(note_ids: Sequence[str]) -> Operation[None]:
    return op("Take off stack", notes.unstack, list(note_ids))


def import_notes(
    workshop_id: str, rows: list[notes_io.ImportRow]
) -> Operation[notes_io.ImportResult]:
    label = plural(len(rows), "Import {n} note", "Import {n} notes")
    return op(label, notes_io.import_notes, workshop_id, rows)


# --- clusters ------------------------------------------------------------------------------
def group(note_ids: Sequence[str], name: str = "") -> Operation[ClusterInfo]:
    return op("Group notes", clusters.create_cluster, list(note_ids), name)


def add_to_cluster(cluster_id: str, note_ids: Sequence[str]) -> Operation[ClusterInfo]:
    return op("Add to cluster", clusters.add_to_cluster, cluster_id, list(note_ids))


def remove_from_cluster(note_ids: Sequence[str]) -> Operation[None]:
    return op("Take out of cluster", clusters.remove_from_cluster, list(note_ids))


def rename_cluster(cluster_id: str, name: str) -> Operation[ClusterInfo]:
    return op("Rename cluster", clusters.rename_cluster, cluster_id, name)


def dissolve_cluster(cluster_id: str) -> Operation[list[str]]:
    return op("Ungroup cluster", clusters.dissolve_cluster, cluster_id)


def move_cluster(cluster_id: str, theme_id: str) -> Operation[ClusterInfo]:
    return op("Move cluster", clusters.move_cluster, cluster_id, theme_id)


# --- themes --------------------------------------------------------------------------------
def add_theme(workshop_id: str, name: str) -> Operation[ThemeInfo]:
    return op("Add theme", themes.add_theme, workshop_id, name)


def rename_theme(theme_id: str, name: str) -> Operation[ThemeInfo]:
    return op("Rename theme", themes.rename_theme, theme_id, name)


def recolour_theme(theme_id: str, colour: str) -> Operation[ThemeInfo]:
    return op("Change theme colour", themes.set_theme_colour, theme_id, colour)


def move_theme(theme_id: str, step: int) -> Operation[None]:
    return op("Move theme", themes.move_theme, theme_id, step)


def remove_theme(theme_id: str) -> Operation[int]:
    """Returns how many notes moved to the parking lot."""
    return op("Remove theme", themes.delete_theme, theme_id)


def board_patch(board: Board, stacked: set[str], note_ids: list[str]) -> Query[BoardPatch | None]:
    return query(read_patch, board, stacked, note_ids)
