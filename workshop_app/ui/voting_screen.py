"""The voting window: the workshop's rounds, and for the chosen round its whole life from the
keyboard: set up, open, paper tally and per-person ballots, progress (never running totals
unless the facilitator peeks on purpose), counts that cannot be true flagged, close, reveal,
results with the line for what goes forward, run-off of the tie across it, and reopening.

The list of rounds is in voting_rounds.py, the steps a round goes through in voting_steps.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from workshop_app.core import voting
from workshop_app.core.operations import VOTING_TABLES, touches, voting_forward
from workshop_app.core.operations import voting as ops
from workshop_app.core.records import Change
from workshop_app.errors import AppError
from workshop_app.ui.board_model import BoardModel
from workshop_app.ui.board_screen import BoardScreen
from workshop_app.ui.column_model import ROW_ROLE
from workshop_app.ui.messages import show_message
from workshop_app.ui.printing_actions import PrintController
from workshop_app.ui.screen_fit import fit_to_screen
from workshop_app.ui.voting_ballot import BallotPanel
from workshop_app.ui.voting_results import VOTING_STYLE, ResultsView, rules_text
from workshop_app.ui.voting_rounds import RoundsPanel
from workshop_app.ui.voting_setup import RoundSetupDialog
from workshop_app.ui.voting_steps import RoundSteps
from workshop_app.ui.voting_tally import TallyGrid
from workshop_app.ui.workshop_session import WorkshopSession

FLAGS_STYLE = """
#votingFlags { background: #FFF3CD; color: #4A3000; border: 2px solid #B26A00;
    border-radius: 4px; padding: 6px; }
