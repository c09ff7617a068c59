"""The voting window: the workshop's rounds, and for the chosen round its whole life from the
keyboard: set up, open, paper tally and per-person ballots, progress (never running totals
unless the facilitator peeks on purpose), close, reveal, results, run-off and reopening."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import voting
from workshop_app.core.operations import VOTING_TABLES, touches
from workshop_app.core.operations import voting as ops
from workshop_app.core.records import Change
from workshop_app.errors import AppError
from workshop_app.ui.board_model import BoardModel
from workshop_app.ui.board_screen import BoardScreen
from workshop_app.ui.column_model import ROW_ROLE
from workshop_app.ui.messages import reporting, show_message, step_history
from workshop_app.ui.printing_actions import PrintController
from workshop_app.ui.voting_ballot import BallotPanel
from workshop_app.ui.voting_results import VOTING_STYLE, ResultsView, rules_text
from workshop_app.ui.voting_setup import RoundSetupDialog
from workshop_app.ui.voting_tally import TallyGrid
from workshop_app.ui.workshop_session import WorkshopSession

ID_ROLE = Qt.ItemDataRole.UserRole


def board_shortlist(board: BoardScreen) -> list[tuple[str, str]]:
    """The cards and clusters selected on the board, as vote options, in board order."""
    out: list[tuple[str, str]] = []
    for column in board.columns:
        indexes = sorted(column.view.selectionModel().selectedIndexes(), key=lambda i: i.row())
        for index in indexes:
            row = index.data(ROW_ROLE)
            if row is not None:
                out.append(("cluster" if row.kind == "cluster" else "note", row.id))
    return out


class VotingDialog(QDialog):
    """Voting rounds: set up, open, record paper dots or ballots, close, reveal, run-off. Every
    step is a named operation through the session; its errors and undo show here."""

    def __init__(
        self,
        session: WorkshopSession,
        board_model: BoardModel,
        shortlist: list[tuple[str, str]] | None = None,
        projector: Callable[[], Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.board_model = board_model
        self.shortlist = shortlist or []
        self.projector_for = projector
        self.rounds: list[voting.RoundInfo] = []
        self.peeking = False
        self.setup_dialog: RoundSetupDialog | None = None
        self.confirm: QMessageBox | None = None
        self.printer: PrintController | None = None
        self.setWindowTitle(self.tr("Voting"))
        self.setStyleSheet(VOTING_STYLE)
        self.resize(1180, 720)

        left = self._rounds_panel()
        right = self._round_panel()

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([440, 740])
        close = QPushButton(self.tr("Close window"))
        close.setToolTip(self.tr("Close the voting window (Esc); nothing is lost"))
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        session.changed.connect(self._on_changed)
        self.refresh()
        if self.rounds:
            self.list.setCurrentItem(self.list.topLevelItem(len(self.rounds) - 1))
        self.list.setFocus()

    def _rounds_panel(self) -> QWidget:
        """The list of rounds and the New round button (Ctrl+N; Ctrl+Z undoes from here too)."""
        self.list = QTreeWidget()
        self.list.setObjectName("roundList")
        self.list.setAccessibleName(self.tr("Voting rounds"))
        self.list.setColumnCount(3)
        self.list.setHeaderLabels([self.tr("Round"), self.tr("Status"), self.tr("Rules")])
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list.currentItemChanged.connect(lambda *_: self._round_changed())
        self.new_button = QPushButton(self.tr("&New round…"))
        self.new_button.setObjectName("primaryButton")
        self.new_button.setToolTip(self.tr("Set up a new voting round (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_round)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_round)
        # The window is modal: undo and redo work from here as in the main window.
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self, self.undo)
        QShortcut(QKeySequence("Ctrl+Shift+Z"), self, self.redo)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        rounds_label = QLabel(self.tr("Rounds"))
        rounds_label.setObjectName("boardTitle")
        left_layout.addWidget(rounds_label)
        left_layout.addWidget(self.list, 1)
        left_layout.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignLeft)
        return left

    def _round_panel(self) -> QWidget:
        """The chosen round: its rules and progress, what can be done to it, and the tabs for
        the paper tally, per-person ballots and the results."""
        self.title = QLabel()
        self.title.setObjectName("boardTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.rules = QLabel()
        self.rules.setWordWrap(True)
        self.progress = QLabel()
        self.progress.setObjectName("votingProgress")
        self.progress.setAccessibleName(self.tr("Progress"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Voting message"))
        self.message.hide()

        self.open_button = self._button(self.tr("&Open voting"), self.open_round)
        self.close_button = self._button(self.tr("C&lose voting"), self.close_round)
        self.reveal_button = self._button(self.tr("Re&veal results"), self.reveal)
        self.peek_button = self._button(
            self.tr("&Peek at running totals (this screen only)"), self.toggle_peek
        )
        self.peek_button.setCheckable(True)
        self.peek_button.setObjectName("peekButton")
        self.edit_button = self._button(self.tr("&Edit round…"), self.edit_round)
        self.reopen_button = self._button(self.tr("Reopen for c&hanges…"), self.reopen)
        self.runoff_button = self._button(self.tr("Run-o&ff of the tie"), self.runoff)
        self.projector_button = self._button(self.tr("Show on pro&jector"), self.show_on_projector)
        self.export_button = self._button(self.tr("E&xport results as CSV…"), self.export_results)
        self.print_button = self._button(self.tr("Print results &sheet…"), self.print_results_sheet)
        actions, second = self._action_rows()
        self.tally = TallyGrid(self.session)
        self.ballots = BallotPanel(self.session)
        self.ballots.recorded.connect(self._update_progress)
        self.results = ResultsView()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.tally, self.tr("Paper &tally"))
        self.tabs.addTab(self.ballots, self.tr("Per-person &ballots"))
        self.tabs.addTab(self.results, self.tr("&Results"))
        self.tabs.currentChanged.connect(lambda _i: self._focus_tab())

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.progress)
        right_layout.addLayout(head)
        right_layout.addWidget(self.rules)
        right_layout.addLayout(actions)
        right_layout.addLayout(second)
        right_layout.addWidget(self.message)
        right_layout.addWidget(self.tabs, 1)
        self.detail = right
        return right

    def _action_rows(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        actions = QHBoxLayout()
        for b in (
            self.open_button,
            self.close_button,
            self.reveal_button,
            self.runoff_button,
            self.edit_button,
            self.reopen_button,
        ):
            actions.addWidget(b)
        actions.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.projector_button)
        second.addWidget(self.export_button)
        second.addWidget(self.print_button)
        second.addStretch(1)
        second.addWidget(self.peek_button)
        return actions, second

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter belongs to the grid and the ballot (they ignore it once handled, the way line
        # edits do): it must never fall through to a dialog button.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            return
        super().keyPressEvent(event)

    def _button(self, text: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    # --- reading ----------------------------------------------------------------------------
    def status_text(self, info: voting.RoundInfo) -> str:
        text = {
            voting.SETUP: self.tr("being set up"),
            voting.OPEN: self.tr("open"),
            voting.CLOSED: self.tr("revealed") if info.revealed else self.tr("closed"),
        }.get(info.status, info.status)
        if info.reopened:
            text += " · " + self.tr("reopened %n×", "", info.reopened)
        if info.runoff_of:
            text += " · " + self.tr("run-off")
        return text

    def short_rules(self, info: voting.RoundInfo) -> str:
        """The rules in a few words, for the list; the full sentence is above the tabs."""
        parts = [self.tr("%n dot(s)", "", info.dots_per_person)]
        if info.cap_per_option:
            parts.append(self.tr("cap %1").replace("%1", str(info.cap_per_option)))
        if info.criterion:
            parts.append(info.criterion)
        if info.objections:
            parts.append(self.tr("red dot"))
        return " · ".join(parts)

    def current(self) -> voting.RoundInfo | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(0, ID_ROLE)
        return next((r for r in self.rounds if r.id == wanted), None)

    def select_round(self, round_id: str) -> None:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(0, ID_ROLE) == round_id:
                self.list.setCurrentItem(item)
                return

    def refresh(self) -> None:
        wanted = self.current().id if self.current() else None
        workshop_id = self.session.workshop_id
        try:
            self.rounds = self.session.read(ops.list_rounds(workshop_id))
        except AppError as exc:
            self.say(exc.message, True)
            return
        self.list.blockSignals(True)
        self.list.clear()
        for info in self.rounds:
            item = QTreeWidgetItem([info.name, self.status_text(info), self.short_rules(info)])
            item.setData(0, ID_ROLE, info.id)
            item.setToolTip(2, rules_text(self, info))
            self.list.addTopLevelItem(item)
        self.list.blockSignals(False)
        if wanted:
            self.select_round(wanted)
        self._round_changed(keep_message=True)

    def _round_changed(self, keep_message: bool = False) -> None:
        info = self.current()
        if not keep_message:
            self.say("", False)
            self.peeking = False
        self.detail.setEnabled(info is not None)
        self.tally.set_round(info)
        self.ballots.set_round(info)
        if info is None:
            self.title.setText(
                self.tr("No voting round yet: press Ctrl+N to set one up.")
                if not self.rounds
                else ""
            )
            self.rules.clear()
            self.progress.clear()
            self.results.show_nothing("")
            return
        self.title.setText(info.name)
        options = self.tr("%n option(s)", "", len(info.options))
        self.rules.setText(f"{options}; {rules_text(self, info)}.")
        status = info.status
        self.peek_button.setChecked(self.peeking and status != voting.CLOSED)
        self._update_progress()
        self._show_results(info)
        tie = (
            status == voting.CLOSED
            and self.results.result is not None
            and bool(self.results.result.tie_groups())
        )
        # Only the next steps that apply are shown: fewer buttons to read under pressure.
        for button, on in (
            (self.open_button, status == voting.SETUP),
            (self.edit_button, status == voting.SETUP),
            (self.close_button, status == voting.OPEN),
            (self.reopen_button, status == voting.OPEN),
            (self.reveal_button, status == voting.CLOSED and not info.revealed),
            (self.peek_button, status == voting.OPEN),
            (self.runoff_button, tie),
            (self.export_button, status == voting.CLOSED),
            (self.print_button, status == voting.CLOSED),
        ):
            button.setEnabled(on)
            button.setVisible(on)

    def _update_progress(self) -> None:
        info = self.current()
        if info is None:
            return
        try:
            progress = self.session.read(ops.progress(info.id))
        except AppError as exc:
            self.say(exc.message, True)
            return
        text = progress.text()
        if progress.paper_dots:
            text += " · " + self.tr("paper dots recorded")
        self.progress.setText(text)

    def _show_results(self, info: voting.RoundInfo) -> None:
        if info.status != voting.CLOSED and not self.peeking:
            self.results.show_nothing(
                self.tr(
                    "Voting is blind: results are shown when the round is closed. "
                    "Peek only if you must; the projector never shows running totals."
                )
            )
            return
        peek = info.status != voting.CLOSED
        try:
            result = self.session.read(ops.results(info.id, peek=peek))
        except AppError as exc:
            self.results.show_nothing(exc.message)
            return
        self.results.show_result(result)

    def say(self, text: str, error: bool) -> None:
        show_message(self.message, text, error)

    def _focus_tab(self) -> None:
        widget = self.tabs.currentWidget()
        if widget is self.tally:
            self.tally.focus_first()
        elif widget is self.ballots:
            self.ballots.focus_first()

    def undo(self) -> None:
        step_history(self.session, self.message, backwards=True)

    def redo(self) -> None:
        step_history(self.session, self.message, backwards=False)

    def _on_changed(self, change: Change) -> None:
        if touches(change, VOTING_TABLES):
            self.refresh()

    def new_round(self) -> RoundSetupDialog:
        dialog = RoundSetupDialog(self.session, self.board_model, self.shortlist, parent=self)
        dialog.accepted.connect(lambda: self._after_setup(dialog))
        self.setup_dialog = dialog
        dialog.open()
        return dialog

    def edit_round(self) -> RoundSetupDialog | None:
        info = self.current()
        if info is None:
            return None
        dialog = RoundSetupDialog(
            self.session, self.board_model, self.shortlist, info=info, parent=self
        )
        dialog.accepted.connect(lambda: self._after_setup(dialog))
        self.setup_dialog = dialog
        dialog.open()
        return dialog

    def _after_setup(self, dialog: RoundSetupDialog) -> None:
        if dialog.result_round is not None:
            # The list was redrawn from the change already.
            self.select_round(dialog.result_round.id)
            self.say(self.tr("Saved. Ctrl+Z undoes it."), False)
        self.list.setFocus()

    def open_round(self) -> None:
        info = self.current()
        if info is None:
            return
        with reporting(self.message):
            self.session.run(ops.open_round(info.id))
            self._opened()

    def _opened(self) -> None:
        self.say(
            self.tr(
                "Voting is open; the options are locked. Record paper dots or let people vote."
            ),
            False,
        )
        self.tabs.setCurrentWidget(self.tally)
        self._focus_tab()

    def close_round(self) -> None:
        info = self.current()
        if info is None:
            return
        with reporting(self.message):
            self.session.run(ops.close_round(info.id))
            self.say(self.tr("Voting is closed. Reveal the results when the room is ready."), False)
            self.reveal_button.setFocus()

    def reveal(self) -> None:
        info = self.current()
        if info is None:
            return
        with reporting(self.message):
            self.session.run(ops.reveal(info.id))
            self._revealed()

    def _revealed(self) -> None:
        self.tabs.setCurrentWidget(self.results)
        result = self.results.result
        if result is not None and result.tie_groups():
            self.say(
                self.tr("Revealed. There is a tie: Run-off of the tie (Alt+F) settles it."), False
            )
            self.runoff_button.setFocus()
        else:
            self.say(self.tr("Revealed."), False)

    def toggle_peek(self) -> None:
        info = self.current()
        self.peeking = self.peek_button.isChecked() and info is not None
        if self.peeking:
            self.tabs.setCurrentWidget(self.results)
        self._round_changed(keep_message=True)

    def runoff(self) -> None:
        info = self.current()
        if info is None:
            return
        with reporting(self.message):
            made = self.session.run(ops.make_runoff(info.id))
            self._runoff_made(made)

    def _runoff_made(self, made: voting.RoundInfo) -> None:
        self.select_round(made.id)
        self.say(
            self.tr(
                "Run-off “%1” made from the tied options: open it when the room is ready."
            ).replace("%1", made.name),
            False,
        )
        self.open_button.setFocus()

    def print_results_sheet(self) -> None:
        """The closed round's results sheet as a PDF, for the room to take home."""
        info = self.current()
        if info is None:
            return
        if self.printer is None:
            self.printer = PrintController(self.session, self, lambda text: self.say(text, False))
        self.printer.print_results_sheet(info.id)

    def export_results(self) -> None:
        info = self.current()
        if info is None:
            return
        suggested = Path.home() / f"{info.name}.csv".replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export results"), str(suggested), "CSV (*.csv)"
        )
        if path:
            self.export_results_to(Path(path))

    def export_results_to(self, path: Path) -> bool:
        """The closed round's results as a spreadsheet-safe CSV, rules included."""
        from workshop_app.core.voting_io import write_results_csv

        info = self.current()
        if info is None:
            return False
        try:
            result = self.session.read(ops.results(info.id))
            write_results_csv(path, result)
        except AppError as exc:
            self.say(exc.message, True)
            return False
        self.say(self.tr("Results saved to %1").replace("%1", str(path)), False)
        return True

    def reopen(self) -> QMessageBox | None:
        info = self.current()
        if info is None:
            return None
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Reopen for changes"))
        box.setText(
            self.tr(
                "Unlock the options and rules of “%1”? Votes already recorded are kept. "
                "Reopening is recorded with the round and shown with its results."
            ).replace("%1", info.name)
        )
        yes = box.addButton(self.tr("&Reopen for changes"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(yes)

        def answered() -> None:
            if box.clickedButton() is not yes:
                return
            with reporting(self.message):
                self.session.run(ops.reopen_for_changes(info.id))
                self.say(
                    self.tr("Reopened for changes (recorded). Edit the round, then open it again."),
                    False,
                )
                self.edit_button.setFocus()

        box.finished.connect(lambda _r: answered())
        self.confirm = box
        box.open()
        return box

    def show_on_projector(self) -> None:
        info = self.current()
        if info is None or self.projector_for is None:
            return
        projector = self.projector_for()
        if projector is not None:
            projector.show_voting(info.id)
            self.activateWindow()
