"""Shared steps of the print tests: answering the save dialog, waiting for a document's
preview, and reading a PDF back."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog

WAIT_MS = 30000


def save_to(monkeypatch, path: Path) -> list[str]:
    """Answer the save dialog with `path`; returns the file names the app suggested."""
    suggested: list[str] = []

    def answer(parent, caption, directory, filters):
        suggested.append(directory)
        return str(path), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(answer))
    return suggested


def wait_preview(qtbot, printer, start):
    """Run `start()` (which asks for a document) and return its preview once it is open."""
    with qtbot.waitSignal(printer.previewed, timeout=WAIT_MS) as shown:
        start()
    preview = shown.args[0]
    qtbot.waitUntil(preview.isVisible, timeout=WAIT_MS)
    return preview


def save_from_preview(qtbot, printer, preview) -> Path:
    """Press Save as PDF… in the preview (the save dialog answered by `save_to`)."""
    with qtbot.waitSignal(printer.saved, timeout=WAIT_MS) as saved:
        preview.save_button.click()
    return saved.args[0]


def pdf_text(path: Path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join((p.extract_text() or "") for p in reader.pages).split())


def page_count(path: Path) -> int:
    return len(PdfReader(io.BytesIO(path.read_bytes())).pages)


def page_size(path: Path, index: int = 0) -> tuple[int, int]:
    box = PdfReader(str(path)).pages[index].mediabox
    return round(float(box.width)), round(float(box.height))
