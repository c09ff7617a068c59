"""Reading printed PDFs back the way a person and a phone would: the text (pypdf), every page
rendered to pixels (pdftoppm) and every QR code decoded from those pixels (zxing-cpp)."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

DPI = 150
CM_PER_INCH = 2.54


def pages_text(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages]


def all_text(pdf: bytes) -> str:
    return "\n".join(pages_text(pdf))


def squashed(text: str) -> str:
    """Text without any whitespace: a long line wrapped on paper reads back joined up."""
    return "".join(text.split())


def render(pdf: bytes, dpi: int = DPI) -> list[Image.Image]:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: apt-get install poppler-utils")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-gray", "-png", "-r", str(dpi), str(source), str(Path(folder) / "p")],
            check=True,
            timeout=120,
        )
        images = []
        for png in sorted(Path(folder).glob("p-*.png"), key=lambda p: int(p.stem.split("-")[1])):
            with Image.open(png) as img:
                images.append(img.convert("L").copy())
        return images


@dataclass(frozen=True)
class Decoded:
    page: int  # 1-based
    text: str
    width_cm: float  # the symbol itself, quiet zone excluded


def decode_qr_codes(pdf: bytes, dpi: int = DPI) -> list[Decoded]:
    found = []
    for number, image in enumerate(render(pdf, dpi), start=1):
        for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
            pos = code.position
            width_px = abs(pos.top_right.x - pos.top_left.x)
            found.append(Decoded(number, code.text, width_px / dpi * CM_PER_INCH))
    return found
