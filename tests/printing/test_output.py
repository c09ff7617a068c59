"""A PDF is written whole or not at all: a full disk leaves the earlier file as it was and no
temporary file behind."""

from __future__ import annotations

import errno
import os

import pytest

from workshop_app.printing.output import write_pdf
from workshop_app.store.errors import DiskFullError, StorageError


def test_a_full_disk_keeps_the_earlier_file(tmp_path, monkeypatch) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF-1.4 the earlier report")

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(DiskFullError, match="disk is full"):
        write_pdf(target, b"%PDF-1.4 the new report")
    assert target.read_bytes() == b"%PDF-1.4 the earlier report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


def test_a_missing_folder_is_one_clear_error(tmp_path) -> None:
    with pytest.raises(StorageError, match="does not exist"):
        write_pdf(tmp_path / "nowhere" / "cards.pdf", b"%PDF")
