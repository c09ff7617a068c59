"""File > Print: participant cards, the welcome sheet, a round's results sheet and the workshop
report, each saved as a PDF.

Each action asks its one question (how many walk-in cards, which size, which round, which
paper), then where to save, reads what it prints through the workshop session, and builds the
PDF on a worker thread (print_job) while the window stays live. Walk-in codes join the register
only once their cards are saved. Only Qt is imported when this module loads (the main window
builds its menus before the first paint); the store, core and reportlab come with the first
print.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workshop_app.errors import AppError

if TYPE_CHECKING:
    from workshop_app.ui.print_job import PrintJob, Render
    from workshop_app.ui.workshop_session import WorkshopSession

# Characters no common file system takes in a name, and control characters.
_UNSAFE = re.compile(r'[<>:"|?*\x00-\x1f\x7f]')
MAX_NAME_CHARS = 80


def safe_file_name(title: str) -> str:
    """A workshop title as part of a file name on Windows, macOS and Linux alike: "Fish/chips"
    reads as "Fish-chips", other characters a file system refuses become spaces."""
    name = _UNSAFE.sub(" ", re.sub(r"[/\\]", "-", title))
    name = re.sub(r"\s+", " ", name).strip(" .-")
    if len(name) > MAX_NAME_CHARS:
        name = name[:MAX_NAME_CHARS].rstrip(" .-")
    return name or "Workshop"


def default_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(documents) if documents else Path.home()
    return folder if folder.is_dir() else Path.home()


class ChoiceDialog(QDialog):
    """The one question a print action asks before the save dialog, answered from the
    keyboard: the field has the focus, Enter saves, Esc cancels."""

    def __init__(self, parent: QWidget, title: str, prompt: str, field: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.field = field
        self.setMinimumWidth(460)
        label = QLabel(prompt)
        label.setBuddy(field)
        field.setAccessibleName(prompt.replace("&", "").rstrip(":"))
        form = QFormLayout()
        form.addRow(label, field)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Save as PDF…"))
        ok.setAccessibleName(self.tr("Save as PDF"))
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        field.setFocus()

    def set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))


def _combo(items: list[tuple[str, Any]], current: int = 0) -> QComboBox:
    combo = QComboBox()
    for text, data in items:
        combo.addItem(text, data)
    combo.setCurrentIndex(current)
    return combo


class PrintController(QObject):
    """The four print actions for the workshop open in `session`, on behalf of `parent`.

    Errors are one line in a message box on `parent`; a saved file is announced through
    `notify` (the main window's status bar by default). One document at a time."""

    saved = Signal(object)  # the Path written
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        session: WorkshopSession,
        parent: QWidget,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.parent_widget = parent
        self._notify = notify
        self.dialog: ChoiceDialog | None = None
        self.error_box: QMessageBox | None = None
        self.job: PrintJob | None = None
        # Closing the window waits for a document being saved, so no worker outlives it.
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent_widget and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def shutdown(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job.wait()

    # --- the four actions --------------------------------------------------------------------
    def print_cards(self) -> None:
        from workshop_app.core.cards import MAX_WALK_INS

        spin = QSpinBox()
        spin.setRange(0, MAX_WALK_INS)
        spin.setValue(0)
        self._ask(
            self.tr("Participant cards"),
            self.tr("&Blank cards for walk-ins:"),
            spin,
            lambda: self._cards_chosen(spin.value()),
            self.tr(
                "One card for each person in the register, eight to an A4 sheet. Each blank "
                "card gets a fresh code, added to the register once the cards are saved."
            ),
        )

    def print_welcome(self) -> None:
        combo = _combo([(self.tr("A4 poster"), False), (self.tr("A5 handout"), True)])
        self._ask(
            self.tr("Welcome sheet"),
            self.tr("&Size:"),
            combo,
            lambda: self._welcome_chosen(bool(combo.currentData())),
        )

    def print_results_sheet(self, round_id: str | None = None) -> None:
        """The results sheet of `round_id`, or of a closed round the person picks (the latest
        one first)."""
        from workshop_app.printing import queries

        if round_id is not None:
            self._results_chosen(round_id)
            return
        rounds = self._read(queries.closed_rounds(self._workshop_id()))
        if rounds is None:
            return
        if not rounds:
            self._error(
                self.tr("No voting round is closed yet: close a round to print its results.")
            )
            return
        combo = _combo([(r.name, r.id) for r in rounds], len(rounds) - 1)
        self._ask(
            self.tr("Results sheet"),
            self.tr("&Round:"),
            combo,
            lambda: self._results_chosen(str(combo.currentData())),
        )

    def print_report(self) -> None:
        combo = _combo([(self.tr("A4"), "a4"), (self.tr("US Letter"), "letter")])
        self._ask(
            self.tr("Workshop report"),
            self.tr("&Paper:"),
            combo,
            lambda: self._report_chosen(str(combo.currentData())),
        )

    # --- after the question: where to save -----------------------------------------------------
    def _cards_chosen(self, blank: int) -> None:
        path = self._save_path(self.tr("Save participant cards"), self.tr("cards"))
        if path is not None:
            self.cards_to(path, blank)

    def _welcome_chosen(self, a5: bool) -> None:
        path = self._save_path(self.tr("Save the welcome sheet"), self.tr("welcome sheet"))
        if path is not None:
            self.welcome_to(path, a5)

    def _results_chosen(self, round_id: str) -> None:
        path = self._save_path(self.tr("Save the results sheet"), self.tr("results"))
        if path is not None:
            self.results_sheet_to(path, round_id)

    def _report_chosen(self, paper: str) -> None:
        path = self._save_path(self.tr("Save the workshop report"), self.tr("report"))
        if path is not None:
            self.report_to(path, paper)

    # --- building and saving ------------------------------------------------------------------
    def cards_to(self, path: Path, blank: int = 0) -> PrintJob | None:
        from workshop_app.printing import queries
        from workshop_app.printing.cards import cards_pdf

        wid = self._workshop_id()
        data = self._read(queries.cards(wid, blank))
        if data is None:
            return None
        codes = queries.walk_in_codes(data)
        people = len(data.cards)

        def saved(path: Path) -> str | None:
            if codes:
                try:
                    self.session.run(queries.keep_walk_ins(wid, codes))
                except AppError as exc:
                    # Cards whose codes are not in the register must not be handed out.
                    path.unlink(missing_ok=True)
                    self._fail(self.tr("The cards were not kept: %1").replace("%1", exc.message))
                    return None
            text = self.tr("Saved %n participant card(s) to %1", "", people)
            text = text.replace("%1", str(path))
            if codes:
                added = self.tr("walk-in codes added to the register: %1")
                text += "; " + added.replace("%1", ", ".join(codes))
            return text

        return self._start(
            self.tr("participant cards"),
            lambda progress, cancelled: cards_pdf(data),
            path,
            saved,
        )

    def welcome_to(self, path: Path, a5: bool = False) -> PrintJob | None:
        from workshop_app.printing import queries
        from workshop_app.printing.welcome import welcome_pdf

        info = self._read(queries.workshop(self._workshop_id()))
        if info is None:
            return None
        return self._start(
            self.tr("the welcome sheet"),
            lambda progress, cancelled: welcome_pdf(info, a5=a5),
            path,
            lambda path: self.tr("Saved the welcome sheet to %1").replace("%1", str(path)),
        )

    def results_sheet_to(self, path: Path, round_id: str) -> PrintJob | None:
        from workshop_app.printing import queries
        from workshop_app.printing.results_sheet import results_sheet_pdf

        sheet = self._read(queries.results_sheet(self._workshop_id(), round_id))
        if sheet is None:
            return None
        return self._start(
            self.tr("the results sheet"),
            lambda progress, cancelled: results_sheet_pdf(sheet),
            path,
            lambda path: (
                self.tr("Saved the results sheet of %1 to %2")
                .replace("%1", sheet.result.round.name)
                .replace("%2", str(path))
            ),
        )

    def report_to(self, path: Path, paper: str = "a4") -> PrintJob | None:
        from workshop_app.printing import queries
        from workshop_app.printing.report import report_pdf

        data = self._read(queries.report(self._workshop_id()))
        if data is None:
            return None
        return self._start(
            self.tr("the workshop report"),
            lambda progress, cancelled: report_pdf(
                data, paper, progress=progress, cancelled=cancelled
            ),
            path,
            lambda path: self.tr("Saved the workshop report to %1").replace("%1", str(path)),
        )

    def _start(
        self,
        what: str,
        render: Render,
        path: Path,
        on_saved: Callable[[Path], str | None],
    ) -> PrintJob | None:
        from workshop_app.ui.print_job import PrintJob

        if self.job is not None:
            self._error(self.tr("Another document is still being saved: wait for it to finish."))
            return None
        job = PrintJob(self.parent_widget, what, render, path)
        self.job = job

        def saved(written: Path) -> None:
            self.job = None
            text = on_saved(written)
            if text is not None:
                self.notify(text)
                self.saved.emit(written)

        def failed(message: str) -> None:
            self.job = None
            self._fail(message)

        def cancelled() -> None:
            self.job = None
            self.notify(self.tr("Printing was cancelled: no file was written."))
            self.cancelled.emit()

        job.saved.connect(saved)
        job.failed.connect(failed)
        job.cancelled.connect(cancelled)
        job.start()
        return job

    # --- helpers ------------------------------------------------------------------------------
    def _workshop_id(self) -> str:
        return self.session.workshop_id

    def _ask(
        self, title: str, prompt: str, field: QWidget, chosen: Callable[[], None], note: str = ""
    ) -> ChoiceDialog:
        if self.dialog is not None:
            self.dialog.deleteLater()
        dialog = ChoiceDialog(self.parent_widget, title, prompt, field)
        dialog.set_note(note)
        dialog.accepted.connect(chosen)
        self.dialog = dialog
        # open(), not exec(): window-modal, and the rest of the app keeps running.
        dialog.open()
        return dialog

    def _save_path(self, caption: str, kind: str) -> Path | None:
        from workshop_app.printing import queries

        info = self._read(queries.workshop(self._workshop_id()))
        if info is None:
            return None
        name = f"{safe_file_name(info.title)} - {kind}.pdf"
        chosen, _ = QFileDialog.getSaveFileName(
            self.parent_widget,
            caption,
            str(default_folder() / name),
            self.tr("PDF documents (*.pdf)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def _read(self, query: Any) -> Any:
        try:
            return self.session.read(query)
        except AppError as exc:
            self._error(exc.message)
            return None

    def notify(self, text: str) -> None:
        if self._notify is not None:
            self._notify(text)
            return
        window = self.parent_widget.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(text, 15000)

    def _fail(self, message: str) -> None:
        self._error(message)
        self.failed.emit(message)

    def _error(self, message: str) -> None:
        if self.error_box is not None:
            self.error_box.deleteLater()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Print"),
            message,
            QMessageBox.StandardButton.Ok,
            self.parent_widget,
        )
        box.setAccessibleName(self.tr("Printing problem"))
        self.error_box = box
        box.open()


def install_print_menu(
    window: QWidget,
    file_menu: QMenu,
    session_of: Callable[[], WorkshopSession],
    enabled: Callable[[], bool],
) -> QMenu:
    """Add File > Print with the four documents. `session_of()` gives the workshop session
    (the window makes it once the data folder is open); `enabled()` says whether a workshop
    is open, checked each time the File menu opens."""
    menu = file_menu.addMenu(window.tr("&Print"))
    menu.setObjectName("printMenu")
    controller: list[PrintController] = []

    def current() -> PrintController:
        session = session_of()
        if not controller or controller[0].session is not session:
            controller[:] = [PrintController(session, window)]
        return controller[0]

    for text, name, method in (
        (window.tr("Participant &cards…"), "printCards", "print_cards"),
        (window.tr("&Welcome sheet…"), "printWelcome", "print_welcome"),
        (window.tr("&Results sheet…"), "printResults", "print_results_sheet"),
        (window.tr("Workshop &report…"), "printReport", "print_report"),
    ):
        action = menu.addAction(text)
        action.setObjectName(name)
        action.triggered.connect(lambda _=False, m=method: getattr(current(), m)())
    file_menu.aboutToShow.connect(lambda: menu.setEnabled(enabled()))
    menu.setEnabled(False)
    return menu