"""


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


class VotingDialog(RoundSteps, QDialog):
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
        # How many go forward, as the facilitator set it for each round (else its suggestion).
        self.forward_by_round: dict[str, int] = {}
        self.setup_dialog: RoundSetupDialog | None = None
        self.confirm: QMessageBox | None = None
        self.printer: PrintController | None = None
        self.setWindowTitle(self.tr("Voting"))
        self.setStyleSheet(VOTING_STYLE + FLAGS_STYLE)
        fit_to_screen(self, 1180, 720)

        self.rounds_panel = RoundsPanel()
        self.list = self.rounds_panel.list
        self.new_button = self.rounds_panel.new_button
        self.list.currentItemChanged.connect(lambda *_: self._round_changed())
        self.new_button.clicked.connect(self.new_round)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_round)
        # The window is modal: undo and redo work from here as in the main window.
        QShortcut(QKeySequence(QKeySequence.StandardKey.Undo), self, self.undo)
        QShortcut(QKeySequence("Ctrl+Shift+Z"), self, self.redo)
        right = self._round_panel()

        splitter = QSplitter()
        splitter.addWidget(self.rounds_panel)
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
        self.flags = QLabel()
        self.flags.setObjectName("votingFlags")
        self.flags.setWordWrap(True)
        self.flags.setTextFormat(Qt.TextFormat.PlainText)
        self.flags.setAccessibleName(self.tr("Counts that cannot be true"))
        self.flags.hide()
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
        for button, what in (
            (self.open_button, self.tr("Start taking dots for this round")),
            (self.close_button, self.tr("Stop taking dots; results stay hidden until revealed")),
            (self.reveal_button, self.tr("Show the ranked results here and on the projector")),
            (
                self.peek_button,
                self.tr("See the running totals on this screen only, never on the projector"),
            ),
            (
                self.edit_button,
                self.tr("Change the round's name, options and rules before it opens"),
            ),
            (self.reopen_button, self.tr("Take more dots after closing; the change is recorded")),
            (
                self.runoff_button,
                self.tr("A new round between the tied options that decide what goes forward"),
            ),
            (self.projector_button, self.tr("Show this round on the projector window")),
            (self.export_button, self.tr("Save the results as a CSV file for a spreadsheet")),
            (self.print_button, self.tr("A one-page results sheet to print or save as PDF")),
        ):
            button.setToolTip(what)
        self.forward = QSpinBox()
        self.forward.setRange(1, 1)
        self.forward.setAccessibleName(self.tr("How many options go forward"))
        self.forward.setToolTip(
            self.tr("How many options go forward: the run-off and the near tie are at this line")
        )
        self.forward.valueChanged.connect(self._forward_changed)
        self.forward_label = QLabel(self.tr("Goin&g forward:"))
        self.forward_label.setBuddy(self.forward)
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
        right_layout.addWidget(self.flags)
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
        actions.addWidget(self.forward_label)
        actions.addWidget(self.forward)
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
    def current(self) -> voting.RoundInfo | None:
        wanted = self.rounds_panel.current_id()
        return next((r for r in self.rounds if r.id == wanted), None)

    def select_round(self, round_id: str) -> None:
        self.rounds_panel.select(round_id)

    def forward_of(self, info: voting.RoundInfo) -> int:
        return self.forward_by_round.get(info.id, info.suggested_forward())

    def refresh(self) -> None:
        current = self.current()
        wanted = current.id if current else None
        try:
            self.rounds = self.session.read(ops.list_rounds(self.session.workshop_id))
        except AppError as exc:
            self.say(exc.message, True)
            return
        self.rounds_panel.fill(self.rounds)
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
            self.flags.hide()
            self.results.show_nothing("")
            return
        self.title.setText(info.name)
        options = self.tr("%n option(s)", "", len(info.options))
        self.rules.setText(f"{options}; {rules_text(self, info)}.")
        status = info.status
        self.peek_button.setChecked(self.peeking and status != voting.CLOSED)
        self._update_progress()
        self._show_results(info)
        result = self.results.result
        tie = status == voting.CLOSED and result is not None and bool(result.deciding_tie())
        counted = result is not None
        # Only the next steps that apply are shown: fewer buttons to read under pressure.
        for widget, on in (
            (self.open_button, status == voting.SETUP),
            (self.edit_button, status == voting.SETUP),
            (self.close_button, status == voting.OPEN),
            (self.reopen_button, status == voting.OPEN),
            (self.reveal_button, status == voting.CLOSED and not info.revealed),
            (self.peek_button, status == voting.OPEN),
            (self.runoff_button, tie),
            (self.export_button, status == voting.CLOSED),
            (self.print_button, status == voting.CLOSED and info.revealed),
            (self.forward, counted),
            (self.forward_label, counted),
        ):
            widget.setEnabled(on)
            widget.setVisible(on)
        if not tie and self.message.text().startswith(self.tr("Revealed.")):
            self.say("", False)  # the tie it spoke of is no longer the one at the line

    def _update_progress(self) -> None:
        info = self.current()
        if info is None:
            return
        try:
            progress = self.session.read(ops.progress(info.id))
            flags = (
                self.session.read(voting_forward.implausible_counts(info.id))
                if info.status != voting.SETUP
                else []
            )
        except AppError as exc:
            self.say(exc.message, True)
            return
        self.progress.setText(progress.text())
        self._show_flags(info, flags)

    def _show_flags(self, info: voting.RoundInfo, flags: list[str]) -> None:
        """Counts that cannot be true, said plainly; the facilitator may still close."""
        if not flags:
            self.flags.clear()
            self.flags.hide()
            return
        head = (
            self.tr("These counts do not add up: recount before closing (you can still close).")
            if info.status == voting.OPEN
            else self.tr("These counts did not add up:")
        )
        self.flags.setText(head + "\n" + "\n".join(f"•  {line}" for line in flags))
        self.flags.show()

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
        forward = self.forward_of(info)
        try:
            result = self.session.read(voting_forward.results(info.id, peek, forward))
        except AppError as exc:
            self.results.show_nothing(exc.message)
            return
        self.forward.blockSignals(True)
        self.forward.setRange(1, max(1, len(info.options) - 1))
        self.forward.setValue(result.forward)
        self.forward.blockSignals(False)
        self.results.show_result(result)

    def _forward_changed(self, value: int) -> None:
        info = self.current()
        if info is None:
            return
        self.forward_by_round[info.id] = value
        self._round_changed(keep_message=True)

    def say(self, text: str, error: bool) -> None:
        show_message(self.message, text, error)

    def _focus_tab(self) -> None:
        widget = self.tabs.currentWidget()
        if widget is self.tally:
            self.tally.focus_first()
        elif widget is self.ballots:
            self.ballots.focus_first()

    def _on_changed(self, change: Change) -> None:
        if touches(change, VOTING_TABLES):
            self.refresh()
