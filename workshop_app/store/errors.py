"""Storage failures, each with a one-line message that says what to do."""

from __future__ import annotations

import errno
import sqlite3

from workshop_app.errors import AppError
from workshop_app.i18n import _


class StorageError(AppError):
    """The data folder or database cannot do what was asked; nothing was half-written."""


class DataFolderError(StorageError):
    pass


class DiskFullError(StorageError):
    pass


class ReadOnlyError(StorageError):
    pass


class CorruptDatabaseError(StorageError):
    pass


class NewerDatabaseError(StorageError):
    pass


class ForeignDatabaseError(StorageError):
    pass


class FolderInUseError(StorageError):
    """Another app or command has the data folder open."""


class DatabaseFailureError(StorageError):
    """A database error with no plainer translation: the message names the file and where the
    earlier copies are, and the original error stays attached for the log."""


def translate_db_error(exc: BaseException) -> StorageError | None:
    """Map a SQLite failure to a message a facilitator can act on, or None if it is a bug."""
    # SQLAlchemy's DBAPIError carries the driver's error as .orig; reading it by name keeps
    # this module (imported by every command) from importing SQLAlchemy.
    orig = getattr(exc, "orig", None) or exc
    if isinstance(orig, OSError):
        if orig.errno == errno.ENOSPC:
            return DiskFullError(
                _("The disk is full: nothing was saved. Free some space and retry.")
            )
        if orig.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return ReadOnlyError(_("The data folder is read-only: nothing was saved."))
    if not isinstance(orig, sqlite3.Error):
        return None
    text = str(orig).lower()
    if "disk is full" in text or "database or disk is full" in text:
        return DiskFullError(_("The disk is full: nothing was saved. Free some space and retry."))
    if "readonly" in text or "read-only" in text:
        return ReadOnlyError(_("The data folder is read-only: nothing was saved."))
    if "unable to open" in text:
        return DataFolderError(_("The database file cannot be opened: check the data folder."))
    if "malformed" in text or "not a database" in text:
        return CorruptDatabaseError(
            _("The database file is damaged or is not a Workshop App database.")
        )
    if "locked" in text or "busy" in text:
        return StorageError(_("The database is busy in another window: try again in a moment."))
    return None
