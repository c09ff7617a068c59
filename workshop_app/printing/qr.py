"""Print-grade QR codes: the matrix from the `qrcode` package, checked to fit, drawn by reportlab
as vector squares (never a bitmap) with a quiet zone of four modules.

Error correction M (15%) survives a crumpled or coffee-stained card; the symbol is never drawn
smaller than 2 cm, and the data is refused, with a message saying why, when its squares would be
too small to scan at the size asked for.
"""

from __future__ import annotations

from dataclasses import dataclass

import qrcode
from qrcode.exceptions import DataOverflowError
from reportlab.lib.units import cm, mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from workshop_app.errors import AppError
from workshop_app.i18n import N_, _

QUIET_MODULES = 4
MIN_SYMBOL = 2 * cm
# Below this a phone camera at arm's length struggles; 0.4 mm is a common print minimum.
MIN_MODULE = 0.4 * mm


class QrTooLongError(AppError):
    pass


@dataclass(frozen=True)
class QrMatrix:
    text: str
    modules: tuple[tuple[bool, ...], ...]  # without the quiet zone

    @property
    def size(self) -> int:
        return len(self.modules)

    def module_size(self, symbol: float) -> float:
        """The side of one square when the symbol plus its quiet zone is `symbol` points wide."""
        return symbol / (self.size + 2 * QUIET_MODULES)


TEXT_TOO_LONG = N_("This text is too long to print as a QR code ({count} characters): shorten it.")


def qr_matrix(text: str, symbol: float, too_long: str = TEXT_TOO_LONG) -> QrMatrix:
    """Build and check the matrix for a symbol `symbol` points wide (quiet zone included).

    `too_long` is the whole sentence, untranslated (marked with N_) and with a {count}, that
    refuses this text when it is too long to scan at that size: each kind of text has its own
    sentence, so no translated name is dropped into the middle of another one."""
    if symbol < MIN_SYMBOL:
        raise QrTooLongError(
            _("A QR code must be at least 2 cm across (asked for {size:.1f} cm).").format(
                size=symbol / cm
            )
        )
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(text)
    try:
        code.make(fit=True)
    except (DataOverflowError, ValueError):
        raise QrTooLongError(_(too_long).format(count=len(text))) from None
    matrix = QrMatrix(text, tuple(tuple(bool(c) for c in row) for row in code.modules))
    if matrix.module_size(symbol) < MIN_MODULE:
        # It fits a QR code, but one whose squares are too small to scan at this size.
        raise QrTooLongError(_(too_long).format(count=len(text)))
    return matrix


def draw_qr(canvas: Canvas, matrix: QrMatrix, x: float, y: float, symbol: float) -> None:
    """Draw the symbol with its quiet zone in the square at (x, y), `symbol` points wide.

    Dark modules in a row are merged into one rectangle: fewer path operations, and no hairline
    gaps between neighbouring squares when a printer rounds their edges."""
    unit = matrix.module_size(symbol)
    top = y + symbol - QUIET_MODULES * unit
    left = x + QUIET_MODULES * unit
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, symbol, symbol, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    for r, row in enumerate(matrix.modules):
        c = 0
        while c < len(row):
            if not row[c]:
                c += 1
                continue
            start = c
            while c < len(row) and row[c]:
                c += 1
            path.rect(left + start * unit, top - (r + 1) * unit, (c - start) * unit, unit)
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


class QrFlowable(Flowable):
    """A QR symbol in a platypus story."""

    def __init__(self, matrix: QrMatrix, symbol: float) -> None:
        super().__init__()
        self.matrix = matrix
        self.symbol = symbol
        self.width = self.height = symbol

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.symbol, self.symbol

    def draw(self) -> None:
        draw_qr(self.canv, self.matrix, 0, 0, self.symbol)
