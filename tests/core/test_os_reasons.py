"""The operating system's own words (strerror) are English whatever the app speaks: every
one-line message that carries them says the reason in the chosen language instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from workshop_app import i18n
from workshop_app.core.errors import ImportFormatError
from workshop_app.core.import_files import read_limited
from workshop_app.store.datafolder import prepare_data_dir
from workshop_app.store.errors import DataFolderError

NOT_A_FOLDER = "a part of the path is not a folder"


@pytest.fixture
def pseudo():
    i18n.set_language(i18n.PSEUDO)
    yield
    i18n.set_language("en")


@pytest.mark.usefixtures("pseudo")
def test_a_notes_file_under_a_file_says_why_in_the_chosen_language(tmp_path: Path) -> None:
    a_file = tmp_path / "a file"
    a_file.write_text("x")
    with pytest.raises(ImportFormatError) as caught:
        read_limited(a_file / "notes.txt", 1000, "a notes file")
    assert "Not a directory" not in caught.value.message
    assert i18n.pseudo_text(NOT_A_FOLDER) in caught.value.message


@pytest.mark.usefixtures("pseudo")
def test_a_data_folder_under_a_file_says_why_in_the_chosen_language(tmp_path: Path) -> None:
    a_file = tmp_path / "a file"
    a_file.write_text("x")
    with pytest.raises(DataFolderError) as caught:
        prepare_data_dir(a_file / "data")
    assert "Not a directory" not in caught.value.message
    assert i18n.pseudo_text(NOT_A_FOLDER) in caught.value.message


def test_a_read_only_disk_is_one_clear_line_not_an_unexpected_error(tmp_path, monkeypatch):
    """A USB stick mounted read-only refuses even a temporary file (EROFS, not a permission):
    the export or print says so in one line and writes nothing."""
    import errno
    import tempfile

    from workshop_app.core.csv_out import write_atomic
    from workshop_app.store.errors import ReadOnlyError

    def read_only(*_a, **_k):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    with pytest.raises(ReadOnlyError) as caught:
        write_atomic(tmp_path / "report.pdf", b"%PDF")
    assert "read-only" in caught.value.message and str(tmp_path) in caught.value.message
    assert not (tmp_path / "report.pdf").exists()
