"""The coaching database down for a while: the employee plays on, and once it is back every
turn is stored, once each, in order."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from bot.engine import CoachEngine
from bot.store.coaching_log import CoachingLog
from bot.store.database import make_engine, prepare_database
from bot.store.outbox import WriteQueue

REPLIES = ["I'm so sorry about that.", "Let me remake it right now.", "Thank you for waiting!"]


class FlakyLog:
    """The real coaching log, behind a switch that makes the database unreachable."""

    def __init__(self, real: CoachingLog) -> None:
        self.real, self.down = real, False

    def __getattr__(self, name: str):
        method = getattr(self.real, name)

        def call(*args, **kwargs):
            if self.down:
                raise OperationalError("INSERT ...", {}, ConnectionRefusedError("db restarting"))
            return method(*args, **kwargs)

        return call


@pytest.fixture
def flaky(engine: CoachEngine, tmp_path: Path) -> tuple[CoachEngine, FlakyLog]:
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    prepare_database(url)
    store = FlakyLog(CoachingLog(make_engine(url)))
    playing = CoachEngine(engine.content, engine.detector, store)  # type: ignore[arg-type]
    playing.writes = WriteQueue(store, retry_every=0.2)
    return playing, store


def test_an_outage_loses_no_turn_and_stores_none_twice(flaky) -> None:
    engine, store = flaky
    store.down = True
    started = engine.start("latte", "frustrated", 4, "outage-ana", "rest")
    state = started.state
    for reply in REPLIES:
        replied = engine.reply(state, started.session_id, reply)
        assert replied.messages[-1]["text"].startswith("Jordan: "), "the customer answers"
        state = replied.result.state
    assert engine.writes.waiting == 1 + len(REPLIES)

    store.down = False
    deadline = time.monotonic() + 10
    while engine.writes.waiting and time.monotonic() < deadline:
        time.sleep(0.05)  # the queue retries by itself, with no new message needed
    engine.writes.retry()  # and a retry too many stores nothing twice
    session, turns = store.real.session_with_turns(started.session_id)
    assert session.employee == "outage-ana"
    assert [(t.turn, t.reply) for t in turns] == list(enumerate(REPLIES, start=1))


def test_a_write_the_database_refuses_is_dropped_not_blocking_the_rest() -> None:
    done: list[str] = []

    def refused(_: object) -> None:
        raise IntegrityError("INSERT ...", {}, ValueError("duplicate"))

    queue = WriteQueue(store=object())
    queue.submit("bad", refused)
    queue.submit("good", lambda _: done.append("good"))
    assert done == ["good"] and queue.waiting == 0
