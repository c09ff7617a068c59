"""Hybrid logical clock: orders changes across laptops without trusting their wall clocks."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

MAX_COUNTER = 999_999


@dataclass(frozen=True, order=True)
class Stamp:
    wall_ms: int
    counter: int
    device_id: str

    def __str__(self) -> str:
        # Fixed widths keep the text form sortable in SQL and in JSON lines.
        return f"{self.wall_ms:013d}-{self.counter:06d}-{self.device_id}"

    @classmethod
    def parse(cls, text: str) -> Stamp:
        wall, counter, device = text.split("-", 2)
        return cls(int(wall), int(counter), device)


class HybridClock:
    """Never goes backwards on one device, even when the wall clock does."""

    def __init__(
        self,
        device_id: str,
        last: Stamp | None = None,
        wall_ms: Callable[[], int] = lambda: time.time_ns() // 1_000_000,
    ) -> None:
        self.device_id = device_id
        self._wall_ms = wall_ms
        self._last = last or Stamp(0, 0, device_id)
        self._lock = threading.Lock()

    @property
    def last(self) -> Stamp:
        return self._last

    def tick(self) -> Stamp:
        with self._lock:
            now = self._wall_ms()
            if now > self._last.wall_ms:
                stamp = Stamp(now, 0, self.device_id)
            elif self._last.counter >= MAX_COUNTER:
                # The counter has a fixed width so stamps sort as text: move logical time on.
                stamp = Stamp(self._last.wall_ms + 1, 0, self.device_id)
            else:
                stamp = Stamp(self._last.wall_ms, self._last.counter + 1, self.device_id)
            self._last = stamp
            return stamp

    def observe(self, remote: Stamp) -> None:
        """Move past a stamp seen from another device so our next change orders after it."""
        with self._lock:
            if remote > self._last:
                self._last = Stamp(remote.wall_ms, remote.counter, self.device_id)
