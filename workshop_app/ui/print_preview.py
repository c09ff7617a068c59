"""The print preview: every page of a built document, then Print… through the system print
dialog or Save as PDF… (a copy of the built file, written whole or not at all).

Pages are drawn only as they scroll into view (a long report opens at once and never holds
every page's picture). Printing paints the pages at the printer's resolution (pdf_pages), with
a progress dialog whose Cancel stops the job. `keep`, when given, runs once before the
document first leaves the app (walk-in codes join the register then); if it fails, nothing is
printed and a saved copy is removed again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPalette, QPixmap, QShortcut
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from workshop_app.errors import AppError
from workshop_app.ui.descriptions import describe_buttons
from workshop_app.ui.pdf_pages import PdfPages, chosen_pages, fit_printer, print_pages
from workshop_app.ui.print_choice import as_pdf_path

GAP = 18  # between pages, and around them
MAX_PAGE_WIDTH = 900
KEEP_AROUND = 3  # pages beyond those in view whose pictures are kept
PAGE_WIDTH, WHOLE_PAGE = "width", "page"


class PreviewDialog(QDialog):
    saved = Signal(object)  # the Path written
    printed = Signal(int, str)  # pages sent, the printer's name
    failed = Signal(str)

    def __init__(
        self,
        parent: QWidget,
        title: str,
        pdf: Path,
        suggested: Path,
        keep: Callable[[], str | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preview: %1").replace("%1", title))
        self.setAccessibleName(self.windowTitle())
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.pdf = pdf
        self.suggested = suggested
        self._keep = keep
        self.kept = keep is None
        self.pages = PdfPages(pdf)
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        self.print_dialog: QPrintDialog | None = None
        self.progress: QProgressDialog | None = None
        self.error_box: QMessageBox | None = None
        self._scale = 0.0
        self._render_timer = QTimer(self, singleShot=True, interval=30)
        self._render_timer.timeout.connect(self.render_visible)

        count = len(self.pages)
        self._build_pages(count)

        self.zoom = QComboBox()
        self.zoom.addItem(self.tr("Page width"), PAGE_WIDTH)
        self.zoom.addItem(self.tr("Whole page"), WHOLE_PAGE)
        self.zoom.setAccessibleName(self.tr("Zoom"))
        # A one-page sheet is seen whole; a longer document is read at the page's width.
        self.zoom.setCurrentIndex(1 if count == 1 else 0)
        self.zoom.currentIndexChanged.connect(lambda _i: self.lay_out())
        zoom_label = QLabel(self.tr("&Zoom:"))
        zoom_label.setBuddy(self.zoom)
        self.where = QLabel()
        self.where.setAccessibleName(self.tr("Page shown"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Print status"))
        self.status.hide()

        buttons = self._buttons(count)

        bar = QHBoxLayout()
        bar.addWidget(zoom_label)
        bar.addWidget(self.zoom)
        bar.addSpacing(12)
        bar.addWidget(self.where, 1)
        bar.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.area, 1)
        layout.addWidget(self.status)
        layout.addLayout(bar)
        self.print_button.setFocus()
        self._size_to(parent)

    def _build_pages(self, count: int) -> None:
        """One label a page, in a scroll area; each is drawn when it scrolls into view."""
        self.area = QScrollArea()
        self.area.setAccessibleName(self.tr("Pages"))
        self.area.setWidgetResizable(False)
        self.area.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.area.setBackgroundRole(QPalette.ColorRole.Dark)
        self.area.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.sheet = QWidget()
        self.sheet.setBackgroundRole(QPalette.ColorRole.Dark)
        column = QVBoxLayout(self.sheet)
        column.setContentsMargins(GAP, GAP, GAP, GAP)
        column.setSpacing(GAP)
        self.labels: list[QLabel] = []
        for i in range(count):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setAutoFillBackground(True)
            label.setStyleSheet("background: white; color: #777777; border: 1px solid #444444;")
            name = self.tr("Page %1 of %2").replace("%1", str(i + 1)).replace("%2", str(count))
            label.setAccessibleName(name)
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
            self.labels.append(label)
        self.area.setWidget(self.sheet)
        self.area.verticalScrollBar().valueChanged.connect(self._scrolled)

    def _buttons(self, count: int) -> QDialogButtonBox:
        """Print…, Save as PDF… and Close, with Ctrl+P and Ctrl+S."""
        buttons = QDialogButtonBox()
        describe_buttons(buttons)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setAccessibleName(self.tr("Print"))
        self.save_button = QPushButton(self.tr("&Save as PDF…"))
        self.save_button.setAccessibleName(self.tr("Save as PDF"))
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close the preview"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(self.ask_printer)
        self.save_button.clicked.connect(self.save_as)
        self.print_button.setDefault(True)
        self.print_button.setEnabled(count > 0)
        QShortcut(QKeySequence.StandardKey.Print, self, activated=self.ask_printer)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_as)
        return buttons

    # --- showing the pages --------------------------------------------------------------------
    def _size_to(self, parent: QWidget) -> None:
        screen = (parent.screen() if parent is not None else None) or QApplication.primaryScreen()
        room = screen.availableGeometry().size() if screen is not None else QSize(1280, 800)
        self.resize(min(1000, room.width() - 40), max(room.height() - 60, 400))
        self.setMinimumSize(min(560, room.width()), min(420, room.height()))

    def page_scale(self) -> float:
        """Pixels per point for the zoom chosen and the room there is (the widest page fits)."""
        if not self.pages.sizes:
            return 1.0
        viewport = self.area.viewport().size()
        widest = max(w for w, _h in self.pages.sizes)
        tallest = max(h for _w, h in self.pages.sizes)
        room_w = max(viewport.width() - 2 * GAP - 2, 100)
        scale = min(room_w, MAX_PAGE_WIDTH) / widest
        if self.zoom.currentData() == WHOLE_PAGE:
            scale = min(scale, max(viewport.height() - 2 * GAP - 2, 100) / tallest)
        return scale

    def lay_out(self) -> None:
        scale = self.page_scale()
        if abs(scale - self._scale) < 0.005:
            self._say_where()
            self._render_timer.start()
            return
        self._scale = scale
        for label, (width, height) in zip(self.labels, self.pages.sizes, strict=True):
            label.clear()
            label.setProperty("drawn", False)
            label.setFixedSize(round(width * scale) + 2, round(height * scale) + 2)
        self.sheet.adjustSize()
        self._say_where()
        self._render_timer.start()

    def visible_pages(self) -> range:
        top = self.area.verticalScrollBar().value()
        bottom = top + self.area.viewport().height()
        shown = [
            i
            for i, label in enumerate(self.labels)
            if label.y() < bottom and label.y() + label.height() > top
        ]
        return range(shown[0], shown[-1] + 1) if shown else range(0)

    def render_visible(self) -> None:
        shown = self.visible_pages()
        keep = range(max(shown.start - KEEP_AROUND, 0), shown.stop + KEEP_AROUND)
        ratio = self.devicePixelRatioF()
        for i, label in enumerate(self.labels):
            if i in shown and not label.property("drawn"):
                image = self.pages.image(i, self._scale * ratio)
                pixmap = QPixmap.fromImage(image)
                pixmap.setDevicePixelRatio(ratio)
                label.setPixmap(pixmap)
                label.setProperty("drawn", True)
            elif i not in keep and label.property("drawn"):
                label.clear()  # far out of view: its picture is drawn again when it returns
                label.setProperty("drawn", False)
        self._say_where()

    def _scrolled(self, _value: int) -> None:
        self._say_where()
        self._render_timer.start()

    def _say_where(self) -> None:
        count = len(self.labels)
        if not count:
            self.where.setText(self.tr("The document has no pages."))
            return
        middle = self.area.verticalScrollBar().value() + self.area.viewport().height() // 2
        current = next(
            (i for i, lb in enumerate(self.labels) if lb.y() + lb.height() + GAP > middle),
            count - 1,
        )
        self.where.setText(
            self.tr("Page %1 of %2").replace("%1", str(current + 1)).replace("%2", str(count))
        )

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.lay_out()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            self.lay_out()

    def done(self, result: int) -> None:
        self.pages.close()
        super().done(result)

    # --- printing -----------------------------------------------------------------------------
    def ask_printer(self) -> QPrintDialog | None:
        """The system print dialog, for the document's own paper; printing starts when it is
        accepted."""
        if not len(self.pages) or self.progress is not None:
            return None
        fit_printer(self.printer, self.pages)
        dialog = QPrintDialog(self.printer, self)
        dialog.setMinMax(1, len(self.pages))
        dialog.setFromTo(1, len(self.pages))
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, True)
        dialog.accepted.connect(lambda: self.print_to(self.printer))
        dialog.finished.connect(dialog.deleteLater)
        self.print_dialog = dialog
        QDialog.open(dialog)  # QPrintDialog.open() wants a receiver: the plain window-modal one
        return dialog

    def print_to(self, printer: QPrinter) -> int:
        """Send the pages the printer's settings ask for; returns how many were sent (0 when
        stopped or refused)."""
        if not self._kept():
            return 0
        indexes = chosen_pages(printer, len(self.pages))
        progress = QProgressDialog(self)
        progress.setWindowTitle(self.tr("Printing"))
        progress.setAccessibleName(self.tr("Printing progress"))
        progress.setCancelButtonText(self.tr("&Cancel"))
        progress.setRange(0, len(indexes))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        progress.setMinimumWidth(380)
        self.progress = progress

        def step(done: int) -> bool:
            progress.setValue(done)
            progress.setLabelText(
                self.tr("Sending page %1 of %2 to the printer…")
                .replace("%1", str(min(done + 1, len(indexes))))
                .replace("%2", str(len(indexes)))
            )
            QApplication.processEvents()
            return not progress.wasCanceled()

        step(0)
        try:
            sent = print_pages(self.pages, printer, indexes, step)
        finally:
            cancelled = progress.wasCanceled()
            progress.reset()
            progress.deleteLater()
            self.progress = None
        name = printer.printerName() or printer.outputFileName()
        if sent < 0:
            if cancelled:
                self.say(self.tr("Printing was cancelled."))
            else:
                self._error(self.tr("The printer %1 could not be opened.").replace("%1", name))
            return 0
        name = name or self.tr("the system's default printer")
        self.say(self.tr("Sent %n page(s) to %1.", "", sent).replace("%1", name))
        self.printed.emit(sent, name)
        return sent

    # --- saving -------------------------------------------------------------------------------
    def save_as(self) -> Path | None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Save as PDF"),
            str(self.suggested),
            self.tr("PDF documents (*.pdf)"),
        )
        if not chosen:
            return None
        return self.save_to(as_pdf_path(chosen))

    def save_to(self, path: Path) -> Path | None:
        """Copy the built PDF to `path`, whole or not at all."""
        from workshop_app.printing.output import write_pdf
        from workshop_app.ui.background import one_line

        try:
            write_pdf(path, self.pdf.read_bytes())
        except (AppError, OSError) as exc:
            self._error(one_line(exc))
            return None
        if not self._kept():
            path.unlink(missing_ok=True)
            return None
        self.say(self.tr("Saved to %1").replace("%1", str(path)))
        self.saved.emit(path)
        return path

    # --- helpers ------------------------------------------------------------------------------
    def _kept(self) -> bool:
        if self.kept:
            return True
        problem = self._keep() if self._keep is not None else None
        if problem is not None:
            self._error(problem)
            return False
        self.kept = True
        return True

    def say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _error(self, message: str) -> None:
        if self.error_box is not None:
            self.error_box.deleteLater()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Print"),
            message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setAccessibleName(self.tr("Printing problem"))
        self.error_box = box
        box.open()
        self.failed.emit(message)
