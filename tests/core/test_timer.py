"""The activity timer's rules, with a clock the test moves on (no sleeping)."""

from __future__ import annotations

import pytest

from workshop_app.core.timer import ActivityTimer, clock_text
from workshop_app.errors import AppError


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_counts_down_only_while_running(clock):
    timer = ActivityTimer(clock)
    assert timer.state == "idle"
    timer.set_minutes(5)
    assert timer.state == "ready"
    clock.advance(30)
    assert timer.remaining() == 300  # not started: no time passes
    timer.start()
    clock.advance(90)
    assert timer.remaining() == 210
    assert timer.state == "running" and timer.running
    assert clock_text(timer.remaining()) == "3:30"


def test_pause_keeps_what_was_left_and_start_resumes(clock):
    timer = ActivityTimer(clock)
    timer.set_minutes(2)
    timer.start()
    clock.advance(50)
    timer.pause()
    assert timer.state == "paused"
    clock.advance(600)
    assert timer.remaining() == 70
    timer.toggle()
    clock.advance(10)
    assert timer.remaining() == 60
    timer.toggle()
    assert timer.state == "paused"


def test_finishes_at_zero_and_never_goes_below(clock):
    timer = ActivityTimer(clock)
    timer.set_minutes(1)
    timer.start()
    clock.advance(59.5)
    assert not timer.finished
    assert clock_text(timer.remaining()) == "0:01"  # rounded up: 0:00 only when it is up
    clock.advance(30)
    assert timer.finished and timer.state == "finished"
    assert timer.remaining() == 0
    assert not timer.running
    assert clock_text(timer.remaining()) == "0:00"


def test_add_minute_while_running_and_after_the_end(clock):
    timer = ActivityTimer(clock)
    timer.set_minutes(3)
    timer.start()
    clock.advance(60)
    timer.add_minute()
    assert timer.remaining() == 180
    clock.advance(200)
    assert timer.finished
    timer.add_minute()  # "one more minute, please"
    assert timer.state == "running" and timer.remaining() == 60
    clock.advance(61)
    assert timer.finished


def test_add_minute_to_a_paused_timer_stays_paused(clock):
    timer = ActivityTimer(clock)
    timer.set_minutes(1)
    timer.add_minute()
    assert timer.state == "ready" and timer.remaining() == 120


def test_reset_goes_back_to_the_minutes_set(clock):
    timer = ActivityTimer(clock)
    timer.set_minutes(10)
    timer.start()
    clock.advance(120)
    timer.add_minute()
    timer.reset()
    assert timer.state == "ready"
    assert timer.remaining() == 600
    clock.advance(60)
    assert timer.remaining() == 600


@pytest.mark.parametrize("minutes", [0, -3, 241])
def test_minutes_out_of_range_are_refused_with_a_reason(clock, minutes):
    timer = ActivityTimer(clock)
    with pytest.raises(AppError, match="1 to 240 minutes"):
        timer.set_minutes(minutes)
    assert timer.state == "idle"


def test_clock_text_for_long_activities():
    assert clock_text(3600) == "1:00:00"
    assert clock_text(3725) == "1:02:05"
    assert clock_text(9) == "0:09"


def test_clear_takes_the_timer_away(clock):
    timer = ActivityTimer(clock)
    timer.set_minutes(4)
    timer.start()
    timer.clear()
    assert timer.state == "idle" and timer.remaining() == 0
    timer.add_minute()
    assert timer.state == "ready" and timer.remaining() == 60
