"""Opening the local store: SQLite pragmas, migrations (with a backup first), device identity."""

from __future__ import annotations

import contextlib
import sqlite3
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from workshop_app.i18n import _
from workshop_app.store import folder_lock
from workshop_app.store.clock import HybridClock, Stamp
from workshop_app.store.datafolder import BACKUPS_DIRNAME, backups_hint, prepare_data_dir
from workshop_app.store.errors import (
    CorruptDatabaseError,
    DatabaseFailureError,
    ForeignDatabaseError,
    NewerDatabaseError,
    StorageError,
    translate_db_error,
)
from workshop_app.store.models import LocalMeta
from workshop_app.store.schema_version import head_revision, known_revisions

DB_FILENAME = "workshop.db"
# Left in the data folder while an erasure's clean-up waits for another reader to finish.
SCRUB_PENDING_FILENAME = "scrub-pending"
BUSY_TIMEOUT_MS = 5000
SCRUB_WAIT_MS = 200
SCRUB_ATTEMPTS = 5
T = TypeVar("T")


def _set_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # WAL + FULL: a commit survives the power cord being pulled; secure_delete keeps erased
    # personal data from lingering in free pages.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_engine(db_path: Path) -> Engine:
    # Every session ends its own transaction, so the pool's extra rollback on each check-in
    # only costs time on the capture path.
    engine = create_engine(f"sqlite:///{db_path}", pool_reset_on_return=None)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def _damaged(db_path: Path) -> CorruptDatabaseError:
    return CorruptDatabaseError(
        _(
            "{file} is damaged or is not a Workshop App database: it was left as it is, and "
            "{backups}."
        ).format(file=db_path, backups=backups_hint(db_path.parent))
    )


def database_failure(db_path: Path, exc: BaseException, what: str) -> StorageError:
    """Any database error as one line: a plain translation when there is one, else the file,
    what failed, SQLite's own words and where the earlier copies are. `what` is a translated
    phrase with `{file}`, `{detail}` and `{backups}` in it, filled in here."""
    translated = translate_db_error(exc)
    if isinstance(translated, CorruptDatabaseError):
        return _damaged(db_path)
    if translated is not None:
        return translated
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    detail = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    return DatabaseFailureError(
        what.format(file=db_path, detail=detail, backups=backups_hint(db_path.parent))
    )


