"""Writing a finished PDF: whole or not at all, and cancelling a long build cleanly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workshop_app.core.csv_out import write_atomic
from workshop_app.errors import AppError
from workshop_app.i18n import _

# (done, total) as a document is laid out; a caller's progress bar.
Progress = Callable[[int, int], None]


class PrintCancelled(AppError):
    def __init__(self) -> None:
        super().__init__(_("Printing was cancelled: no file was written."))


def write_pdf(path: Path, data: bytes) -> None:
    """Rename a fully written temporary file over `path`: a full disk or a crash mid-write
    leaves any earlier file as it was, never half a PDF."""
    write_atomic(Path(path), data, prefix=".print-", suffix=".pdf")
