"""One sender going too fast is slowed down; others, and the same sender later, are not."""

from __future__ import annotations

from bot.rate_limit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_is_allowed_then_refused_then_refilled() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=5, clock=clock)
    assert [limiter.allow("ana") for _ in range(7)] == [True] * 5 + [False] * 2
    assert limiter.allow("ben"), "another employee is not affected"
    clock.now += 2
    assert [limiter.allow("ana") for _ in range(3)] == [True, True, False]


def test_idle_senders_are_forgotten() -> None:
    clock = Clock()
    limiter = RateLimiter(per_minute=60, burst=5, clock=clock)
    for n in range(100):
        limiter.allow(f"sender-{n}")
    clock.now += 120
    limiter.allow("late")
    assert len(limiter._buckets) == 1


def test_looking_does_not_take_a_token() -> None:
    limiter = RateLimiter(per_minute=60, burst=1, clock=Clock())
    assert not limiter.exhausted("ana") and not limiter.exhausted("ana")
    assert limiter.allow("ana") and limiter.exhausted("ana")
