"""The caching tracker store reads and writes exactly what Rasa's SQL store does.

Two stores on one SQLite file stand in for two Rasa servers behind a load balancer.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa.tracker_store import CachedSQLTrackerStore
from tests.own_loop import run_on_own_loop

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
intents: [greet]
slots:
  mood:
    type: any
    mappings: [{type: custom}]
"""
)


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'trackers.db'}"


def store(url: str, kind: type = CachedSQLTrackerStore, **kwargs) -> SQLTrackerStore:
    return kind(domain=DOMAIN, host=url, **kwargs)


def turn(tracker: DialogueStateTracker, text: str, mood: int) -> None:
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    tracker.update(SlotSet("mood", {"level": mood}))
    tracker.update(BotUttered(f"answer to {text}"))
    tracker.update(ActionExecuted("action_listen"))


def play(kept: SQLTrackerStore, sender: str, text: str, mood: int) -> None:
    tracker = run_on_own_loop(kept.get_or_create_tracker(sender))
    turn(tracker, text, mood)
    run_on_own_loop(kept.save(tracker))


def as_rasa_reads_it(url: str, sender: str) -> list[dict]:
    tracker = run_on_own_loop(store(url, SQLTrackerStore).retrieve(sender))
    return [event.as_dict() for event in tracker.events]


def stored_rows(url: str, sender: str) -> int:
    tracker = run_on_own_loop(store(url, SQLTrackerStore).retrieve_full_tracker(sender))
    return len(tracker.events)


SOLE_OR_SHARED = pytest.mark.parametrize("sole_writer", [True, False], ids=["sole", "shared"])


@SOLE_OR_SHARED
def test_each_message_is_stored_once_and_read_back_as_rasa_reads_it(
    url: str, sole_writer: bool
) -> None:
    cached = store(url, sole_writer=sole_writer)
    for n in range(4):
        play(cached, "ana", f"message {n}", n)
    tracker = run_on_own_loop(cached.retrieve("ana"))
    assert [e.as_dict() for e in tracker.events] == as_rasa_reads_it(url, "ana")
    assert stored_rows(url, "ana") == len(tracker.events) == 1 + 4 * 4
    assert tracker.get_slot("mood") == {"level": 3}


def test_a_conversation_moved_on_by_another_server_is_reloaded(url: str) -> None:
    first, second = store(url), store(url)
    play(first, "ben", "hello", 1)
    play(second, "ben", "still there?", 2)  # the load balancer sent this one elsewhere
    play(first, "ben", "back again", 3)
    tracker = run_on_own_loop(first.retrieve("ben"))
    assert [e.text for e in tracker.events if isinstance(e, UserUttered)] == [
        "hello", "still there?", "back again",
    ]  # fmt: skip
    assert stored_rows(url, "ben") == len(tracker.events), "nothing written twice"


@SOLE_OR_SHARED
def test_a_new_session_is_read_from_its_start_like_rasa(url: str, sole_writer: bool) -> None:
    cached = store(url, sole_writer=sole_writer)
    play(cached, "cleo", "first role-play", 1)
    tracker = run_on_own_loop(cached.retrieve("cleo"))
    tracker.update(SessionStarted())
    tracker.update(SlotSet("mood", {"level": 1}))
    tracker.update(ActionExecuted("action_listen"))
    run_on_own_loop(cached.save(tracker))
    play(cached, "cleo", "second role-play", 2)
    events = [e.as_dict() for e in run_on_own_loop(cached.retrieve("cleo")).events]
    assert events == as_rasa_reads_it(url, "cleo")
    assert events[0]["event"] == "session_started"
    assert stored_rows(url, "cleo") == 1 + 4 + 3 + 4


@SOLE_OR_SHARED
def test_more_conversations_than_it_keeps_stay_correct(url: str, sole_writer: bool) -> None:
    cached = store(url, conversations_kept=2, sole_writer=sole_writer)
    for round_ in range(3):
        for sender in ("d1", "d2", "d3"):
            play(cached, sender, f"{sender} round {round_}", round_)
    for sender in ("d1", "d2", "d3"):
        assert [
            e.as_dict() for e in run_on_own_loop(cached.retrieve(sender)).events
        ] == as_rasa_reads_it(url, sender)
    assert len(cached._sessions) <= 2


def test_an_unknown_conversation_is_none(url: str) -> None:
    assert run_on_own_loop(store(url).retrieve("nobody")) is None


@SOLE_OR_SHARED
def test_a_session_started_at_the_same_instant_as_the_last_action_reads_like_rasa(
    url: str, sole_writer: bool
) -> None:
    cached = store(url, sole_writer=sole_writer)
    play(cached, "eli", "before", 1)
    tracker = run_on_own_loop(cached.retrieve("eli"))
    now = time.time()
    tracker.update(ActionExecuted("action_roleplay_debrief", timestamp=now))
    tracker.update(SessionStarted(timestamp=now))
    tracker.update(ActionExecuted("action_listen", timestamp=now))
    run_on_own_loop(cached.save(tracker))
    play(cached, "eli", "after", 2)
    assert [
        e.as_dict() for e in run_on_own_loop(cached.retrieve("eli")).events
    ] == as_rasa_reads_it(url, "eli")


@SOLE_OR_SHARED
def test_a_new_conversation_is_stored_without_counting_or_reloading_its_events(
    url: str, sole_writer: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached = store(url, sole_writer=sole_writer)
    reads: list[str] = []
    rasas_query = CachedSQLTrackerStore._event_query

    def counted(self, session, sender_id, fetch_all):  # type: ignore[no-untyped-def]
        reads.append(sender_id)
        return rasas_query(self, session, sender_id, fetch_all)

    monkeypatch.setattr(CachedSQLTrackerStore, "_event_query", counted)
    tracker = run_on_own_loop(cached.get_or_create_tracker("fay"))  # Rasa saves it once at creation
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    turn(tracker, "first words", 1)
    run_on_own_loop(cached.save(tracker))
    play(cached, "fay", "second words", 2)
    assert reads == [], "nothing counted or read back for a conversation this store began"
    events = [e.as_dict() for e in run_on_own_loop(cached.retrieve("fay")).events]
    assert events == as_rasa_reads_it(url, "fay")
    assert [e["text"] for e in events if e["event"] == "user"] == ["first words", "second words"]