def preflight(db_path: Path) -> str | None:
    """Refuse a file that is not ours before any pragma writes to it, so it stays untouched.
    Returns the schema revision the file is at (None for a new or empty file)."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None  # unreadable here: the normal open reports it with a clear message
    try:
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            )
        }
        version = None
        if "alembic_version" in tables:
            version = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        raise _damaged(db_path) from None
    finally:
        conn.close()
    if tables and "alembic_version" not in tables:
        raise ForeignDatabaseError(
            _(
                "{file} is another program's database, not Workshop App's: it was left as it is."
            ).format(file=db_path)
        )
    if version is None:
        return None
    if version[0] not in known_revisions():
        raise NewerDatabaseError(
            _("This data was saved by a newer Workshop App: update the app to open it.")
        )
    return str(version[0])


def checkpoint_wal(engine: Engine, attempts: int) -> bool:
    """Copy a SQLite WAL into the main file and empty it; False while another connection's
    read transaction still prevents it after `attempts` tries."""
    with engine.connect() as conn:
        # Briefly: the person erasing waits for this, and a reader may read for long.
        conn.exec_driver_sql(f"PRAGMA busy_timeout={SCRUB_WAIT_MS}")
        try:
            for attempt in range(attempts):
                if attempt:
                    time.sleep(SCRUB_WAIT_MS / 1000)
                row = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").first()
                if row is not None and row[0] == 0:
                    return True
        finally:
            conn.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    return False


class Database:
    """The open local store. One per data folder; hand it to whatever needs sessions."""

    def __init__(self, data_dir: Path, engine: Engine, device_id: str, clock: HybridClock):
        self.data_dir = data_dir
        self.path = data_dir / DB_FILENAME
        self.engine = engine
        self.device_id = device_id
        self.clock = clock
        self.backup_path: Path | None = None
        self._lock: Path | None = None
        self._scrub_waiting = False
        self._sessions = sessionmaker(
            engine,
            expire_on_commit=False,
            info={"device_id": device_id, "clock": clock},
        )

    @classmethod
    def open(cls, data_dir: Path) -> Database:
        data_dir = prepare_data_dir(data_dir)
        lock = folder_lock.acquire(data_dir)
        try:
            db = cls._open_held(data_dir)
        except BaseException:
            folder_lock.release(lock)
            raise
        db._lock = lock
        return db

    @classmethod
    def _open_held(cls, data_dir: Path) -> Database:
        db_path = data_dir / DB_FILENAME
        revision = preflight(db_path)
        engine = make_engine(db_path)
        try:
            backup = None
            if revision != head_revision():
                # Imported only when needed: Alembic takes a tenth of a second to import, at
                # every start, and an up-to-date database does not need it.
                from workshop_app.store.migrate import migrate

                backup = migrate(engine, db_path)
            device_id, last = _device_identity(engine)
        except StorageError:
            engine.dispose()
            raise
        except sqlite3.DatabaseError as exc:
            engine.dispose()
            raise _damaged(db_path) from exc
        except Exception as exc:
            # A migration that meets tables it did not expect (a schema version wound back by
            # hand), or anything else: one line naming the file, never a raw traceback.
            engine.dispose()
            raise database_failure(
                db_path, exc, _("{file} could not be opened ({detail}); {backups}.")
            ) from exc
        db = cls(data_dir, engine, device_id, HybridClock(device_id, last))
        db.backup_path = backup
        db._finish_scrub_if_pending()  # an erasure's clean-up left waiting last time
        return db

    def session(self) -> Session:
        return self._sessions()

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action: commit on success, roll back everything on failure."""
        session = self._sessions()
        try:
            yield session
            session.commit()
            session.close()
            if self._scrub_waiting:
                self._finish_scrub_if_pending()
        except DBAPIError as exc:
            session.rollback()
            raise database_failure(
                self.path,
                exc,
                _("{file} could not save this: nothing was saved ({detail}); {backups}."),
            ) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def run(self, action: Callable[[Session], T]) -> T:
        with self.transaction() as session:
            return action(session)

    def read(self, query: Callable[[Session], T]) -> T:
        with self._sessions() as session:
            try:
                return query(session)
            except DBAPIError as exc:
                raise database_failure(
                    self.path, exc, _("{file} could not be read ({detail}); {backups}.")
                ) from exc

    def scrub(self) -> str | None:
        """After an erasure: copy the WAL into the main file and empty it, so the erased words
        survive nowhere on disk (secure_delete zeroes the freed space they leave). The copies
        taken before past migrations go too: they may hold the erased person's data, and the
        migration they guarded has long since succeeded (this store is open on its result).

        Another reader in the middle of a read keeps the WAL from being emptied. Then this
        returns a one-line notice for the person erasing, and the clean-up is retried after
        each later action, when the store closes, and at the next start, until it is done."""
        backups = self.data_dir / BACKUPS_DIRNAME
        if backups.is_dir():
            for copy in backups.glob("workshop-*.db"):
                copy.unlink(missing_ok=True)
        if self._checkpoint(SCRUB_ATTEMPTS):
            self._scrub_marker.unlink(missing_ok=True)
            return None
        self._scrub_marker.touch()
        self._scrub_waiting = True
        return _(
            "The erased words are gone from the database, but another window is still reading "
            "it: the file will be cleaned when that window closes, or at the next start."
        )

    @property
    def _scrub_marker(self) -> Path:
        return self.data_dir / SCRUB_PENDING_FILENAME

    def _checkpoint(self, attempts: int) -> bool:
        """Empty the WAL; False while another connection's read transaction prevents it."""
        try:
            return checkpoint_wal(self.engine, attempts)
        except DBAPIError as exc:
            raise database_failure(
                self.path, exc, _("{file} could not be cleaned ({detail}); {backups}.")
            ) from exc

    def _finish_scrub_if_pending(self) -> None:
        """One quick try; a failure here is the next try's business, not the current action's."""
        if not self._scrub_marker.exists():
            self._scrub_waiting = False
            return
        with contextlib.suppress(StorageError):
            if self._checkpoint(1):
                self._scrub_marker.unlink(missing_ok=True)
                self._scrub_waiting = False

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())

    def close(self) -> None:
        if self._scrub_waiting:
            self._finish_scrub_if_pending()
        self.engine.dispose()
        if self._lock is not None:
            folder_lock.release(self._lock)
            self._lock = None


def _device_identity(engine: Engine) -> tuple[str, Stamp | None]:
    with Session(engine) as session, session.begin():
        rows = {k: v for k, v in session.execute(select(LocalMeta.key, LocalMeta.value))}
        device_id = rows.get("device_id")
        if device_id is None:
            device_id = str(uuid.uuid4())
            session.add(LocalMeta(key="device_id", value=device_id))
        hlc = rows.get("hlc")
        last = Stamp.parse(hlc) if hlc else None
    return device_id, last
