"""The real database unavailable mid-role-play: the SQLite file locked by another connection
while the employee plays on. Every reply still gets the customer's answer and its score,
and once the lock is gone every message and every scored turn is stored once, in order.

Starts a stack of its own (its database is locked on purpose), once for the module.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.runtime.stack import Stack
from bot.settings import load_settings
from bot.store.database import prepare_database
from tests.conftest import stack_environment
from tests.rasa_client import RasaClient
from tests.sqlite_lock import locked, stored_texts, stored_turns

START = '/start_roleplay{"scenario": "latte", "difficulty": "frustrated", "seed": "11"}'
BEFORE = "I'm so sorry about that."
WHILE_LOCKED = ["I understand how frustrating that is.", "Which milk did you ask for?"]
AFTER = "Here you go, thank you so much for your patience!"


@pytest.fixture(scope="module")
def outage_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    folder = tmp_path_factory.mktemp("outage")
    settings = load_settings(stack_environment(folder / "coach.db"), folder / "no.env")
    prepare_database(settings.db_url)
    running = Stack(settings=settings)
    running.start()
    yield running
    running.stop()


def feedback(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m["custom"] for m in messages if m.get("custom", {}).get("type") == "reply_feedback"]


def customer_lines(messages: list[dict[str, Any]]) -> list[str]:
    return [m["text"] for m in messages if m.get("text", "").startswith("Jordan: ")]


def stored(database: Path, sender: str) -> tuple[list[str], list[tuple[int, str]]]:
    """What the database holds: the employee's messages, and the scored turns."""
    return stored_texts(database, sender), stored_turns(database, sender)


def test_a_locked_database_costs_the_employee_nothing(outage_stack: Stack) -> None:
    rasa = RasaClient(outage_stack.settings.rasa_url, outage_stack.settings.rasa_auth_token)
    database = Path(outage_stack.settings.db_url.removeprefix("sqlite:///"))
    sender = "outage-sam"
    assert customer_lines(rasa.send(sender, START))
    [first] = feedback(rasa.send(sender, BEFORE))
    with locked(database):
        for number, reply in enumerate(WHILE_LOCKED, start=2):
            answer = rasa.send(sender, reply)
            assert customer_lines(answer), f"the customer answers while locked: {answer}"
            assert [f["turn"] for f in feedback(answer)] == [number], "and the reply is scored"
        assert stored(database, sender)[1] == [(1, BEFORE)], "written only later"

    replies = [BEFORE, *WHILE_LOCKED]
    expected = ([START, *replies], list(enumerate(replies, start=1)))
    deadline = time.monotonic() + 90
    while stored(database, sender) != expected and time.monotonic() < deadline:
        time.sleep(0.2)  # the waiting writes go through by themselves
    assert stored(database, sender) == expected, "each message and turn stored once, in order"

    [after] = feedback(rasa.send(sender, AFTER))
    assert after["turn"] == first["turn"] + 3, "the same role-play goes on"
    texts, turns = stored(database, sender)
    assert texts == [START, *replies, AFTER] and turns[-1] == (4, AFTER)
