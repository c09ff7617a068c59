"""CSV files a spreadsheet opens safely: UTF-8 with a BOM, formula cells neutralised, written
atomically so a full disk or a locked folder never leaves half a file behind."""

from __future__ import annotations

import csv
import errno
import io
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from workshop_app.errors import os_reason
from workshop_app.i18n import _
from workshop_app.store.errors import DiskFullError, ReadOnlyError, StorageError

# A spreadsheet runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(cell: str) -> str:
    """Stop a spreadsheet treating a cell as a formula; leave everything else byte-exact."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def restore_formula_cell(cell: str) -> str:
    """Undo `neutralise` on a cell read back from a file this app wrote."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def csv_bytes(rows: Iterable[Sequence[object]]) -> bytes:
    """The file's bytes: text cells neutralised (numbers are written as they are), CRLF line
    ends, and a BOM so spreadsheet programs read UTF-8 rather than a legacy code page."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([neutralise(c) if isinstance(c, str) else c for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _new_file_mode() -> int:
    """The mode an ordinary new file gets here (0644 under the usual umask). A temporary file
    starts private (0600); the file the person asked for must not stay that way."""
    current = os.umask(0)
    os.umask(current)
    return 0o666 & ~current


def write_atomic(path: Path, data: bytes, prefix: str = ".export-", suffix: str = ".csv") -> None:
    """Write to a temporary file in the same folder, fsync it, then rename it over `path`."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    except FileNotFoundError:
        raise StorageError(_("The folder {folder} does not exist.").format(folder=folder)) from None
    except PermissionError:
        raise ReadOnlyError(
            _("Cannot write in {folder}: permission denied.").format(folder=folder)
        ) from None
    except OSError as exc:  # a read-only disk, a full one, a folder gone meanwhile
        error = ReadOnlyError if exc.errno == errno.EROFS else StorageError
        raise error(
            _("Cannot write in {folder}: {reason}.").format(folder=folder, reason=os_reason(exc))
        ) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            if hasattr(os, "fchmod"):
                os.fchmod(fh.fileno(), _new_file_mode())
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.errno == 28:
            raise DiskFullError(
                _("The disk is full: {file} was not written.").format(file=path.name)
            ) from None
        if isinstance(exc, IsADirectoryError):
            raise StorageError(
                _("{path} is a folder: choose a file name.").format(path=path)
            ) from None
        raise StorageError(
            _("{file} could not be written: {reason}.").format(
                file=path.name, reason=os_reason(exc)
            )
        ) from None


def write_csv_rows(path: Path, rows: Iterable[Sequence[object]]) -> None:
    """Write rows (the first one usually the header) as a spreadsheet-safe CSV, atomically."""
    write_atomic(path, csv_bytes(rows))
