"""Coaching-log writes that survive a database outage, applied once each and in order.

When the database is unreachable (connection refused, server restarting, disk locked) the
write waits in memory and is retried, before any newer write and every few seconds, until it
goes through; the employee's role-play carries on meanwhile. Every write the engine makes is
idempotent (a turn is keyed by session and number), so a retry never stores anything twice.
A write the database refuses for its content (a constraint, bad data) would never succeed:
it is logged and dropped rather than holding up the rest. The queue lives in the action
server's memory, so an outage survives; a crash of the action server during one does not.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

log = logging.getLogger(__name__)
Store = TypeVar("Store")
MAX_WAITING = 10_000
RETRY_EVERY_S = 3.0


def is_outage(error: SQLAlchemyError) -> bool:
    """True when the database could not be reached, as opposed to refusing the data."""
    return isinstance(error, OperationalError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    )


class WriteQueue(Generic[Store]):
    def __init__(self, store: Store, retry_every: float = RETRY_EVERY_S) -> None:
        self.store = store
        self.retry_every = retry_every
        self._waiting: deque[tuple[str, Callable[[Store], None]]] = deque()
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def submit(self, what: str, write: Callable[[Store], None]) -> None:
        with self._lock:
            if len(self._waiting) >= MAX_WAITING:
                dropped, _ = self._waiting.popleft()
                log.error("Coaching log queue full: dropped the oldest write (%s).", dropped)
            self._waiting.append((what, write))
            self._drain()

    def retry(self) -> None:
        with self._lock:
            self._timer = None
            self._drain()

    def _drain(self) -> None:
        while self._waiting:
            what, write = self._waiting[0]
            try:
                write(self.store)
            except SQLAlchemyError as error:
                if is_outage(error):
                    log.warning("Coaching log unavailable; %d writes wait.", len(self._waiting))
                    self._retry_later()
                    return
                log.exception("The coaching log refused the role-play %s; dropped.", what)
            self._waiting.popleft()

    def _retry_later(self) -> None:
        if self._timer is None:
            self._timer = threading.Timer(self.retry_every, self.retry)
            self._timer.daemon = True
            self._timer.start()
