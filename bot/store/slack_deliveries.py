"""Remembering which Slack deliveries were taken in, in the shared database, so a retry
that reaches any Rasa server is recognised."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from bot.store.clock import utcnow
from bot.store.database import session_factory
from bot.store.models import SlackDelivery

KEEP = timedelta(days=1)


class DeliveryLog:
    def __init__(self, engine: Engine) -> None:
        self.sessions = session_factory(engine)

    def first_time(self, delivery_id: str) -> bool:
        """True exactly once per delivery id, however many servers ask."""
        try:
            with self.sessions.begin() as db:
                db.add(SlackDelivery(delivery_id=delivery_id[:128], received_at=utcnow()))
        except IntegrityError:
            return False
        return True

    def forget_old(self) -> None:
        with self.sessions.begin() as db:
            db.execute(delete(SlackDelivery).where(SlackDelivery.received_at < utcnow() - KEEP))
