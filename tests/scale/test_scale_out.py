"""Two Rasa servers and two action servers behind nginx, on PostgreSQL and Redis, under 40
employees playing whole role-plays at once, and with one Rasa server killed mid-load."""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx
import pytest
from sqlalchemy import select

from bot.store.database import make_engine, session_factory
from bot.store.models import CoachingSession, CoachingTurn
from bot.store.rasa_events import events
from tests.scale.cluster import Cluster

EMPLOYEES = 40
T = TypeVar("T")
REPLIES = [
    "ok",
    "I'm so sorry, I understand how frustrating that is.",
    "Let me check on that for you.",
    "I hear you, thank you for your patience.",
    "I'll personally remake it with oat milk right now, it's on us.",
]


@dataclass
class Employee:
    name: str
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def play(url: str, employee: Employee, client: httpx.AsyncClient, pause: float) -> None:
    start = '/start_roleplay{"scenario": "slow_counter", "difficulty": "furious", "seed": "5"}'
    for text in [start, *REPLIES, "stop"]:
        try:
            answer = await client.post(
                f"{url}/webhooks/rest/webhook", json={"sender": employee.name, "message": text}
            )
            answer.raise_for_status()
            assert answer.json(), "every message gets an answer"
            employee.sent.append(text)
        except (httpx.HTTPError, AssertionError) as error:
            employee.failed.append(text)
            employee.errors.append(repr(error)[:120])
        await asyncio.sleep(pause)


async def crowd(url: str, prefix: str, pause: float = 0.0, during=None) -> list[Employee]:
    employees = [Employee(f"{prefix}-{i}-{secrets.token_hex(3)}") for i in range(EMPLOYEES)]
    async with httpx.AsyncClient(timeout=120, limits=httpx.Limits(max_connections=80)) as client:
        tasks = [play(url, e, client, pause) for e in employees]
        if during is not None:
            tasks.append(during())
        await asyncio.gather(*tasks)
    return employees


def in_own_thread(coroutine: Coroutine[Any, Any, T]) -> T:
    """Playwright's sync API may already run an event loop on this thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def run_load(*args, **kwargs) -> list[Employee]:
    return in_own_thread(crowd(*args, **kwargs))


def stored(cluster: Cluster, employee: Employee) -> tuple[list[str], list[CoachingTurn]]:
    with session_factory(make_engine(cluster.db_url))() as db:
        said = (
            db.execute(
                select(events.c.data)
                .where(events.c.sender_id == employee.name, events.c.type_name == "user")
                .order_by(events.c.id)
            )
            .scalars()
            .all()
        )
        [session] = (
            db.execute(select(CoachingSession).where(CoachingSession.employee == employee.name))
            .scalars()
            .all()
        )
        turns = (
            db.execute(
                select(CoachingTurn)
                .where(CoachingTurn.session_id == session.id)
                .order_by(CoachingTurn.id)
            )
            .scalars()
            .all()
        )
    return [json.loads(d)["text"] for d in said], list(turns)


def test_every_turn_of_40_concurrent_role_plays_is_stored_once_in_order(
    cluster: Cluster, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.perf_counter()
    employees = run_load(cluster.url, "load")
    elapsed = time.perf_counter() - started
    messages = sum(len(e.sent) for e in employees)
    with capsys.disabled():
        print(f"\nScale-out: {EMPLOYEES} employees, {messages} messages in {elapsed:.1f} s "
              f"through 2 Rasa servers ({messages / elapsed:.1f} msg/s)")  # fmt: skip
    assert [e.failed for e in employees] == [[]] * EMPLOYEES
    for employee in employees:
        said, turns = stored(cluster, employee)
        assert said == employee.sent, "the tracker holds each message once, in order"
        assert [t.turn for t in turns] == list(range(1, len(REPLIES) + 1))
        assert [t.reply for t in turns] == REPLIES


def test_conversations_go_on_when_one_rasa_server_dies_mid_load(
    cluster: Cluster, capsys: pytest.CaptureFixture[str]
) -> None:
    """Known gap (docs/deployment.md): a conversation whose lock the dead server held can
    lose one more request, which waits behind that lock; so the bound checked is the
    number of requests that can be in flight, not one per conversation."""
    victim = cluster.rasa[0]

    async def kill_one() -> None:
        await asyncio.sleep(1.5)
        victim.stop(grace=0)

    try:
        employees = run_load(cluster.url, "failover", pause=0.3, during=kill_one)
        again = [Employee(e.name) for e in employees]
        in_own_thread(_say_hi(cluster.url, again))
    finally:
        victim.start()
        victim.wait_ready(300)
    failures = [text for e in employees for text in e.failed]
    with capsys.disabled():
        print(f"\nFailover: {len(failures)} of {EMPLOYEES * 7} requests failed when rasa0 died")
    assert len(failures) <= EMPLOYEES, "no more failures than requests in flight at the kill"
    assert [e.failed for e in again] == [[]] * EMPLOYEES, "every conversation goes on"
    for employee in employees:
        said, turns = stored(cluster, employee)
        assert len(said) <= len(employee.sent) + len(employee.failed) + 1, "nothing stored twice"
        assert [t.turn for t in turns] == list(range(1, len(turns) + 1)), "turns in order"


async def _say_hi(url: str, employees: list[Employee]) -> None:
    async with httpx.AsyncClient(timeout=120) as client:
        for employee in employees:
            try:
                answer = await client.post(
                    f"{url}/webhooks/rest/webhook", json={"sender": employee.name, "message": "hi"}
                )
                answer.raise_for_status()
                assert answer.json()
            except (httpx.HTTPError, AssertionError) as error:
                employee.failed.append("hi")
                employee.errors.append(repr(error)[:120])
