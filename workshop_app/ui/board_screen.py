"""The facilitator's board: capture bar, search, one column per theme, keyboard actions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core.board import Row
from workshop_app.core.operations import Operation
from workshop_app.core.operations import board as ops
from workshop_app.errors import AppError
from workshop_app.ui import board_priority
from workshop_app.ui.board_actions import make_board_actions
from workshop_app.ui.board_card_actions import CardActions
from workshop_app.ui.board_model import BoardModel
from workshop_app.ui.capture_bar import CaptureBar
from workshop_app.ui.card_delegate import CardDelegate
from workshop_app.ui.card_list import CardListView, ThemeColumn
from workshop_app.ui.column_model import ROW_ROLE
from workshop_app.ui.theme_actions import ThemeActions
from workshop_app.ui.twin_offer import TwinOffer
from workshop_app.ui.workshop_session import WorkshopSession

BOARD_POINT_SIZE = 11.0
# Typing in the search box waits this long for the next key before filtering the board.
SEARCH_DEBOUNCE_MS = 150
T = TypeVar("T")


class BoardScreen(QWidget):
    """The facilitator's board: every action runs a named operation through the session, and
    its error (if any) shows under the capture bar, the board's own message line."""

    projector_requested = Signal()
    home_requested = Signal()

    def __init__(
        self, session: WorkshopSession, board_model: BoardModel, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("boardScreen")
        self.session = session
        self.board_model = board_model
        self.delegate = CardDelegate(BOARD_POINT_SIZE, lines=3, parent=self)
        self.columns: list[ThemeColumn] = []
        self._current_view: CardListView | None = None
        self.narrative_editor: QWidget | None = None
        self.outcomes_dialog: QWidget | None = None

        self._build_header()
        self._build_capture()
        self._lay_out()

        self.themes = ThemeActions(self)
        self.cards = CardActions(self)
        self.twins = TwinOffer(self)
        self.actions_, self.theme_actions = make_board_actions(self)
        board_model.themes_changed.connect(self._rebuild_columns)
        board_model.updated.connect(self._update_labels)
        board_model.edit_failed.connect(self._show_error)
        self._rebuild_columns()
        self._update_labels()

    # --- building ---------------------------------------------------------------------------
    def _build_header(self) -> None:
        """The workshop's title and prompt, the note count, the table filter and the search."""
        self.title = QLabel()
        self.title.setObjectName("boardTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt = QLabel()
        self.prompt.setObjectName("boardPrompt")
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setWordWrap(True)
        self.total = QLabel()
        self.total.setObjectName("boardTotal")
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search notes"))
        self.search.setClearButtonEnabled(True)
        self.search.setMaximumWidth(280)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._apply_search)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.installEventFilter(self)
        self.table_filter = QComboBox()
        self.table_filter.setAccessibleName(self.tr("Show notes from table"))
        self.table_filter.setToolTip(self.tr("Show only the notes from one table"))
        self.table_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.table_filter.currentIndexChanged.connect(self._table_filter_changed)

    def _build_capture(self) -> None:
        """The capture bar (Enter saves a note) and the hint an empty board shows."""
        self.capture = CaptureBar()
        self.capture.submitted.connect(self._capture)
        self.capture.note_edit.escape_pressed.connect(self.capture.clear_message)
        self.capture.note_edit.down_pressed.connect(self.focus_board)
        self.empty_hint = QLabel(
            self.tr(
                "This board is empty. Type what people say into the box above and press Enter: "
                "each note is saved at once. Ctrl+1 to Ctrl+9 pick the theme. Later, select "
                "notes and press Ctrl+G (or drag one note onto another) to cluster them."
            )
        )
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setWordWrap(True)

    def _lay_out(self) -> None:
        self.columns_host = QWidget()
        self.columns_host.setObjectName("columnsHost")
        self.columns_layout = QHBoxLayout(self.columns_host)
        self.columns_layout.setContentsMargins(0, 0, 0, 0)
        self.columns_layout.setSpacing(10)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.columns_host)
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)

        header = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.prompt)
        header.addLayout(titles, 1)
        header.addWidget(self.total)
        header.addWidget(self.table_filter)
        header.addWidget(self.search)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(header)
        layout.addWidget(self.capture)
        layout.addWidget(self.empty_hint)
        layout.addWidget(scroll, 1)

    def _rebuild_columns(self) -> None:
        # A theme renamed, recoloured or moved from its column keeps that column in focus.
        had_focus = next((c.view for c in self.columns if c.view.hasFocus()), None)
        keep = had_focus.column_model.theme_id if had_focus is not None else None
        for column in self.columns:
            self.columns_layout.removeWidget(column)
            column.deleteLater()
        self.columns = []
        for theme_id in self.board_model.theme_ids():
            column = ThemeColumn(self.board_model.models[theme_id], self.delegate)
            # Five columns fit a 1024-pixel-wide window (1280x720 at 125%) with no sideways scroll.
            column.setMinimumWidth(180)
            column.view.on_drop = self.cards.on_drop
            column.view.neighbour_requested.connect(self._focus_neighbour)
            column.view.typed.connect(self.capture.type_into)
            column.view.hint.connect(self.hint)
            column.view.installEventFilter(self)
            column.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
            column.view.customContextMenuRequested.connect(self._context_menu)
            self.columns_layout.addWidget(column, 1)
            self.columns.append(column)
        self.capture.set_themes(self.board_model.board.themes)
        self._current_view = None
        view = self.view_for_theme(keep) if keep else None
        if view is not None:
            self._current_view = view
            view.setFocus()

    def _update_labels(self) -> None:
        model = self.board_model
        board = model.board
        self.title.setText(board.workshop.title)
        prompts = board.workshop.prompts
        self.prompt.setText(prompts[0] if prompts else "")
        self.prompt.setVisible(bool(prompts))
        total = model.total_notes
        self._refresh_table_filter()
        if model.filtering:
            self.total.setText(
                self.tr("Showing %1 of %n note(s)", "", total).replace("%1", str(model.match_count))
            )
        else:
            self.total.setText(self.tr("%n note(s)", "", total))
        self.empty_hint.setVisible(total == 0)
        for column in self.columns:
            column.update_header(model.filtering)
        self.capture.recheck()

    def _refresh_table_filter(self) -> None:
        labels = self.board_model.table_labels()
        current = self.board_model.table_filter
        wanted = [None, *labels]
        if [self.table_filter.itemData(i) for i in range(self.table_filter.count())] == wanted:
            return
        self.table_filter.blockSignals(True)
        self.table_filter.clear()
        self.table_filter.addItem(self.tr("All tables"), None)
        for label in labels:
            self.table_filter.addItem(label, label)
        index = self.table_filter.findData(current) if current is not None else 0
        self.table_filter.setCurrentIndex(max(0, index))
        self.table_filter.blockSignals(False)
        self.table_filter.setVisible(bool(labels))

    def _table_filter_changed(self, index: int) -> None:
        self.board_model.set_table_filter(self.table_filter.itemData(index))

    def _apply_search(self) -> None:
        self.board_model.set_query(self.search.text())

    def flush_search(self) -> None:
        """Filter now for what is typed, without waiting for the next key."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self._apply_search()

    def action(self, name: str) -> QAction:
        found = self.findChild(QAction, name)
        assert found is not None, name
        return found

    # --- focus ------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if isinstance(obj, CardListView) and event.type() == QEvent.Type.FocusIn:
            self._current_view = obj
        to_results = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        key_press = event.type() == QEvent.Type.KeyPress
        if obj is self.search and key_press and event.key() in to_results:  # type: ignore[attr-defined]
            self.flush_search()
            self.focus_board()  # to the results
            return True
        if event.type() == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape:  # type: ignore[attr-defined]
            if obj is self.search:
                self.search.clear()
                self.flush_search()
                self.focus_capture()
                return True
            if isinstance(obj, CardListView) and obj.state() != CardListView.State.EditingState:
                obj.clearSelection()
                self.focus_capture()
                return True
        return super().eventFilter(obj, event)

    def focus_capture(self) -> None:
        # The cursor goes to the end, nothing selected: words typed before a theme was picked
        # (or a search made) must not be replaced by the next key.
        self.capture.note_edit.setFocus()
        self.capture.note_edit.deselect()
        self.capture.note_edit.end(False)

    def focus_board(self) -> None:
        """From the capture bar into the column of the theme being captured into."""
        view = self.view_for_theme(self.capture.current_theme_id() or "")
        views = [view] if view is not None else []
        views += [c.view for c in self.columns if c.view is not view]
        for candidate in views:
            model = candidate.model()
            if model.rowCount():
                candidate.setFocus()
                current = candidate.currentIndex()
                if self.board_model.filtering and not _is_card(current):
                    # From a search: the first result, not the header of the cluster it is in.
                    first = next(
                        (
                            model.index(i, 0)
                            for i in range(model.rowCount())
                            if _is_card(model.index(i, 0))
                        ),
                        model.index(0, 0),
                    )
                    candidate.setCurrentIndex(first)
                elif not current.isValid():
                    candidate.setCurrentIndex(model.index(0, 0))
                return

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def current_view(self) -> CardListView | None:
        if self._current_view is not None and self._current_view in [c.view for c in self.columns]:
            return self._current_view
        return None

    def view_for_theme(self, theme_id: str) -> CardListView | None:
        for column in self.columns:
            if column.model.theme_id == theme_id:
                return column.view
        return None

    def _focus_neighbour(self, step: int) -> None:
        views = [c.view for c in self.columns]
        view = self.sender()
        if view not in views:
            return
        target = views[max(0, min(len(views) - 1, views.index(view) + step))]
        target.setFocus()
        if not target.currentIndex().isValid() and target.model().rowCount():
            target.setCurrentIndex(target.model().index(0, 0))

    def pick_theme(self, index: int) -> None:
        if self.capture.select_theme(index):
            self.focus_capture()

    # --- capture ----------------------------------------------------------------------------
    def _capture(self, text: str, theme_id: str, table: str) -> None:
        wid = self.session.workshop_id
        with self.reporting():
            note = self.session.run(ops.add_note(wid, text, theme_id or None, table))
            self.capture.accepted()
            self.twins.after_capture(note.id, text)
            view = self.view_for_theme(note.theme_id)
            index = view.column_model.find(note.id) if view is not None else None
            if view is not None and index is not None and index.isValid():
                view.scrollTo(index)
            elif self.board_model.filtering and self.twins.pending is None:
                self._say_hidden_by_search(note.theme_id)

    def _say_hidden_by_search(self, theme_id: str) -> None:
        """A note saved under a search it does not match would vanish as it is typed: say
        where it went and how to see it, until the search is cleared."""
        model = self.board_model.models.get(theme_id)
        theme = model.theme_name if model is not None else ""
        self.capture.show_message(
            self.tr(
                "Saved in %1, but the search hides it: Ctrl+F then Esc shows every note."
            ).replace("%1", theme),
            lambda: self.board_model.filtering,
        )

    def _show_error(self, message: str) -> None:
        self.capture.show_message(message)

    @contextmanager
    def reporting(self) -> Iterator[None]:
        """Run board actions; the first that fails stops the rest and shows why, here."""
        try:
            yield
        except AppError as exc:
            self._show_error(exc.message)

    def run(self, operation: Operation[T]) -> T:
        return self.session.run(operation)

    # --- selection helpers ------------------------------------------------------------------
    def selected(self) -> tuple[CardListView | None, list[Row]]:
        view = self.current_view()
        return view, (view.selected_rows() if view else [])

    def _selected_card_ids(self) -> list[str]:
        _, rows = self.selected()
        return [r.id for r in rows if r.kind == "card"]

    def hint(self, text: str) -> None:
        self.capture.show_message(text)

    def after_action(self, view: CardListView | None, select_id: str | None = None) -> None:
        if view is None:
            return
        # The column model may have been rebuilt: find the view for the same theme again.
        theme_id = view.column_model.theme_id
        target = self.view_for_theme(theme_id)
        if target is not None:
            target.setFocus()
            if select_id:
                target.select_id(select_id)

    # --- actions ----------------------------------------------------------------------------
    def edit_current(self) -> None:
        view = self.current_view()
        if view is not None and view.currentIndex().isValid():
            view.edit(view.currentIndex())

    def show_whole_note(self) -> None:
        view, rows = self.selected()
        cards = [r for r in rows if r.kind == "card"]
        if not cards:
            return
        from workshop_app.ui.note_dialog import NoteDialog

        dialog = NoteDialog(self.session, cards[0].id, self)
        dialog.exec()
        self.after_action(view, cards[0].id)

    def open_narrative(self) -> None:
        """The narrative editor for the selected priority (a cluster or a card)."""
        board_priority.open_narrative(self)

    def open_outcomes(self) -> None:
        """Tag the selected cluster or card with the wellbeing outcomes it would improve."""
        board_priority.open_outcomes(self)

    # --- drag and drop ----------------------------------------------------------------------
    def _context_menu(self, pos: Any) -> None:
        view = self.sender()
        if not isinstance(view, CardListView):
            return
        self._current_view = view
        menu = QMenu(self)
        names = ("edit", "showNote", "narrative", "group", "ungroup", "stack", "unstack", "delete")
        for name in names:
            menu.addAction(self.action(name))
        move = menu.addMenu(self.tr("Move to theme"))
        for i, theme in enumerate(self.board_model.board.themes):
            action = move.addAction(theme.name)
            action.triggered.connect(lambda _=False, i=i: self.cards.move_selected_to(i))
        menu.exec(view.viewport().mapToGlobal(pos))

    def theme_name(self, theme_id: str) -> str:
        theme = self.board_model.board.theme(theme_id)
        return theme.name if theme else ""

    def theme_in_focus(self) -> str | None:
        view = self.current_view()
        if view is not None:
            return view.column_model.theme_id
        return self.capture.current_theme_id()


def _is_card(index: QModelIndex) -> bool:
    row = index.data(ROW_ROLE) if index.isValid() else None
    return row is not None and row.kind == "card"
