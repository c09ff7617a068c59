"""Opening the programme hub: a database behind a SQLAlchemy URL (a SQLite file by default,
PostgreSQL for a team), brought to the current schema by the same migrations as a laptop."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Engine, create_engine, delete, inspect, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from workshop_app.errors import AppError, os_reason
from workshop_app.i18n import _
from workshop_app.store.database import SCRUB_ATTEMPTS, checkpoint_wal, make_engine, preflight
from workshop_app.store.errors import ForeignDatabaseError, NewerDatabaseError, translate_db_error
from workshop_app.store.hub_models import HubSetting
from workshop_app.sync.errors import SyncError

HUB_FILENAME = "hub.sqlite"
# A hub setting present while erased words may still sit in the SQLite log.
SCRUB_OWED = "scrub_owed"
T = TypeVar("T")


def default_hub_url(data_dir: Path) -> str:
    return f"sqlite:///{data_dir / HUB_FILENAME}"


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from workshop_app.store.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        tables = set(inspect(conn).get_table_names())
    if current == script.get_current_head():
        return
    if current is None and tables:
        raise ForeignDatabaseError(
            _("The hub database holds another program's tables: left as is.")
        )
    if current is not None and current not in {r.revision for r in script.walk_revisions()}:
        raise NewerDatabaseError(_("This hub was set up by a newer Workshop App: update the app."))
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")


def _db_error(exc: DBAPIError, what: str = "", **values: object) -> AppError:
    """One line a person can act on; nothing was half-written (the transaction rolled back).
    `what` is a translated phrase with `{detail}` (the database's own words) and any of
    `values` in it."""
    translated = translate_db_error(exc)
    if translated is not None:
        return translated
    first = (str(exc.orig).strip().splitlines() or [_("no answer")])[0]
    return SyncError(
        (what or _("The hub database failed: {detail}")).format(detail=first, **values)
    )


class HubStore:
    """The open hub database. Sessions here carry no clock: the hub mints no stamps."""

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str, must_exist: bool = False) -> HubStore:
        """The hub at `url`, made if new; with `must_exist`, a SQLite hub that is not there
        is said (a mistyped --hub would otherwise make an empty hub that answers "nothing yet")."""
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise SyncError(_("{url} is not a database URL.").format(url=repr(url))) from None
        try:
            if parsed.get_backend_name() == "sqlite":
                if not parsed.database:
                    raise SyncError(_("A SQLite hub needs a file: sqlite:///PATH/hub.sqlite."))
                path = Path(parsed.database).resolve()
                if must_exist and not path.is_file():
                    raise SyncError(
                        _(
                            "There is no hub at {path}: hub init makes one (or check --hub and "
                            "--data-dir)."
                        ).format(path=path)
                    )
                path.parent.mkdir(parents=True, exist_ok=True)
                # The laptop's own check: a file that is not ours is refused before any pragma
                # (WAL mode) writes to it.
                preflight(path)
                engine = make_engine(path)
            else:
                engine = create_engine(url, pool_pre_ping=True)
        except NoSuchModuleError:
            raise SyncError(
                _("This app cannot use {kind} databases.").format(kind=parsed.get_backend_name())
            ) from None
        except OSError as exc:
            raise SyncError(
                _("Cannot create the hub at {url}: {reason}.").format(
                    url=url, reason=os_reason(exc)
                )
            ) from None
        try:
            _upgrade(engine)
        except DBAPIError as exc:
            engine.dispose()
            raise _db_error(
                exc, _("Cannot open the hub at {url}: {detail}"), url=repr(parsed)
            ) from None
        except BaseException:
            engine.dispose()
            raise
        return cls(url, engine)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
            session.commit()
        except IntegrityError:
            # A constraint said no (another import of the same bundle won): callers decide.
            session.rollback()
            raise
        except DBAPIError as exc:
            session.rollback()
            raise _db_error(exc) from None
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
                raise _db_error(exc) from None

    def scrub(self) -> bool:
        """After an erasure: on SQLite, copy the write-ahead log into the file and empty it, so
        the erased words survive nowhere on disk (secure_delete zeroes the pages they left).
        False while another reader still holds the log after a few tries."""
        if self.engine.dialect.name != "sqlite":
            return True
        try:
            return checkpoint_wal(self.engine, SCRUB_ATTEMPTS)
        except DBAPIError as exc:
            raise _db_error(exc) from None

    def owe_scrub(self, session: Session) -> None:
        """Inside a transaction that erased data: the log must be emptied after it commits.
        Noted in the same commit, so a crash or a busy reader cannot make the hub forget."""
        if self.engine.dialect.name == "sqlite":
            session.execute(
                sqlite_insert(HubSetting)
                .values(key=SCRUB_OWED, value="1")
                .on_conflict_do_nothing(index_elements=["key"])
            )

    def scrub_if_owed(self) -> bool:
        """Empty the SQLite log when an erasure asked for it (now or at an earlier import a
        reader held up). False while another reader still holds the log: it stays owed."""
        if self.engine.dialect.name != "sqlite":
            return True
        owed = select(HubSetting.key).where(HubSetting.key == SCRUB_OWED)
        if self.read(lambda s: s.execute(owed).first()) is None:
            return True
        # The note goes first, so its own removal is emptied from the log with the rest.
        self.run(lambda s: s.execute(delete(HubSetting).where(HubSetting.key == SCRUB_OWED)))
        if self.scrub():
            return True
        self.run(self.owe_scrub)
        return False

    def close(self) -> None:
        self.engine.dispose()
