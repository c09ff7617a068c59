"""File > Print: participant cards, the welcome sheet, a round's results sheet and the workshop
report, each shown in a preview and then printed or saved as a PDF.

Each action asks its one question (how many walk-in cards, which size, which round, which
paper) in print_choice, reads what it prints through the workshop session, and builds the PDF
on a worker thread (print_job) into a temporary folder while the window stays live; the
preview (print_preview) then offers Print… and Save as PDF…. Walk-in codes join the register
only once their cards are printed or saved. Only Qt is imported when this module loads (the
main window builds its menus before the first paint); the store, core and reportlab come with
the first print.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QSpinBox, QWidget

from workshop_app.errors import AppError
from workshop_app.ui.print_choice import ChoiceDialog, combo, default_folder, safe_file_name

if TYPE_CHECKING:
    from workshop_app.ui.print_job import PrintJob, Render
    from workshop_app.ui.print_preview import PreviewDialog
    from workshop_app.ui.workshop_session import WorkshopSession

__all__ = ["ChoiceDialog", "PrintController", "install_print_menu", "safe_file_name"]


@dataclass
class Document:
    """One document ready to build: what it is called where, how it is drawn, and what to say
    once it is saved or printed."""

    title: str  # the preview's title
    what: str  # in "Preparing …"
    kind: str  # in the suggested file name: "<workshop> - <kind>.pdf"
    workshop_title: str
    render: Render
    saved_text: Callable[[Path], str]
    printed_text: Callable[[int, str], str]
    keep: Callable[[], str | None] | None = None  # before it first leaves the app


class PrintController(QObject):
    """The four print actions for the workshop open in `session`, on behalf of `parent`.

    Errors are one line in a message box; a saved or printed document is announced through
    `notify` (the main window's status bar by default). One document at a time."""

    saved = Signal(object)  # the Path written
    printed = Signal(int)  # pages sent to a printer
    previewed = Signal(object)  # the PreviewDialog, once it is open
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
        self.preview: PreviewDialog | None = None
        self._folders: list[Path] = []  # temporary folders of built documents
        # Closing the window waits for a document being built, so no worker outlives it.
        parent.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent_widget and event.type() == QEvent.Type.Close:
            self.shutdown()
        return False

    def shutdown(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        if self.preview is not None:
            self.preview.close()
        self._clean_up()

    # --- the four actions: one question, then the preview ------------------------------------
    def print_cards(self) -> None:
        from workshop_app.core.cards import MAX_WALK_INS

        spin = QSpinBox()
        spin.setRange(0, MAX_WALK_INS)
        spin.setValue(0)
        self._ask(
            self.tr("Participant cards"),
            self.tr("&Blank cards for walk-ins:"),
            spin,
            lambda: self.preview_cards(spin.value()),
            self.tr(
                "One card for each person in the register, eight to an A4 sheet. Each blank "
                "card gets a fresh code, added to the register once the cards are printed or "
                "saved."
            ),
        )

    def print_welcome(self) -> None:
        field = combo([(self.tr("A4 poster"), False), (self.tr("A5 handout"), True)])
        self._ask(
            self.tr("Welcome sheet"),
            self.tr("&Size:"),
            field,
            lambda: self.preview_welcome(bool(field.currentData())),
        )

    def print_results_sheet(self, round_id: str | None = None, forward: int | None = None) -> None:
        """The results sheet of `round_id` (with `forward` going forward, as the voting window
        shows it), or of a closed round the person picks (the latest one first)."""
        from workshop_app.printing import queries

        if round_id is not None:
            self.preview_results_sheet(round_id, forward)
            return
        rounds = self._read(queries.closed_rounds(self.session.workshop_id))
        if rounds is None:
            return
        if not rounds:
            self._error(
                self.tr("No voting round is closed yet: close a round to print its results.")
            )
            return
        field = combo([(r.name, r.id) for r in rounds], len(rounds) - 1)
        self._ask(
            self.tr("Results sheet"),
            self.tr("&Round:"),
            field,
            lambda: self.preview_results_sheet(str(field.currentData())),
        )

    def print_report(self) -> None:
        field = combo([(self.tr("A4"), "a4"), (self.tr("US Letter"), "letter")])
        self._ask(
            self.tr("Workshop report"),
            self.tr("&Paper:"),
            field,
            lambda: self.preview_report(str(field.currentData())),
        )

    # --- building: into a preview, or straight to a file --------------------------------------
    def preview_cards(self, blank: int = 0) -> PrintJob | None:
        return self._preview(self._documents().cards(blank))

    def preview_welcome(self, a5: bool = False) -> PrintJob | None:
        return self._preview(self._documents().welcome(a5))

    def preview_results_sheet(self, round_id: str, forward: int | None = None) -> PrintJob | None:
        return self._preview(self._documents().results_sheet(round_id, forward))

    def preview_report(self, paper: str = "a4") -> PrintJob | None:
        return self._preview(self._documents().report(paper))

    def cards_to(self, path: Path, blank: int = 0) -> PrintJob | None:
        return self._save(self._documents().cards(blank), path)

    def welcome_to(self, path: Path, a5: bool = False) -> PrintJob | None:
        return self._save(self._documents().welcome(a5), path)

    def results_sheet_to(self, path: Path, round_id: str) -> PrintJob | None:
        return self._save(self._documents().results_sheet(round_id), path)

    def report_to(self, path: Path, paper: str = "a4") -> PrintJob | None:
        return self._save(self._documents().report(paper), path)

    def _documents(self):
        from workshop_app.ui.print_documents import Documents

        return Documents(self)

    def _preview(self, doc: Document | None) -> PrintJob | None:
        if doc is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="workshop-app-print-"))
        self._folders.append(folder)
        name = f"{safe_file_name(doc.workshop_title)} - {doc.kind}.pdf"
        return self._start(doc, folder / name, lambda built: self._show(doc, built))

    def _show(self, doc: Document, built: Path) -> None:
        from workshop_app.ui.print_preview import PreviewDialog

        if self.preview is not None:
            self.preview.close()
        preview = PreviewDialog(
            self.parent_widget, doc.title, built, default_folder() / built.name, doc.keep
        )
        self.preview = preview

        def saved(path: Path) -> None:
            self.notify(doc.saved_text(path))
            self.saved.emit(path)

        def printed(pages: int, printer: str) -> None:
            self.notify(doc.printed_text(pages, printer))
            self.printed.emit(pages)

        def finished(_result: int) -> None:
            if self.preview is preview:
                self.preview = None
            preview.deleteLater()
            self._clean_up(built.parent)

        preview.saved.connect(saved)
        preview.printed.connect(printed)
        preview.failed.connect(self.failed.emit)
        preview.finished.connect(finished)
        preview.open()
        self.previewed.emit(preview)

    def _save(self, doc: Document | None, path: Path) -> PrintJob | None:
        if doc is None:
            return None

        def written(path: Path) -> None:
            problem = doc.keep() if doc.keep is not None else None
            if problem is not None:
                # Cards whose codes are not in the register must not be handed out.
                path.unlink(missing_ok=True)
                self._fail(problem)
                return
            self.notify(doc.saved_text(path))
            self.saved.emit(path)

        return self._start(doc, path, written)

    def _start(self, doc: Document, path: Path, done: Callable[[Path], None]) -> PrintJob | None:
        from workshop_app.ui.print_job import PrintJob

        if self.job is not None:
            self._error(self.tr("Another document is still being prepared: wait for it."))
            return None
        job = PrintJob(self.parent_widget, doc.what, doc.render, path)
        self.job = job

        def saved(written: Path) -> None:
            self.job = None
            done(written)

        def failed(message: str) -> None:
            self.job = None
            self._clean_up(path.parent if path.parent in self._folders else None)
            self._fail(message)

        def cancelled() -> None:
            self.job = None
            self._clean_up(path.parent if path.parent in self._folders else None)
            self.notify(self.tr("Printing was cancelled: no file was written."))
            self.cancelled.emit()

        job.saved.connect(saved)
        job.failed.connect(failed)
        job.cancelled.connect(cancelled)
        job.start()
        return job

    # --- helpers ------------------------------------------------------------------------------
    def _clean_up(self, folder: Path | None = None) -> None:
        """Remove one temporary folder (or all of them, with None)."""
        for f in [folder] if folder is not None else list(self._folders):
            if f in self._folders:
                self._folders.remove(f)
                shutil.rmtree(f, ignore_errors=True)

    def _ask(
        self, title: str, prompt: str, field: QWidget, chosen: Callable[[], Any], note: str = ""
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
