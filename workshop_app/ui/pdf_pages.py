"""A built PDF's pages as pictures: drawn by PDFium (pypdfium2, the engine QtPdf wraps) small
for the preview, and at the printer's own resolution for the printer.

A page goes to the printer in horizontal strips, so a 600 dpi page never needs a 140 MB
picture at once; it is printed true to size (a card is 95 × 68 mm on paper as in the PDF),
centred, and shrunk only when the printer's paper is smaller than the page.
PDFium is not thread-safe: everything here runs on the main thread.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QRectF, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72.0
# Above this a printer gains nothing visible, and each strip costs four times the memory.
MAX_PRINT_DPI = 600
STRIP_ROWS = 512


class PdfPages:
    """The pages of one PDF file, read once into memory (the file can then be deleted)."""

    def __init__(self, path: Path) -> None:
        import pypdfium2 as pdfium

        self._pdf = pdfium.PdfDocument(Path(path).read_bytes())
        self.sizes: list[tuple[float, float]] = []
        for i in range(len(self._pdf)):
            page = self._pdf[i]
            self.sizes.append(page.get_size())
            page.close()

    def __len__(self) -> int:
        return len(self.sizes)

    def image(self, index: int, scale: float, rows: tuple[int, int] | None = None) -> QImage:
        """Page `index` at `scale` pixels per point; `rows` (first, end) draws only that band
        of the page's rows."""
        _width, height = self.sizes[index]
        crop = (0.0, 0.0, 0.0, 0.0)
        if rows is not None:
            full = round(height * scale)
            crop = (0.0, max(full - rows[1], 0) / scale, 0.0, rows[0] / scale)
        page = self._pdf[index]
        try:
            bitmap = page.render(
                scale=scale,
                crop=crop,
                rev_byteorder=True,
                prefer_bgrx=True,
                fill_color=(255, 255, 255, 255),
            )
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            ).copy()  # the bitmap's memory goes with it
            bitmap.close()
        finally:
            page.close()
        return image

    def close(self) -> None:
        self._pdf.close()


def fit_printer(printer: QPrinter, pages: PdfPages) -> None:
    """Offer the document's own paper (A4, A5, US Letter) in the print dialog."""
    if not len(pages):
        return
    width, height = pages.sizes[0]
    size = QPageSize(
        QSizeF(width, height), QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch
    )
    printer.setPageSize(size)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)


def chosen_pages(printer: QPrinter, count: int) -> list[int]:
    """The page numbers (from 0) the print dialog asked for, each copy in turn when the
    printer cannot make copies itself."""
    first, last = 0, count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = printer.fromPage() - 1
        last = min(printer.toPage() - 1, count - 1) if printer.toPage() > 0 else count - 1
    pages = list(range(first, last + 1))
    copies = 1 if printer.supportsMultipleCopies() else max(printer.copyCount(), 1)
    return pages * copies


def print_pages(
    pages: PdfPages,
    printer: QPrinter,
    indexes: Iterable[int],
    step: Callable[[int], bool] = lambda done: True,
) -> int:
    """Paint `indexes` onto `printer`; `step(pages done)` after each page returns False to
    stop (the job is then aborted). Returns the number of pages sent, or -1 when the printer
    could not be opened or the job was stopped."""
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        return -1
    device = printer.resolution() / POINTS_PER_INCH  # device pixels per point
    paper = printer.pageLayout().fullRectPixels(printer.resolution())
    done = 0
    try:
        for index in indexes:
            if done:
                printer.newPage()
            _paint_page(painter, pages, index, device, paper.width(), paper.height())
            done += 1
            if not step(done):
                printer.abort()
                return -1
    finally:
        painter.end()
    return done


def _paint_page(
    painter: QPainter, pages: PdfPages, index: int, device: float, paper_w: int, paper_h: int
) -> None:
    width, height = pages.sizes[index]
    fit = device
    if width * fit > paper_w or height * fit > paper_h:
        fit = min(paper_w / width, paper_h / height)
    x0 = (paper_w - width * fit) / 2
    y0 = (paper_h - height * fit) / 2
    scale = min(fit, MAX_PRINT_DPI / POINTS_PER_INCH)
    rows = round(height * scale)
    for top in range(0, rows, STRIP_ROWS):
        strip = pages.image(index, scale, (top, min(top + STRIP_ROWS, rows)))
        target = QRectF(x0, y0 + top * fit / scale, width * fit, strip.height() * fit / scale)
        painter.drawImage(target, strip)
