"""Reading a file a person chose to import: checked to be an ordinary file, read only up to its
size limit whatever its size claims, decoded as UTF-8, and parsed as CSV with line numbers.

Shared by the notes and participants imports, so both refuse the same hostile files (a named
pipe, /dev/zero, a UTF-16 spreadsheet export) with the same plain one-line reasons.
"""

from __future__ import annotations

import csv
import io
import math
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from workshop_app.core.errors import ImportFormatError
from workshop_app.errors import os_reason
from workshop_app.i18n import N_, _

MB = 1024 * 1024
# Plain words for the csv module's own messages.
_CSV_PROBLEMS = {
    "unexpected end of data": N_('a quoted cell is never closed (a " is missing)'),
    "new-line character seen in unquoted field": N_(
        "a line break inside a cell that is not quoted"
    ),
}


def megabytes_figure(size: int) -> str:
    """The number of megabytes, rounded up: 20.0001 MB reads "20.1", never "20"."""
    tenths = math.ceil(size * 10 / MB)
    return f"{tenths // 10}" if tenths % 10 == 0 else f"{tenths / 10:.1f}"


def megabytes(size: int) -> str:
    """A size for a message, rounded up: 20.0001 MB reads "20.1 MB", never "20 MB"."""
    return _("{size} MB").format(size=megabytes_figure(size))


def read_limited(path: Path, max_bytes: int, kind: str) -> bytes:
    """The file's bytes, or a one-line refusal. `kind` names the file in messages ("a notes
    file"). Only ordinary files are read (a pipe would wait for ever, a device never ends),
    and never more than max_bytes + 1 bytes, whatever the file's size says."""
    name = path.name
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ImportFormatError(_("There is no file {path}.").format(path=path)) from None
    except IsADirectoryError:
        raise ImportFormatError(
            _("{path} is a folder, not {kind}.").format(path=path, kind=kind)
        ) from None
    except PermissionError:
        raise ImportFormatError(
            _("{path} cannot be read: permission denied.").format(path=path)
        ) from None
    except OSError as exc:
        raise ImportFormatError(
            _("{path} cannot be read: {reason}.").format(path=path, reason=os_reason(exc))
        ) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ImportFormatError(
                _("{path} is a folder, not {kind}.").format(path=path, kind=kind)
            )
        if not stat.S_ISREG(info.st_mode):
            raise ImportFormatError(
                _("{path} is not a file but a device or a pipe: choose a saved file.").format(
                    path=path
                )
            )
        limit = megabytes(max_bytes)
        if info.st_size > max_bytes:
            raise ImportFormatError(
                _("{file} is {size}; {kind} can be at most {limit}.").format(
                    file=name, size=megabytes(info.st_size), kind=kind, limit=limit
                )
            )
        chunks = []
        left = max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, MB))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise ImportFormatError(
            _("{path} cannot be read: {reason}.").format(path=path, reason=os_reason(exc))
        ) from None
    finally:
        os.close(fd)
    if left <= 0:
        raise ImportFormatError(
            _("{file} is larger than {limit}; {kind} can be at most {limit}.").format(
                file=name, limit=limit, kind=kind
            )
        )
    return b"".join(chunks)


def _looks_utf16(raw: bytes) -> bool:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    # Without a byte-order mark: plain letters in UTF-16 leave every other byte zero.
    sample = raw[:200]
    quarter = len(sample) // 4
    return len(sample) >= 4 and max(sample[0::2].count(0), sample[1::2].count(0)) > quarter


def decode_text(raw: bytes, name: str, save_as: str) -> str:
    """UTF-8 text (a BOM is fine), or a refusal that says how to save the file instead.
    `save_as` is the advice, e.g. "'CSV UTF-8'"."""
    if _looks_utf16(raw):
        raise ImportFormatError(
            _(
                "{file} is saved as UTF-16 (Unicode) text: save it as {save_as} and try again."
            ).format(file=name, save_as=save_as)
        )
    if b"\x00" in raw:
        raise ImportFormatError(
            _("{file} holds binary data, not UTF-8 text: choose a file saved as {save_as}.").format(
                file=name, save_as=save_as
            )
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportFormatError(
            _("{file} is not UTF-8 text (line {line}): save it as {save_as}.").format(
                file=name, line=line, save_as=save_as
            )
        ) from None


def csv_lines(name: str, text: str, max_cell: int) -> Iterator[tuple[int, list[str]]]:
    """(line number, cells) for every row, the header first; a malformed row is refused with
    its line. Cells may be as long as the file itself may be (the caller checks their size
    against its own rules, which say so more plainly than "field larger than field limit")."""
    if csv.field_size_limit() < max_cell:
        csv.field_size_limit(max_cell)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        for values in reader:
            yield reader.line_num, values
    except csv.Error as exc:
        problem = _CSV_PROBLEMS.get(str(exc))
        detail = _(problem) if problem else str(exc)
        raise ImportFormatError(
            _("{file} line {line}: {detail}.").format(
                file=name, line=reader.line_num, detail=detail
            )
        ) from None
