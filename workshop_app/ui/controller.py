"""The board's controller: runs each user action through core as one committed transaction,
pushes it on the undo stack, and refreshes the column models every view shares."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from sqlalchemy.orm import Session

from workshop_app.core import clusters, notes, notes_io, themes
from workshop_app.core.board import Board, Row, column_rows, load_board, matching_count
from workshop_app.core.records import take_change
from workshop_app.errors import AppError
from workshop_app.store.database import Database
from workshop_app.ui.column_model import ColumnModel
from workshop_app.ui.undo import JournalCommand

T = TypeVar("T")


class BoardController(QObject):
    board_changed = Signal()
    themes_changed = Signal()
    error = Signal(str)
    saved = Signal(str)

    def __init__(self, db: Database, workshop_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.workshop_id = workshop_id
        self.undo_stack = QUndoStack(self)
        self.query = ""
        self.table_filter: str | None = None
        self.models: dict[str, ColumnModel] = {}
        self._theme_signature: tuple = ()
        self.board: Board = db.read(lambda s: load_board(s, workshop_id))
        self._sync_models()

    # --- reading ----------------------------------------------------------------------------
    def refresh(self) -> None:
        try:
            self.board = self.db.read(lambda s: load_board(s, self.workshop_id))
        except AppError as exc:
            self.error.emit(exc.message)
            return
        self._sync_models()
        self.board_changed.emit()

    def _sync_models(self) -> None:
        signature = tuple((t.id, t.name, t.colour) for t in self.board.themes)
        for theme in self.board.themes:
            model = self.models.get(theme.id)
            if model is None:
                model = ColumnModel(theme.id, self._edit_from_view, self)
                self.models[theme.id] = model
            model.theme_name = theme.name
            model.theme_colour = theme.colour
            model.note_count = self.board.note_count(theme.id)
            model.set_rows(column_rows(self.board, theme.id, self.query, self.table_filter))
        live = {t.id for t in self.board.themes}
        for theme_id in [k for k in self.models if k not in live]:
            self.models.pop(theme_id).deleteLater()
        if signature != self._theme_signature:
            self._theme_signature = signature
            self.themes_changed.emit()

    def set_query(self, query: str) -> None:
        self.query = query
        self._sync_models()
        self.board_changed.emit()

    def set_table_filter(self, table: str | None) -> None:
        self.table_filter = table
        self._sync_models()
        self.board_changed.emit()

    @property
    def filtering(self) -> bool:
        return bool(self.query.strip()) or self.table_filter is not None

    def matching(self) -> int:
        return matching_count(self.board, self.query, self.table_filter)

    def theme_ids(self) -> list[str]:
        return [t.id for t in self.board.themes]

    # --- acting -----------------------------------------------------------------------------
    def perform(self, text: str, action: Callable[[Session], T]) -> T | None:
        """Run one user action in one transaction; on success it is saved and undoable."""
        change = None

        def run(session: Session) -> T:
            nonlocal change
            result = action(session)
            change = take_change(session)
            return result

        try:
            result = self.db.run(run)
        except AppError as exc:
            self.error.emit(exc.message)
            return None
        if change is not None and not change.empty:
            self.undo_stack.push(
                JournalCommand(self.db, text, change, self._after_undo, self._undo_failed)
            )
        self.refresh()
        self.saved.emit(self.tr("Saved at %s") % datetime.now().strftime("%H:%M:%S"))
        return result

    def try_perform(self, text: str, action: Callable[[Session], T]) -> tuple[T | None, str | None]:
        """perform(), returning the one-line reason instead of announcing it, for dialogs that
        show their own errors."""
        reasons: list[str] = []

        def note(message: str) -> None:
            reasons.append(message)

        self.error.connect(note)
        try:
            result = self.perform(text, action)
        finally:
            self.error.disconnect(note)
        if result is None:
            return None, reasons[0] if reasons else self.tr("That could not be saved.")
        return result, None

    def _after_undo(self) -> None:
        self.refresh()
        self.saved.emit(self.tr("Saved at %s") % datetime.now().strftime("%H:%M:%S"))

    def _undo_failed(self, exc: Exception) -> None:
        self.error.emit(str(exc) if isinstance(exc, AppError) else repr(exc))

    def _edit_from_view(self, row: Row, value: str) -> bool:
        if row.kind == "cluster":
            return self.rename_cluster(row.id, value)
        return self.edit_note(row.id, value)

    def add_note(self, text: str, theme_id: str | None, table_label: str = "") -> str | None:
        info = self.perform(
            self.tr("Add note"),
            lambda s: notes.add_note(s, self.workshop_id, text, theme_id, table_label),
        )
        return info.id if info else None

    def edit_note(self, note_id: str, text: str) -> bool:
        current = self.board.cards.get(note_id)
        if current is not None and current.text == text:
            return True
        return (
            self.perform(self.tr("Edit note"), lambda s: notes.edit_note(s, note_id, text))
            is not None
        )

    def move_cards(self, note_ids: Sequence[str], theme_id: str) -> bool:
        name = self.board.theme(theme_id).name if self.board.theme(theme_id) else ""
        return (
            self.perform(
                self.tr("Move to %s") % name, lambda s: notes.move_notes(s, note_ids, theme_id)
            )
            is not None
        )

    def delete_cards(self, note_ids: Sequence[str]) -> bool:
        text = self.tr("Delete %n note(s)", "", len(note_ids))
        return self.perform(text, lambda s: notes.delete_notes(s, note_ids)) is not None

    def group(self, note_ids: Sequence[str], name: str = "") -> str | None:
        info = self.perform(
            self.tr("Group notes"), lambda s: clusters.create_cluster(s, note_ids, name)
        )
        return info.id if info else None

    def add_to_cluster(self, cluster_id: str, note_ids: Sequence[str]) -> bool:
        return (
            self.perform(
                self.tr("Add to cluster"),
                lambda s: clusters.add_to_cluster(s, cluster_id, note_ids),
            )
            is not None
        )

    def remove_from_cluster(self, note_ids: Sequence[str]) -> bool:
        return (
            self.perform(
                self.tr("Take out of cluster"),
                lambda s: clusters.remove_from_cluster(s, note_ids) or True,
            )
            is not None
        )

    def rename_cluster(self, cluster_id: str, name: str) -> bool:
        return (
            self.perform(
                self.tr("Rename cluster"), lambda s: clusters.rename_cluster(s, cluster_id, name)
            )
            is not None
        )

    def dissolve_cluster(self, cluster_id: str) -> bool:
        return (
            self.perform(
                self.tr("Ungroup cluster"), lambda s: clusters.dissolve_cluster(s, cluster_id)
            )
            is not None
        )

    def move_cluster(self, cluster_id: str, theme_id: str) -> bool:
        return (
            self.perform(
                self.tr("Move cluster"), lambda s: clusters.move_cluster(s, cluster_id, theme_id)
            )
            is not None
        )

    def stack(self, target_id: str, note_ids: Sequence[str]) -> bool:
        return (
            self.perform(
                self.tr("Stack duplicates"),
                lambda s: notes.stack_duplicates(s, target_id, note_ids),
            )
            is not None
        )

    def unstack(self, note_ids: Sequence[str]) -> bool:
        return (
            self.perform(self.tr("Take off stack"), lambda s: notes.unstack(s, note_ids) or True)
            is not None
        )

    def stack_of(self, note_id: str) -> list[notes.NoteInfo]:
        return self.db.read(lambda s: notes.stack_of(s, note_id))

    def add_theme(self, name: str) -> str | None:
        info = self.perform(
            self.tr("Add theme"), lambda s: themes.add_theme(s, self.workshop_id, name)
        )
        return info.id if info else None

    def rename_theme(self, theme_id: str, name: str) -> bool:
        return (
            self.perform(self.tr("Rename theme"), lambda s: themes.rename_theme(s, theme_id, name))
            is not None
        )

    def recolour_theme(self, theme_id: str, colour: str) -> bool:
        return (
            self.perform(
                self.tr("Change theme colour"),
                lambda s: themes.set_theme_colour(s, theme_id, colour),
            )
            is not None
        )

    def move_theme(self, theme_id: str, step: int) -> bool:
        return (
            self.perform(
                self.tr("Move theme"), lambda s: themes.move_theme(s, theme_id, step) or True
            )
            is not None
        )

    def delete_theme(self, theme_id: str) -> bool:
        return (
            self.perform(
                self.tr("Remove theme"), lambda s: themes.delete_theme(s, theme_id) or True
            )
            is not None
        )

    def import_rows(self, rows: list[notes_io.ImportRow]) -> notes_io.ImportResult | None:
        return self.perform(
            self.tr("Import %n note(s)", "", len(rows)),
            lambda s: notes_io.import_notes(s, self.workshop_id, rows),
        )

    def snapshot_models(self) -> dict[str, list[Any]]:
        return {tid: m.rows() for tid, m in self.models.items()}
