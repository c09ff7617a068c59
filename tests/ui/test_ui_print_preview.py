"""The print preview: every page of the document is there to look at before paper is used,
Save as PDF… writes a whole, valid copy, and Print… goes through the print dialog to a real
QPrinter (here one that writes a PDF file), true to the document's paper and page range."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image
from print_helpers import (
    WAIT_MS,
    page_count,
    page_size,
    save_from_preview,
    save_to,
    wait_preview,
)
from pypdf import PdfReader
from PySide6.QtCore import QSize
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrinter

from workshop_app.core import demo
from workshop_app.core.participants import list_participants
from workshop_app.printing.report import load_report, report_pdf
from workshop_app.ui.printing_actions import PrintController

TITLE = demo.DEMO_TITLE
SHOTS = Path("/tmp/printing")


@pytest.fixture
def demo_id(db) -> str:
    return db.run(demo.create_demo_workshop).id


@pytest.fixture
def open_window(window, demo_id):
    w = window()
    w.session.open_workshop(demo_id)
    w.resize(1366, 768)
    return w


@pytest.fixture
def printer(open_window) -> PrintController:
    return PrintController(open_window.session, open_window)


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(100)  # enough to read the text back; quick to paint
    return printer


def looks(path: Path) -> list[Image.Image]:
    """Each page as a small grey picture, to compare what was printed with the document."""
    document = pdfium.PdfDocument(path.read_bytes())
    pages = [document[i].render(scale=0.25).to_pil().convert("L") for i in range(len(document))]
    document.close()
    return pages


def difference(a: Image.Image, b: Image.Image) -> float:
    """Mean difference of two page pictures, 0 to 255 (0: the same)."""
    b = b.resize(a.size)
    return sum(abs(x - y) for x, y in zip(a.tobytes(), b.tobytes(), strict=True)) / (
        a.width * a.height
    )


def register(db, workshop_id: str) -> list[str]:
    return [p.code for p in db.read(lambda s: list_participants(s, workshop_id))]


def test_the_reports_preview_shows_every_page_and_draws_those_in_view(
    qtbot, db, demo_id, printer, open_window
):
    built = report_pdf(db.read(lambda s: load_report(s, demo_id)))
    expected = len(PdfReader(io.BytesIO(built)).pages)
    preview = wait_preview(qtbot, printer, lambda: printer.preview_report("a4"))

    assert expected > 4 and len(preview.pages) == expected and len(preview.labels) == expected
    assert preview.windowTitle() == "Preview: Workshop report"
    assert preview.where.text() == f"Page 1 of {expected}"
    # Fits the 1366 x 768 screen the app is designed for.
    assert preview.height() <= 768 and preview.width() <= 1366
    qtbot.waitUntil(lambda: preview.labels[0].property("drawn"), timeout=WAIT_MS)
    first = preview.labels[0].pixmap()
    assert not first.isNull() and first.width() > 500  # readable, not a thumbnail
    assert not preview.labels[-1].property("drawn")  # pages out of view wait their turn
    bar = preview.area.verticalScrollBar()
    bar.setValue(bar.maximum())
    qtbot.waitUntil(lambda: preview.labels[-1].property("drawn"), timeout=WAIT_MS)
    assert preview.where.text() == f"Page {expected} of {expected}"
    assert not preview.labels[0].property("drawn")  # far out of view: its picture let go
    assert preview.print_button.isDefault()

    preview.zoom.setCurrentIndex(1)  # whole page: the page fits the window's height
    qtbot.waitUntil(lambda: preview.labels[-1].property("drawn"), timeout=WAIT_MS)
    assert preview.labels[-1].height() <= preview.area.viewport().height()
    SHOTS.mkdir(exist_ok=True)
    preview.grab().save(str(SHOTS / "preview-report-whole-page.png"))
    preview.zoom.setCurrentIndex(0)
    bar.setValue(0)
    qtbot.waitUntil(lambda: preview.labels[0].property("drawn"), timeout=WAIT_MS)
    preview.grab().save(str(SHOTS / "preview-report.png"))

    folder = preview.pdf.parent
    assert folder.is_dir()
    preview.close_button.click()
    qtbot.waitUntil(lambda: not folder.exists(), timeout=WAIT_MS)  # the built copy is gone
    assert printer.preview is None


def test_save_as_pdf_writes_a_whole_valid_copy(qtbot, monkeypatch, tmp_path, printer, open_window):
    out = tmp_path / "my report"  # no extension typed: .pdf is added
    suggested = save_to(monkeypatch, out)
    preview = wait_preview(qtbot, printer, lambda: printer.preview_report("letter"))
    written = save_from_preview(qtbot, printer, preview)

    assert written == tmp_path / "my report.pdf"
    assert Path(suggested[0]).name == f"{preview.pdf.name}"
    assert written.read_bytes() == preview.pdf.read_bytes()
    reader = PdfReader(str(written))
    assert len(reader.pages) == len(preview.labels)
    assert reader.metadata.title == f"Workshop report: {TITLE}"
    assert page_size(written) == (612, 792)
    assert not list(tmp_path.glob(".print-*"))  # renamed into place: no half file left
    assert preview.isVisible()  # still there to print as well
    assert preview.status.text() == f"Saved to {written}"
    assert open_window.statusBar().currentMessage() == f"Saved the workshop report to {written}"


def test_print_goes_through_the_print_dialog_to_the_printer(qtbot, tmp_path, printer, open_window):
    preview = wait_preview(qtbot, printer, lambda: printer.preview_report("a4"))
    out = tmp_path / "printed.pdf"
    preview.printer = pdf_printer(out)
    dialog = preview.ask_printer()
    assert dialog is not None and dialog.isVisible()
    # The dialog offers the document's own paper and every page.
    assert preview.printer.pageLayout().pageSize().id() == QPageSize.PageSizeId.A4
    assert (dialog.minPage(), dialog.maxPage()) == (1, len(preview.labels))
    with qtbot.waitSignal(printer.printed, timeout=WAIT_MS) as printed:
        dialog.accept()

    assert printed.args[0] == len(preview.labels)
    assert page_count(out) == len(preview.labels)
    assert page_size(out) == (595, 842)  # A4, true to size
    assert preview.status.text() == f"Sent {len(preview.labels)} pages to {out}."
    message = open_window.statusBar().currentMessage()
    assert message == f"Sent {len(preview.labels)} pages of the workshop report to {out}"


def test_printing_sends_only_the_pages_asked_for(qtbot, tmp_path, printer):
    preview = wait_preview(qtbot, printer, lambda: printer.preview_report("a4"))
    out = tmp_path / "two pages.pdf"
    target = pdf_printer(out)
    target.setPrintRange(QPrinter.PrintRange.PageRange)
    target.setFromTo(2, 3)
    assert preview.print_to(target) == 2
    assert page_count(out) == 2
    # What was printed is pages 2 and 3 of the report (the contents, then the questions).
    original = looks(preview.pdf)
    printed = looks(out)
    for sheet in printed:
        nearest = min(range(len(original)), key=lambda i: difference(sheet, original[i]))
        assert nearest == printed.index(sheet) + 1


def test_printed_walk_in_cards_join_the_register_once(
    qtbot, monkeypatch, tmp_path, db, demo_id, printer, open_window
):
    before = register(db, demo_id)
    preview = wait_preview(qtbot, printer, lambda: printer.preview_cards(2))
    assert register(db, demo_id) == before  # looking is not handing out
    sheets = -(-(len(before) + 2) // 8)  # eight cards to a sheet
    # A one-sheet document is seen whole; a longer one opens at page width.
    assert preview.zoom.currentText() == ("Whole page" if sheets == 1 else "Page width")
    SHOTS.mkdir(exist_ok=True)
    qtbot.waitUntil(lambda: preview.labels[0].property("drawn"), timeout=WAIT_MS)
    preview.grab().save(str(SHOTS / "preview-cards.png"))

    assert preview.print_to(pdf_printer(tmp_path / "cards-printed.pdf")) == sheets
    after = register(db, demo_id)
    assert len(after) == len(before) + 2
    # Saving the same cards as well adds nobody again.
    save_to(monkeypatch, tmp_path / "cards.pdf")
    save_from_preview(qtbot, printer, preview)
    assert register(db, demo_id) == after
    assert open_window.session.undo_stack.undoText() == "Add 2 walk-in cards"


def test_the_preview_is_sized_for_a_small_screen(qtbot, printer, open_window):
    preview = wait_preview(qtbot, printer, lambda: printer.preview_welcome(True))
    assert preview.size().boundedTo(QSize(1366, 768)) == preview.size()
    assert len(preview.labels) == 1 and preview.where.text() == "Page 1 of 1"
    qtbot.waitUntil(lambda: preview.labels[0].property("drawn"), timeout=WAIT_MS)
    # The whole A5 page is in view, and the buttons are not cut off.
    assert preview.labels[0].height() <= preview.area.viewport().height()
    for button in (preview.print_button, preview.save_button, preview.close_button):
        assert button.isVisible() and button.width() >= button.sizeHint().width()
    preview.grab().save(str(SHOTS / "preview-welcome-a5.png"))
