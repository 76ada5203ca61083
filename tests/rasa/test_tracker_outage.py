"""The database locked by another connection mid-conversation: the caching tracker store
goes on from its copy, and once the lock is gone every event is stored once, in order."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rasa.shared.core.events import UserUttered

from bot.store.database import prepare_database
from tests.own_loop import run_on_own_loop
from tests.rasa.test_tracker_store import as_rasa_reads_it, play, store
from tests.sqlite_lock import locked, stored_texts


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "coach.db"
    prepare_database(f"sqlite:///{path}")  # WAL, as every Service Coach database
    return path


def test_a_locked_database_loses_no_message_and_stores_each_once_in_order(
    database: Path,
) -> None:
    url = f"sqlite:///{database}"
    cached = store(url, sole_writer=True)
    play(cached, "gus", "before the lock", 1)
    said = ["before the lock", "locked 1", "locked 2", "locked 3"]
    with locked(database):
        for n, text in enumerate(said[1:], start=2):
            play(cached, "gus", text, n)  # returns: the save waits in memory
        tracker = run_on_own_loop(cached.retrieve("gus"))
        assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == said
        assert tracker.get_slot("mood") == {"level": 4}, "the conversation went on"
        assert stored_texts(database, "gus") == said[:1], "nothing written while locked"
    deadline = time.monotonic() + 60
    while stored_texts(database, "gus") != said and time.monotonic() < deadline:
        time.sleep(0.1)
    assert stored_texts(database, "gus") == said, "each message stored once, in order"
    assert as_rasa_reads_it(url, "gus") == [e.as_dict() for e in tracker.events]
    play(cached, "gus", "after the lock", 5)
    assert stored_texts(database, "gus") == [*said, "after the lock"]
