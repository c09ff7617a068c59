"""The steps of a round's life, as the voting window takes them: set up or change it, open,
close, reveal, peek, run off the tie that decides what goes forward, reopen for changes, and
take the results away (CSV, printed sheet, projector). Each step is a named operation through
the session; its error, and what it did, show in the voting window's own message line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton, QTabWidget, QWidget

from workshop_app.core import voting
from workshop_app.core.operations import voting as ops
from workshop_app.core.operations import voting_forward
from workshop_app.errors import AppError
from workshop_app.ui.board_model import BoardModel
from workshop_app.ui.messages import reporting, step_history
from workshop_app.ui.printing_actions import PrintController
from workshop_app.ui.voting_results import ResultsView
from workshop_app.ui.voting_rounds import RoundsPanel
from workshop_app.ui.voting_setup import RoundSetupDialog
from workshop_app.ui.workshop_session import WorkshopSession


class RoundSteps:
    """Mixed into the voting window (a QDialog): the actions on the chosen round."""

    session: WorkshopSession
    board_model: BoardModel
    shortlist: list[tuple[str, str]]
    projector_for: Callable[[], Any] | None
    setup_dialog: RoundSetupDialog | None
    confirm: QMessageBox | None
    printer: PrintController | None
    peeking: bool
    rounds_panel: RoundsPanel
    message: QLabel
    tabs: QTabWidget
    tally: QWidget
    results: ResultsView
    peek_button: QPushButton
    open_button: QPushButton
    edit_button: QPushButton
    reveal_button: QPushButton
    runoff_button: QPushButton

    if TYPE_CHECKING:  # provided by the window

        def tr(self, text: str, disambiguation: str = "", n: int = -1) -> str: ...
        def activateWindow(self) -> None: ...
        def current(self) -> voting.RoundInfo | None: ...
        def select_round(self, round_id: str) -> None: ...
        def say(self, text: str, error: bool) -> None: ...
        def forward_of(self, info: voting.RoundInfo) -> int: ...
        def _focus_tab(self) -> None: ...
        def _round_changed(self, keep_message: bool = False) -> None: ...

    def _parent(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self

    # --- setting up -------------------------------------------------------------------------
    def new_round(self) -> RoundSetupDialog:
        dialog = RoundSetupDialog(
            self.session, self.board_model, self.shortlist, parent=self._parent()
        )
        dialog.accepted.connect(lambda: self._after_setup(dialog))
        self.setup_dialog = dialog
        dialog.open()
        return dialog

    def edit_round(self) -> RoundSetupDialog | None:
        info = self.current()
        if info is None:
            return None
        dialog = RoundSetupDialog(
            self.session, self.board_model, self.shortlist, info=info, parent=self._parent()
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
        self.rounds_panel.list.setFocus()

    # --- open, close, reveal, peek ----------------------------------------------------------
    def open_round(self) -> None:
        info = self.current()
        if info is None:
            return
        with reporting(self.message):
            self.session.run(ops.open_round(info.id))
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
        tie = result.deciding_tie() if result is not None else []
        if result is not None and tie:
            self.say(
                self.tr(
                    "Revealed. %n option(s) tie across the line for what goes forward: "
                    "Run-off of the tie (Alt+F) settles it.",
                    "",
                    len(tie),
                ),
                False,
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

    # --- run-off and reopening --------------------------------------------------------------
    def runoff(self) -> None:
        info = self.current()
        if info is None:
            return
        with reporting(self.message):
            made = self.session.run(voting_forward.make_runoff(info.id, self.forward_of(info)))
            self.select_round(made.id)
            self.say(
                self.tr(
                    "Run-off “%1” made from the options tied across the line: %n place(s) to "
                    "fill. Open it when the room is ready.",
                    "",
                    made.dots_per_person,
                ).replace("%1", made.name),
                False,
            )
            self.open_button.setFocus()

    def reopen(self) -> QMessageBox | None:
        info = self.current()
        if info is None:
            return None
        box = QMessageBox(self._parent())
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

    # --- taking the results away ------------------------------------------------------------
    def print_results_sheet(self) -> None:
        """The closed round's results sheet as a PDF, for the room to take home."""
        info = self.current()
        if info is None:
            return
        if self.printer is None:
            self.printer = PrintController(
                self.session, self._parent(), lambda text: self.say(text, False)
            )
        # The sheet marks the same line and tie as this window: its "going forward" number.
        self.printer.print_results_sheet(info.id, self.forward_of(info))

    def export_results(self) -> None:
        info = self.current()
        if info is None:
            return
        suggested = Path.home() / f"{info.name}.csv".replace("/", "-")
        path, _ = QFileDialog.getSaveFileName(
            self._parent(), self.tr("Export results"), str(suggested), "CSV (*.csv)"
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
            result = self.session.read(
                voting_forward.results(info.id, False, self.forward_of(info))
            )
            write_results_csv(path, result)
        except AppError as exc:
            self.say(exc.message, True)
            return False
        self.say(self.tr("Results saved to %1").replace("%1", str(path)), False)
        return True

    def show_on_projector(self) -> None:
        info = self.current()
        if info is None or self.projector_for is None:
            return
        projector = self.projector_for()
        if projector is not None:
            projector.show_voting(info.id)
            self.activateWindow()

    # --- undo from this window --------------------------------------------------------------
    def undo(self) -> None:
        step_history(self.session, self.message, backwards=True)

    def redo(self) -> None:
        step_history(self.session, self.message, backwards=False)
