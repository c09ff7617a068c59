"""Where the local store lives, and a clear refusal when that place cannot be written."""

from __future__ import annotations

import contextlib
import errno
import os
import uuid
from pathlib import Path

import platformdirs

from workshop_app.errors import os_reason
from workshop_app.i18n import _
from workshop_app.store.errors import DataFolderError, DiskFullError, ReadOnlyError

APP_NAME = "workshop-app"
BACKUPS_DIRNAME = "backups"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(path: Path) -> Path:
    """The folder as an absolute path, fixed once: later steps need a file URI (which a relative
    path cannot be), and a working directory that changes must not move the store."""
    return Path(os.path.abspath(path.expanduser()))


def backups_hint(data_dir: Path) -> str:
    """Where the copies taken before each update are, for a message about a damaged store."""
    backups = data_dir / BACKUPS_DIRNAME
    if any(backups.glob("*.db")):
        return _("copies taken before each update are in {folder}").format(folder=backups)
    return _("there is no earlier copy in {folder}").format(folder=backups)


def prepare_data_dir(path: Path) -> Path:
    """Create the folder if needed and prove it can take a write, before any record is written."""
    path = resolve_data_dir(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise DataFolderError(
            _("The data folder {folder} is a file, not a folder.").format(folder=path)
        ) from None
    except PermissionError:
        raise ReadOnlyError(
            _("Cannot create the data folder {folder}: permission denied.").format(folder=path)
        ) from None
    except OSError as exc:
        raise _os_error(path, exc) from None
    if not path.is_dir():
        raise DataFolderError(_("The data folder {folder} is not a folder.").format(folder=path))
    probe = path / f".write-test-{uuid.uuid4().hex}"
    try:
        with open(probe, "wb") as fh:
            fh.write(b"x")
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        raise _os_error(path, exc) from None
    finally:
        # On a read-only or vanished folder the probe was never made; nothing to tidy.
        with contextlib.suppress(OSError):
            probe.unlink(missing_ok=True)
    return path


def _os_error(path: Path, exc: OSError) -> DataFolderError:
    if exc.errno == errno.ENOSPC:
        return DiskFullError(
            _("The disk holding {folder} is full: free some space and try again.").format(
                folder=path
            )
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ReadOnlyError(
            _("The data folder {folder} is read-only: choose another with --data-dir.").format(
                folder=path
            )
        )
    return DataFolderError(
        _("The data folder {folder} cannot be used: {reason}.").format(
            folder=path, reason=os_reason(exc)
        )
    )
