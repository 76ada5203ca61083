"""Slack delivery records: a retry is recognised, and records too old to matter go away by
themselves, so the table does not grow with every message ever received."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from bot.store.clock import utcnow
from bot.store.database import make_engine, prepare_database, session_factory
from bot.store.models import SlackDelivery
from bot.store.slack_deliveries import DeliveryLog


def stored_ids(engine) -> set[str]:
    with session_factory(engine)() as db:
        return set(db.execute(select(SlackDelivery.delivery_id)).scalars())


def add_old(engine, delivery_id: str, age: timedelta) -> None:
    with session_factory(engine).begin() as db:
        db.add(SlackDelivery(delivery_id=delivery_id, received_at=utcnow() - age))


def test_old_records_go_away_while_recent_ones_still_stop_retries(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    prepare_database(url)
    engine = make_engine(url)
    add_old(engine, "Ev-two-days-old", timedelta(days=2))
    add_old(engine, "Ev-an-hour-old", timedelta(hours=1))
    deliveries = DeliveryLog(engine)

    assert deliveries.first_time("Ev-new") is True
    assert stored_ids(engine) == {"Ev-an-hour-old", "Ev-new"}, "the two-day-old one went"
    assert deliveries.first_time("Ev-new") is False, "a retry is still recognised"
    assert deliveries.first_time("Ev-an-hour-old") is False


def test_the_clean_up_runs_now_and_then_not_on_every_delivery(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    prepare_database(url)
    engine = make_engine(url)
    deliveries = DeliveryLog(engine, forget_every=timedelta(hours=1))
    deliveries.first_time("Ev-1")
    add_old(engine, "Ev-stale", timedelta(days=3))
    deliveries.first_time("Ev-2")
    assert "Ev-stale" in stored_ids(engine), "not cleaned again within the hour"

    often = DeliveryLog(engine, forget_every=timedelta(0))
    often.first_time("Ev-3")
    assert stored_ids(engine) == {"Ev-1", "Ev-2", "Ev-3"}, "cleaned at the next one due"
