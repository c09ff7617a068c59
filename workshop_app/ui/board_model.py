"""The open board as every board view sees it: one column model per theme, kept current."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QObject, Signal

from workshop_app.core.board import (
    Board,
    Card,
    ColumnRows,
    Row,
    board_rows,
    fold,
    folded_card,
    matching_ids,
    narrowed_rows,
    natural_key,
)
from workshop_app.core.operations import board as board_ops
from workshop_app.core.operations import tables_of
from workshop_app.core.operations.board_rows import PATCHABLE, BoardPatch, apply_patch, stacked_ids
from workshop_app.core.records import Change
from workshop_app.errors import AppError
from workshop_app.ui import card_tags
from workshop_app.ui.column_model import ColumnModel
from workshop_app.ui.workshop_session import WorkshopSession

MATCHES_KEPT = 32  # searches remembered until the board changes: a few sets of ids


class BoardModel(QObject):
    """The board of the open workshop: its read model, the search and table filter, and one
    ColumnModel per theme that the board and the projector share.

    It follows the session's `changed` signal: an action on loose notes is patched into the
    column models in place (rows inserted, updated or removed by id); a change to clusters,
    stacks, themes or the workshop reloads the board; a change to anything else is ignored.
    `updated` says the rows or counts changed, `themes_changed` that the columns did."""

    updated = Signal()
    themes_changed = Signal()
    # An edit typed in place failed: the one-line reason, for the board to show.
    edit_failed = Signal(str)

    # An edit typed in place failed: the one-line reason, for the board to show.
    def __init__(self, session: WorkshopSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.workshop_id = session.workshop_id
        self.query = ""
        self.table_filter: str | None = None
        self.models: dict[str, ColumnModel] = {}
        self.total_notes = 0
        self._labels: Counter[str] = Counter()
        self._stacked: set[str] = set()
        self._folded: dict[str, tuple[Card, str]] = {}
        # The cards each recent search and table filter kept, until the board changes: typing
        # on narrows among the last matches, and rubbing out finds them again.
        self._matches: dict[tuple[str, str | None], set[str]] = {}
        self._columns: dict[str, ColumnRows] | None = None  # every row, until the board changes
        self._theme_signature: tuple = ()
        self.board: Board = session.read(board_ops.board(self.workshop_id))
        self._rebuild()
        session.changed.connect(self._on_changed)

    # --- what the views ask -------------------------------------------------------------------
    @property
    def filtering(self) -> bool:
        return bool(self.query.strip()) or self.table_filter is not None

    @property
    def match_count(self) -> int:
        """The notes the columns show (a ×2 stack is two, a matching cluster's name shows all
        its notes): what "Showing 3 of 40 notes" counts."""
        if not self.filtering:
            return self.total_notes
        return sum(
            r.card.count for m in self.models.values() for r in m.rows() if r.card is not None
        )

    def _card_of(self, card_id: str) -> Card | None:
        return self.board.cards.get(card_id)

    def theme_ids(self) -> list[str]:
        return [t.id for t in self.board.themes]

    def table_labels(self) -> list[str]:
        """The distinct table labels on the board, in a natural order (Table 2 before 10)."""
        return sorted((k for k, n in self._labels.items() if n > 0 and k.strip()), key=natural_key)

    def set_query(self, query: str) -> None:
        if query != self.query:
            self.query = query
            self._sync_rows()
            self.updated.emit()

    def set_table_filter(self, table: str | None) -> None:
        if table != self.table_filter:
            self.table_filter = table
            self._sync_rows()
            self.updated.emit()

    def reload(self) -> None:
        self.board = self.session.read(board_ops.board(self.workshop_id))
        self._rebuild()
        self.updated.emit()

    # --- following changes --------------------------------------------------------------------
    def _on_changed(self, change: Change) -> None:
        tables = tables_of(change)
        if "outcome_tags" in tables:  # rare: a priority's outcomes shown on its card changed
            self.reload()
            return
        if tables.isdisjoint(board_ops.BOARD_TABLES):
            return
        if tables <= PATCHABLE:
            ids = change.ids("notes") or [rid for _, rid in change.after]
            patch = self.session.read(board_ops.board_patch(self.board, self._stacked, ids))
            if patch is not None:
                self._apply(patch)
                return
        self.reload()

    def _apply(self, patch: BoardPatch) -> None:
        if patch.empty:
            return
        apply_patch(self.board, patch)
        self._matches.clear()
        self._columns = None
        added = {card.id: card for card in patch.added}
        for card in patch.removed:
            self._count(card, -1)
            model = self.models.get(card.theme_id)
            if model is None:
                continue
            model.note_count -= card.count
            new = added.get(card.id)
            same_place = new is not None and (new.theme_id, new.seq) == (card.theme_id, card.seq)
            if same_place and self._keep(new) and model.replace(Row("card", card.id, card=new)):
                # An edit: the row stays where it is, with its selection.
                del added[card.id]
                self._count(new, 1)
                model.note_count += new.count
                continue
            model.remove_id(card.id)
        for card in added.values():
            self._count(card, 1)
            model = self.models.get(card.theme_id)
            if model is None:
                continue
            model.note_count += card.count
            if self._keep(card):
                model.insert_loose(Row("card", card.id, card=card))
        self.updated.emit()

    def _count(self, card: Card, sign: int) -> None:
        self.total_notes += sign * card.count
        self._labels[card.table_label] += sign

    def _keep(self, card: Card) -> bool:
        if self.table_filter is not None and card.table_label != self.table_filter:
            return False
        folded = fold(self.query.strip())
        return not folded or folded in self._folded_of(card)

    def _folded_of(self, card: Card) -> str:
        cached = self._folded.get(card.id)
        if cached is not None and (cached[0] is card or cached[0] == card):
            return cached[1]
        folded = folded_card(card)
        self._folded[card.id] = (card, folded)
        return folded

    # --- rebuilding ---------------------------------------------------------------------------
    def _rebuild(self) -> None:
        board = self.board
        self._matches.clear()
        self._columns = None
        self._stacked = stacked_ids(board)
        labels: Counter[str] = Counter()
        counts: Counter[str] = Counter()
        for card in board.cards.values():  # one pass: a 50,000-note board is reloaded whole
            labels[card.table_label] += 1
            counts[card.theme_id] += 1 + len(card.duplicate_ids)
        self._labels = labels
        self.total_notes = sum(counts.values())
        for theme in board.themes:
            model = self.models.get(theme.id)
            if model is None:
                model = ColumnModel(theme.id, self._edit_from_view, self)
                model.card_of = self._card_of
                self.updated.connect(model.board_updated)
                self.models[theme.id] = model
            model.theme_name = theme.name
            model.theme_colour = theme.colour
            model.is_parking_lot = theme.is_parking_lot
        live = {t.id for t in board.themes}
        for theme_id in [k for k in self.models if k not in live]:
            self.models.pop(theme_id).deleteLater()
        for theme_id, model in self.models.items():
            model.note_count = counts[theme_id]
        self._sync_rows()
        card_tags.attach(self.models.values(), board.tags)
        signature = tuple((t.id, t.name, t.colour) for t in board.themes)
        if signature != self._theme_signature:
            self._theme_signature = signature
            self.themes_changed.emit()

    def _kept(self) -> set[str] | None:
        """The ids of the cards the search and table filter keep (None: nothing filters)."""
        query, table = fold(self.query.strip()), self.table_filter
        if not query and table is None:
            return None
        found = self._matches.get((query, table))
        if found is None:
            # Matches of a query hold every match of a longer one containing it.
            pools = [ids for (q, t), ids in self._matches.items() if t == table and q in query]
            cards = self.board.cards
            pool = min(pools, key=len, default=None)
            candidates = cards.values() if pool is None else [cards[i] for i in pool]
            found = matching_ids(candidates, self._folded_of, query, table) or set()
            if len(self._matches) >= MATCHES_KEPT:
                self._matches.pop(next(iter(self._matches)))
            self._matches[(query, table)] = found
        return found

    def _all_columns(self) -> dict[str, ColumnRows]:
        if self._columns is None:
            self._columns = board_rows(self.board)
        return self._columns

    def whole_board_rows(self) -> dict[str, list[Row]]:
        """Every column's rows with no search or table filter (the projector's view)."""
        return narrowed_rows(self._all_columns(), None, "", None)

    def _sync_rows(self) -> None:
        kept = self._kept()
        rows = narrowed_rows(self._all_columns(), kept, self.query, self.table_filter)
        for theme_id, model in self.models.items():
            model.set_rows(rows.get(theme_id, []))

    def _edit_from_view(self, row: Row, value: str) -> bool:
        """An edit typed into a card or cluster header in place; errors show on the board."""
        if row.kind == "cluster":
            operation = board_ops.rename_cluster(row.id, value)
        else:
            current = self.board.cards.get(row.id)
            if current is not None and current.text == value:
                return True
            operation = board_ops.edit_note(row.id, value)
        try:
            self.session.run(operation)
        except AppError as exc:
            self.edit_failed.emit(exc.message)
            return False
        return True
