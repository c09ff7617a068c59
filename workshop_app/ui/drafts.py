"""Nothing typed is lost at closing: the capture bar's unsaved words, the text of a note being
edited, the workshop and the theme in use are written to the data folder as they change, and
offered back when the app starts again, whether it was closed or crashed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QApplication, QPlainTextEdit, QWidget

from workshop_app.core import ui_state
from workshop_app.ui.card_list import CardListView
from workshop_app.ui.column_model import ROW_ROLE

if TYPE_CHECKING:
    from workshop_app.ui.board_screen import BoardScreen


class DraftKeeper(QObject):
    """Watches the open board and keeps its unsaved words in `ui_state.json`."""

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.state = ui_state.load(data_dir)
        self.board: BoardScreen | None = None
        self.workshop_id = ""
        self._editor: QPlainTextEdit | None = None
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    # --- what the app asks ------------------------------------------------------------------
    def last_workshop(self) -> str:
        return self.state.last_workshop

    def on_home(self) -> None:
        """The facilitator went back to the list of workshops: start there next time."""
        self._detach()
        self.state.last_workshop = ""
        self._write()

    def on_board(self, workshop_id: str, board: BoardScreen) -> None:
        """A board has opened: put back its theme and any unsaved words, then keep them."""
        self._detach()
        self.board = board
        self.workshop_id = workshop_id
        self.state.last_workshop = workshop_id
        capture = board.capture
        theme = self.state.themes.get(workshop_id, "")
        if theme in capture._theme_ids:
            capture.select_theme(capture._theme_ids.index(theme))
        draft = self.state.drafts.get(workshop_id)
        if draft is not None:
            self._offer_back(board, draft)
        capture.note_edit.textChanged.connect(self._capture_changed)
        capture.table_edit.textChanged.connect(self._capture_changed)
        capture.theme_group.idToggled.connect(self._theme_changed)
        self._write()

    def closing(self) -> None:
        """At closing: everything to the disk, not only to the operating system, and the
        board let go so that editors torn down with the window keep their words."""
        self._detach()
        self._write(durable=True)

    # --- offering back ----------------------------------------------------------------------
    def _offer_back(self, board: BoardScreen, draft: ui_state.Draft) -> None:
        capture = board.capture
        if draft.note or draft.table:
            capture.note_edit.setText(draft.note)
            capture.table_edit.setText(draft.table)
            # Not selected: the next key typed adds to the kept words instead of replacing them.
            capture.note_edit.deselect()
            capture.note_edit.end(False)
            capture.show_message(
                self.tr(
                    "Your unsaved note from last time is back in the box: press Enter to add "
                    "it, or clear the box if it is not wanted."
                ),
                lambda: capture.note_edit.text() == draft.note,
            )
        if draft.editing_id:
            self._reopen_editor(board, draft.editing_id, draft.editing_text)

    def _reopen_editor(self, board: BoardScreen, row_id: str, text: str) -> None:
        for column in board.columns:
            index = column.view.column_model.find(row_id)
            if not index.isValid():
                continue
            if index.data(Qt.ItemDataRole.EditRole) == text:
                break  # closing the window saved the edit: nothing is left to offer back
            view = column.view
            view.setFocus()
            view.select_id(row_id)
            view.edit(index)
            editor = view.indexWidget(index) or QApplication.focusWidget()
            if isinstance(editor, QPlainTextEdit):
                editor.setPlainText(text)
                # The cursor after the words, nothing selected: the first key typed goes on
                # from them instead of replacing them.
                editor.moveCursor(QTextCursor.MoveOperation.End)
                row = index.data(ROW_ROLE)
                board.capture.show_message(
                    self.tr(
                        "You were renaming this cluster when the app closed: your words are "
                        "back. Enter saves them, Esc leaves the name as it was."
                    )
                    if row is not None and row.kind == "cluster"
                    else self.tr(
                        "You were changing this note when the app closed: your words are back. "
                        "Enter saves them, Esc leaves the note as it was."
                    ),
                    still_true=lambda v=view: v.state() == QAbstractItemView.State.EditingState,
                )
                view.itemDelegate().closeEditor.connect(
                    board.capture.recheck, Qt.ConnectionType.SingleShotConnection
                )
            return
        # The note has gone (deleted on another screen); its unsaved words are dropped.
        draft = self.state.draft(self.workshop_id)
        draft.editing_id = draft.editing_text = ""

    # --- keeping ----------------------------------------------------------------------------
    def _capture_changed(self) -> None:
        if self.board is None:
            return
        draft = self.state.draft(self.workshop_id)
        draft.note = self.board.capture.note_edit.text()
        draft.table = self.board.capture.table_edit.text()
        self._write()

    def _theme_changed(self, _id: int, checked: bool) -> None:
        if self.board is None or not checked:
            return
        theme = self.board.capture.current_theme_id()
        if theme:
            self.state.themes[self.workshop_id] = theme
            self._write()

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self.board is None or not isinstance(new, QPlainTextEdit) or new is self._editor:
            return
        view = new.parent().parent() if new.parent() is not None else None
        if not isinstance(view, CardListView) or not self.board.isAncestorOf(view):
            return
        row = view.currentIndex().data(ROW_ROLE)
        if row is None:
            return
        self._editor = new
        row_id = row.id
        new.textChanged.connect(lambda: self._editor_changed(new, row_id))
        new.destroyed.connect(self._editor_closed)

    def _editor_changed(self, editor: QPlainTextEdit, row_id: str) -> None:
        draft = self.state.draft(self.workshop_id)
        draft.editing_id = row_id
        draft.editing_text = editor.toPlainText()
        self._write()

    def _editor_closed(self) -> None:
        # Saved or given up with Esc: either way the words are no longer unsaved. When the
        # whole window is closing, the board is gone first and the draft stays for next time.
        self._editor = None
        if self.board is None:
            return
        draft = self.state.draft(self.workshop_id)
        if draft.editing_id:
            draft.editing_id = draft.editing_text = ""
            self._write()

    def _detach(self) -> None:
        if self.board is not None:
            capture = self.board.capture
            for signal, slot in (
                (capture.note_edit.textChanged, self._capture_changed),
                (capture.table_edit.textChanged, self._capture_changed),
                (capture.theme_group.idToggled, self._theme_changed),
            ):
                signal.disconnect(slot)
        self.board = None
        self._editor = None

    def _write(self, *, durable: bool = False) -> None:
        ui_state.save(self.data_dir, self.state, durable=durable)
