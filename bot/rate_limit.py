"""A token bucket per key (a sender, a client address), so one client cannot starve others.

Each key may send `burst` messages at once and then `per_minute` a minute. Buckets that
have refilled are forgotten, so memory stays bounded by the clients active in the last
minute or so.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

SLOW_DOWN = "You're sending messages faster than I can coach. Wait a few seconds, then go on."


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(
        self, per_minute: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._last_sweep = clock()

    def allow(self, key: str) -> bool:
        """Take one token for `key`; False when it has none left."""
        bucket = self._refilled(key)
        if bucket.tokens < 1:
            return False
        bucket.tokens -= 1
        return True

    def exhausted(self, key: str) -> bool:
        """Whether `key` has no token left, without taking one."""
        return self._refilled(key).tokens < 1

    def _refilled(self, key: str) -> _Bucket:
        now = self.clock()
        self._sweep(now)
        bucket = self._buckets.setdefault(key, _Bucket(self.burst, now))
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.rate)
        bucket.updated = now
        return bucket

    def _sweep(self, now: float) -> None:
        if now - self._last_sweep < 60:
            return
        self._last_sweep = now
        full_after = self.burst / self.rate if self.rate else float("inf")
        stale = [k for k, b in self._buckets.items() if now - b.updated >= full_after]
        for key in stale:
            del self._buckets[key]
