"""PostgreSQL stopped for a few seconds. Under two Rasa servers every message gets an answer
(at worst a friendly "please send that again"), nothing is stored twice or out of order, and
every role-play goes on once the database is back. Under one Rasa server (the default shape,
here on the cluster's PostgreSQL) the employee plays on meanwhile, and every message and turn
is stored once, in order, when it is back."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.rasa.channels.rest import SOMETHING_WENT_WRONG
from bot.runtime.stack import Stack
from bot.settings import load_settings
from tests.conftest import stack_environment
from tests.scale.cluster import Cluster
from tests.scale.test_scale_out import REPLIES, Employee, stored

START = '/start_roleplay{"scenario": "slow_counter", "difficulty": "furious", "seed": "9"}'
EMPLOYEES = 6


def say(client: httpx.Client, employee: Employee, text: str) -> list[dict]:
    answer = client.post("/webhooks/rest/webhook", json={"sender": employee.name, "message": text})
    assert answer.status_code == 200, answer.text
    messages = answer.json()
    assert messages, "never silent"
    return messages


def scored(messages: list[dict]) -> bool:
    return any(m.get("custom", {}).get("type") == "reply_feedback" for m in messages)


@pytest.fixture
def client(cluster: Cluster) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=cluster.url, timeout=60) as http:
        yield http


@pytest.fixture
def alone(cluster: Cluster, tmp_path: Path) -> Iterator[httpx.Client]:
    """One Rasa and one action server of their own (in-memory lock store) on the cluster's
    PostgreSQL: `make run` with DB_URL pointing at PostgreSQL."""
    environment = {**stack_environment(tmp_path / "unused.db"), "DB_URL": cluster.db_url}
    single = Stack(settings=load_settings(environment, dotenv_path=tmp_path / "none.env"))
    del single.services["web"]
    single.start()
    try:
        with httpx.Client(base_url=single.settings.rasa_url, timeout=60) as http:
            yield http
    finally:
        single.stop()


def test_postgres_down_for_a_few_seconds_loses_nothing_kept(
    cluster: Cluster, client: httpx.Client
) -> None:
    employees = [Employee(f"pg-down-{i}-{time.monotonic_ns()}") for i in range(EMPLOYEES)]
    for employee in employees:
        for text in (START, REPLIES[1]):
            assert say(client, employee, text)
            employee.sent.append(text)
    cluster.pause_postgres()
    try:
        for employee in employees:  # alternately to both Rasa servers, through nginx
            messages = say(client, employee, REPLIES[2])
            if scored(messages):
                employee.sent.append(REPLIES[2])
            else:
                assert [m.get("text") for m in messages] == [SOMETHING_WENT_WRONG]
                employee.failed.append(REPLIES[2])
        time.sleep(3)  # a few seconds down
    finally:
        cluster.resume_postgres()

    for employee in employees:
        assert scored(say(client, employee, REPLIES[3])), "the role-play goes on"
        employee.sent.append(REPLIES[3])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(stored(cluster, e)[0] != e.sent for e in employees):
        time.sleep(0.5)  # writes waiting in a server's memory go through by themselves
    for employee in employees:
        said, turns = stored(cluster, employee)
        assert said == employee.sent, "each message answered as a turn stored once, in order"
        expected = list(enumerate(employee.sent[1:], start=1))
        assert [(t.turn, t.reply) for t in turns] == expected, "one scored turn per reply"


def test_postgres_down_under_one_rasa_server_costs_the_employee_nothing(
    cluster: Cluster, alone: httpx.Client
) -> None:
    employee = Employee(f"pg-alone-{time.monotonic_ns()}")
    for text in (START, REPLIES[1]):
        assert say(alone, employee, text)
        employee.sent.append(text)
    cluster.pause_postgres()
    try:
        for text in REPLIES[2:4]:
            messages = say(alone, employee, text)
            assert scored(messages), f"the customer answers and the reply is scored: {messages}"
            employee.sent.append(text)
        time.sleep(3)  # a few seconds down
    finally:
        cluster.resume_postgres()
    assert scored(say(alone, employee, REPLIES[4]))
    employee.sent.append(REPLIES[4])
    replies = len(employee.sent) - 1
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(stored(cluster, employee)[1]) < replies:
        time.sleep(0.5)  # the writes waiting in memory go through by themselves
    said, turns = stored(cluster, employee)
    assert said == employee.sent, "each message stored once, in order"
    expected = list(enumerate(employee.sent[1:], start=1))
    assert [(t.turn, t.reply) for t in turns] == expected, "one scored turn per reply"
