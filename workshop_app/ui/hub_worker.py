"""Importing bundles into the hub off the main thread, so the hub window keeps answering.

The worker opens its own `Hub` on the same URL (a SQLAlchemy session never crosses threads),
imports the files one by one, and reports each file's outcome as it goes. It never touches a
widget: everything reaches the window through queued signals."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThread, Signal

from workshop_app.errors import AppError, os_reason
from workshop_app.sync.errors import SyncError
from workshop_app.sync.hub import Hub, ImportOutcome
from workshop_app.sync.hub_views import workshop_place

# Not an ImportOutcome status of the hub's: the file never reached the hub (unreadable, or the
# hub's key could not be unlocked). Nothing was set aside, and it can simply be imported again.
NOT_IMPORTED = "not-imported"


@dataclass(frozen=True)
class ImportItem:
    """One file to import: a path on disk, or bytes the hub already holds (a held bundle)."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    kept: bool = False  # the hub's own copy of a held bundle (an erasure may have rewritten it)

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return self.path.read_bytes()


def items_from_paths(paths: list[Path]) -> list[ImportItem]:
    return [ImportItem(p.name, path=p) for p in paths]


class ImportWorker(QThread):
    """Imports `items` into the hub at `url`; emits `imported(index, outcome)` per file."""

    started_file = Signal(int, str)
    imported = Signal(int, object, str)  # ImportOutcome, and "title (place)" once merged
    failed = Signal(str)  # the hub could not be opened at all

    def __init__(self, url: str, items: list[ImportItem], passphrase: str | None) -> None:
        super().__init__()
        self.url = url
        self.items = items
        self._passphrase = passphrase
        self._stop = threading.Event()
        self.outcomes: list[ImportOutcome] = []

    def stop(self) -> None:
        """Stop after the file being imported (that one is whole: one transaction)."""
        self._stop.set()

    def run(self) -> None:
        try:
            hub = Hub.open(self.url)
        except AppError as exc:
            self.failed.emit(exc.message)
            return
        try:
            source = _checked_source(hub, self._passphrase)
            for index, item in enumerate(self.items):
                if self._stop.is_set():
                    break
                self.started_file.emit(index, item.name)
                outcome = _import_one(hub, item, source)
                self.outcomes.append(outcome)
                self.imported.emit(index, outcome, _workshop_of(hub, outcome))
        finally:
            hub.close()


def _workshop_of(hub: Hub, outcome: ImportOutcome) -> str:
    if outcome.status not in ("merged", "already") or not outcome.workshop_id:
        return ""
    try:
        found = workshop_place(hub, outcome.workshop_id)
    except AppError:
        return ""
    if found is None:
        return ""
    title, place = found
    return f"{title} ({place})" if place else title


def _checked_source(hub: Hub, passphrase: str | None) -> Callable[[], object]:
    """The hub's key source, tried once up front: a wrong passphrase then refuses only the
    encrypted files (each saying so), while unencrypted ones still import."""
    if passphrase is None:
        return hub.key_source(_no_passphrase)
    source = hub.key_source(lambda: passphrase)
    if hub.public_key() is None:
        return source
    try:
        source()
    except SyncError as exc:
        message = exc.message

        def wrong() -> str:
            raise SyncError(message)

        return hub.key_source(wrong)
    return source


def _no_passphrase() -> str:
    raise SyncError(
        QCoreApplication.translate(
            "ImportWorker", "The hub passphrase is needed to open encrypted bundles."
        )
    )


def _import_one(hub: Hub, item: ImportItem, source: Callable[[], object]) -> ImportOutcome:
    try:
        if item.path is not None:
            # Its size is looked at before a byte is read: a video dropped by mistake is
            # refused, never loaded into memory.
            return hub.import_file(item.path, source)  # type: ignore[arg-type]
        if item.kept:
            return hub.merge_kept_copy(item.read(), item.name, source)  # type: ignore[arg-type]
        return hub.import_bundle(item.read(), item.name, source)  # type: ignore[arg-type]
    except OSError as exc:
        reason = QCoreApplication.translate("ImportWorker", "Cannot read it: %1.")
        return ImportOutcome(item.name, NOT_IMPORTED, reason=reason.replace("%1", os_reason(exc)))
    except AppError as exc:  # the key would not open, or the database failed: nothing changed
        return ImportOutcome(item.name, NOT_IMPORTED, reason=exc.message)
    except Exception as exc:  # a worker must never die silently: the window says why
        from workshop_app.app_log import log

        log.exception("Hub import failed")
        return ImportOutcome(item.name, NOT_IMPORTED, reason=str(exc) or type(exc).__name__)
