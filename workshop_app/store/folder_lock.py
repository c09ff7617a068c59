"""One process writes to a data folder at a time.

Each process keeps its own hybrid clock under the folder's one device id, and stamps before it
waits for SQLite's write lock: two processes on one folder could mint the same revision stamp.
So the first to open a folder holds an operating-system lock on a file in it, and a second app
or command is told, in one line, that the folder is in use. The operating system drops the lock
when the process ends, however it ends, so a crashed app never leaves the folder stuck.

Within one process, several stores on one folder share the lock (and one clock each is a
test's business, never the app's): only other processes are kept out.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import IO

from workshop_app.i18n import _
from workshop_app.store.errors import FolderInUseError

LOCK_FILENAME = "workshop.lock"

_held: dict[Path, tuple[IO[bytes], int]] = {}
_guard = threading.Lock()


def _try_lock(fh: IO[bytes]) -> bool:
    try:
        if os.name == "nt":
            import msvcrt

            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def acquire(data_dir: Path) -> Path:
    """Hold the folder for this process, or refuse if another process holds it."""
    key = data_dir.resolve()
    with _guard:
        if key in _held:
            fh, count = _held[key]
            _held[key] = (fh, count + 1)
            return key
        fh = open(key / LOCK_FILENAME, "a+b")  # noqa: SIM115 - held open for the lock's life
        if not _try_lock(fh):
            fh.close()
            raise FolderInUseError(
                _(
                    "The data folder {folder} is already open in another Workshop App window "
                    "or command: close that first, then try again."
                ).format(folder=data_dir)
            )
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n".encode())
        fh.flush()
        _held[key] = (fh, 1)
        return key


def release(key: Path) -> None:
    with _guard:
        if key not in _held:
            return
        fh, count = _held[key]
        if count > 1:
            _held[key] = (fh, count - 1)
            return
        del _held[key]
        fh.close()  # closing the file drops the lock
