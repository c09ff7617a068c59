"""The app's log: a rotating file in the data folder, so an unexpected error that nobody saw in
a terminal can still be read afterwards (and sent to whoever supports the programme)."""

from __future__ import annotations

import logging
from pathlib import Path
from types import TracebackType

LOGGER_NAME = "workshop_app"
LOG_DIRNAME = "logs"
LOG_FILENAME = "workshop-app.log"
MAX_LOG_BYTES = 1_000_000
KEPT_LOGS = 3

log = logging.getLogger(LOGGER_NAME)


def log_path(data_dir: Path) -> Path:
    return data_dir / LOG_DIRNAME / LOG_FILENAME


def start_log(data_dir: Path) -> Path | None:
    """Log to the data folder's rotating file; None when that folder cannot take it (the
    error that made it so is reported elsewhere, and must not be hidden by this one)."""
    # Imported here: logging.handlers brings sockets and pickling, and the window's first paint
    # should not wait for them.
    from logging.handlers import RotatingFileHandler

    path = log_path(data_dir)
    for handler in log.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == path:
            return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_LOG_BYTES, backupCount=KEPT_LOGS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    return path


def log_unexpected(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    log.error("Unexpected error", exc_info=(exc_type, exc, tb))
