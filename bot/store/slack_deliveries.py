"""Remembering which Slack deliveries were taken in, in the shared database, so a retry
that reaches any Rasa server is recognised.

Slack retries a delivery three times within about an hour and never later, so a record
older than a day protects nothing: each server deletes those at its first delivery and
then at most once every FORGET_EVERY, one indexed DELETE, so the table stays small.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from bot.store.clock import utcnow
from bot.store.database import session_factory
from bot.store.models import SlackDelivery

log = logging.getLogger(__name__)
KEEP = timedelta(days=1)
FORGET_EVERY = timedelta(hours=1)


class DeliveryLog:
    def __init__(self, engine: Engine, forget_every: timedelta = FORGET_EVERY) -> None:
        self.sessions = session_factory(engine)
        self.forget_every_s = forget_every.total_seconds()
        self._next_forget = 0.0  # monotonic time of the next clean-up; 0: at the first one

    def first_time(self, delivery_id: str) -> bool:
        """True exactly once per delivery id, however many servers ask."""
        self._forget_old_now_and_then()
        try:
            with self.sessions.begin() as db:
                db.add(SlackDelivery(delivery_id=delivery_id[:128], received_at=utcnow()))
        except IntegrityError:
            return False
        return True

    def forget_old(self) -> int:
        """Delete the records older than KEEP; how many went."""
        with self.sessions.begin() as db:
            cutoff = utcnow() - KEEP
            return db.execute(
                delete(SlackDelivery).where(SlackDelivery.received_at < cutoff)
            ).rowcount

    def _forget_old_now_and_then(self) -> None:
        now = time.monotonic()
        if now < self._next_forget:
            return
        self._next_forget = now + self.forget_every_s
        try:
            self.forget_old()
        except SQLAlchemyError as error:  # a clean-up must never cost a delivery
            log.warning("Could not delete old Slack delivery records: %s", error)
