"""Database writes that survive an outage, applied once each and in order.

Every write goes through one writer thread, in the order submitted. When the database is
unreachable (connection refused, server restarting, a SQLite file locked by another
connection) the write waits in memory and is retried, before any newer write and every few
seconds, until it goes through. The caller waits for its write only while the queue is
healthy, and at most WAIT_S: with the database down or locked the employee's turn carries
on at once, where a SQLite write would otherwise sit out its 30 s busy timeout. Every write
made through here is idempotent or applied exactly once in order, so a retry never stores
anything twice. A write the database refuses for its content (a constraint, bad data) would
never succeed: it is logged and dropped rather than holding up the rest. The queue lives in
the process's memory, so an outage survives; a crash of the process during one does not.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

log = logging.getLogger(__name__)
Store = TypeVar("Store")
MAX_WAITING = 10_000
RETRY_EVERY_S = 3.0
WAIT_S = 2.0


def is_outage(error: SQLAlchemyError) -> bool:
    """True when the database could not be reached, as opposed to refusing the data."""
    return isinstance(error, OperationalError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    )


@dataclass
class _Write(Generic[Store]):
    what: str
    write: Callable[[Store], None]
    tried: threading.Event = field(default_factory=threading.Event)
    stored: bool = False


class WriteQueue(Generic[Store]):
    def __init__(
        self, store: Store, retry_every: float = RETRY_EVERY_S, wait: float = WAIT_S
    ) -> None:
        self.store = store
        self.retry_every = retry_every
        self.wait = wait
        self._waiting: deque[_Write[Store]] = deque()
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._writer: threading.Thread | None = None
        self._outage = False

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    def submit(self, what: str, write: Callable[[Store], None]) -> bool:
        """Queue `write`; True when it is stored by the time this returns."""
        item: _Write[Store] = _Write(what, write)
        with self._lock:
            if len(self._waiting) >= MAX_WAITING:
                dropped = self._waiting.popleft()
                log.error("Write queue full: dropped the oldest write (%s).", dropped.what)
            behind = bool(self._waiting) or self._outage
            self._waiting.append(item)
            if self._writer is None:
                self._writer = threading.Thread(target=self._run, name="write-queue", daemon=True)
                self._writer.start()
        if not behind:
            item.tried.wait(self.wait)
        return item.stored

    def retry(self) -> None:
        """Try the waiting writes now instead of at the next retry."""
        self._wake.set()

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._waiting:
                    self._outage, self._writer = False, None
                    return
                item = self._waiting[0]
            done = self._attempt(item)
            if done:
                with self._lock:
                    if self._waiting and self._waiting[0] is item:
                        self._waiting.popleft()
            item.tried.set()
            if not done:
                self._wake.wait(self.retry_every)
                self._wake.clear()

    def _attempt(self, item: _Write[Store]) -> bool:
        """True when the write is finished with (stored, or refused for good)."""
        try:
            item.write(self.store)
        except SQLAlchemyError as error:
            if is_outage(error):
                self._outage = True
                log.warning("Database unavailable; %d writes wait: %s", self.waiting, error)
                return False
            log.exception("The database refused %s; dropped.", item.what)
            return True
        except Exception:  # a bug in one write must not hold up every other
            log.exception("Writing %s failed; dropped.", item.what)
            return True
        item.stored = True
        return True
