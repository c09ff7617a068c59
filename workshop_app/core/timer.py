"""The activity timer's rules: set minutes, start, pause, add a minute, what is left, finished.

Qt-free and clock-injected: the clock is any function returning seconds (time.monotonic by
default), so tests move time on without sleeping."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Literal

from workshop_app.errors import AppError
from workshop_app.i18n import _

MIN_MINUTES, MAX_MINUTES = 1, 240

State = Literal["idle", "ready", "running", "paused", "finished"]


class ActivityTimer:
    """A countdown for one activity. Time only passes while it runs; a paused timer keeps what
    was left; adding a minute to a finished timer starts it again with that minute."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self.duration = 0.0  # seconds set, plus any minutes added
        self._set = 0.0  # seconds last set, for Reset
        self._elapsed = 0.0  # run time before the current run
        self._started_at: float | None = None  # clock reading when the current run began

    # --- what it shows --------------------------------------------------------------------
    def elapsed(self) -> float:
        running = self._clock() - self._started_at if self._started_at is not None else 0.0
        return self._elapsed + max(0.0, running)

    def remaining(self) -> float:
        """Seconds left, never below zero."""
        return max(0.0, self.duration - self.elapsed())

    @property
    def running(self) -> bool:
        return self._started_at is not None and not self.finished

    @property
    def finished(self) -> bool:
        return self.duration > 0 and self.remaining() <= 0

    @property
    def state(self) -> State:
        if self.duration <= 0:
            return "idle"
        if self.finished:
            return "finished"
        if self._started_at is not None:
            return "running"
        return "paused" if self._elapsed > 0 else "ready"

    # --- what the facilitator does --------------------------------------------------------
    def set_minutes(self, minutes: int) -> None:
        """A fresh countdown of this many minutes, not yet started."""
        if not MIN_MINUTES <= minutes <= MAX_MINUTES:
            raise AppError(
                _("A timer runs from {low} to {high} minutes.").format(
                    low=MIN_MINUTES, high=MAX_MINUTES
                )
            )
        self.duration = self._set = minutes * 60.0
        self._elapsed = 0.0
        self._started_at = None

    def start(self) -> None:
        if self.duration > 0 and self._started_at is None and not self.finished:
            self._started_at = self._clock()

    def pause(self) -> None:
        if self._started_at is not None:
            self._elapsed = self.elapsed()
            self._started_at = None

    def toggle(self) -> None:
        """Start when stopped, pause when running."""
        if self.running:
            self.pause()
        else:
            self.start()

    def add_minute(self) -> None:
        """One more minute; a finished timer runs again for that minute."""
        if self.finished or self.duration <= 0:
            was_running = self._started_at is not None
            self.duration = 60.0
            self._set = self._set or 60.0
            self._elapsed = 0.0
            self._started_at = self._clock() if was_running else None
            return
        self.duration += 60.0

    def clear(self) -> None:
        """No timer at all: nothing set, nothing shown."""
        self.duration = self._set = 0.0
        self._elapsed = 0.0
        self._started_at = None

    def reset(self) -> None:
        """Back to the minutes last set (without any added), stopped."""
        self.duration = self._set
        self._elapsed = 0.0
        self._started_at = None


def clock_text(seconds: float) -> str:
    """Seconds left as the room reads them: 4:05, 0:09, 1:00:00; always rounded up, so 0:00
    means time is really up."""
    whole = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
