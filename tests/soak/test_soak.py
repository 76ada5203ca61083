"""Soak: 50 employees at once, 20 messages each, half over REST and half over socket.io,
against the default stack (three processes writing one SQLite file).

Afterwards the database must hold exactly what was sent: every message once and in order in
Rasa's events, and exactly one scored turn per feedback an employee received. No answer may
be an error, and nobody may be left without an answer.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import socketio
from sqlalchemy import select

from bot.rasa.channels.rest import SOMETHING_WENT_WRONG
from bot.rasa.patches.action_failsafe import COACH_UNAVAILABLE
from bot.runtime.stack import Stack
from bot.store.database import make_engine, session_factory
from bot.store.models import CoachingSession, CoachingTurn
from bot.store.rasa_events import events
from tests.scale.test_scale_out import in_own_thread

EMPLOYEES, MESSAGES_EACH = 50, 20
START = '/start_roleplay{{"scenario": "{scenario}", "difficulty": "frustrated"}}'
SCENARIOS = ["latte", "diet_coke", "theme_park", "slow_counter", "jewellery_return"]
REPLIES = [
    "Good morning! I'm so sorry, I understand how frustrating that is.",
    "Let me check on that for you right now.",
    "I'll personally sort it out, and it's on us today.",
    "Thank you so much for your patience.",
    "ok",
]
QUIET_S = 0.3  # socket.io streams its answer: it is complete after this long without more


@dataclass
class Employee:
    name: str
    channel: str
    sent: list[str] = field(default_factory=list)
    feedback: int = 0
    problems: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    ended: bool = True  # no role-play running yet

    def next_message(self, n: int) -> str:
        if self.ended:
            self.ended = False
            return START.format(scenario=SCENARIOS[n % len(SCENARIOS)])
        return REPLIES[n % len(REPLIES)]

    def heard(self, messages: list[dict[str, Any]]) -> None:
        if not messages:
            self.problems.append("no answer")
        for message in messages:
            kind = message.get("custom", {}).get("type")
            text = message.get("text") or ""
            self.feedback += kind == "reply_feedback"
            self.ended |= kind == "debrief" or "no role-play running" in text
            if text in (COACH_UNAVAILABLE, SOMETHING_WENT_WRONG):
                self.problems.append(text)


async def over_rest(url: str, employee: Employee, client: httpx.AsyncClient) -> None:
    for n in range(MESSAGES_EACH):
        text = employee.next_message(n)
        started = time.perf_counter()
        answer = await client.post(
            f"{url}/webhooks/rest/webhook", json={"sender": employee.name, "message": text}
        )
        employee.latencies.append(time.perf_counter() - started)
        employee.sent.append(text)
        if answer.status_code != 200:
            employee.problems.append(f"HTTP {answer.status_code}")
            continue
        employee.heard(answer.json())


async def over_socketio(url: str, employee: Employee) -> None:
    inbox: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
    client = socketio.AsyncClient()
    client.on("bot_uttered", inbox.put)
    confirmed = asyncio.Event()
    client.on("session_confirm", lambda *_: confirmed.set())
    await client.connect(url, socketio_path="/socket.io", transports=["polling"], wait_timeout=60)
    try:
        await client.emit("session_request", {"session_id": employee.name})
        await asyncio.wait_for(confirmed.wait(), 30)
        for n in range(MESSAGES_EACH):
            text = employee.next_message(n)
            started = time.perf_counter()
            await client.emit("user_uttered", {"message": text, "session_id": employee.name})
            employee.sent.append(text)
            answer = [await asyncio.wait_for(inbox.get(), 60)]
            employee.latencies.append(time.perf_counter() - started)
            answer += await drain(inbox, QUIET_S)
            employee.heard(answer)
        late = await drain(inbox, 2.0)  # a debrief still on its way counts too
        if late:
            employee.heard(late)
    finally:
        await client.disconnect()


async def drain(inbox: asyncio.Queue, quiet: float) -> list[dict[str, Any]]:
    messages = []
    while True:
        try:
            messages.append(await asyncio.wait_for(inbox.get(), quiet))
        except asyncio.TimeoutError:
            return messages


async def crowd(url: str) -> list[Employee]:
    tag = secrets.token_hex(3)
    employees = [
        Employee(f"soak-{tag}-{i}", "rest" if i % 2 else "socketio") for i in range(EMPLOYEES)
    ]
    limits = httpx.Limits(max_connections=EMPLOYEES)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        await asyncio.gather(*(
            over_rest(url, e, client) if e.channel == "rest" else over_socketio(url, e)
            for e in employees
        ))  # fmt: skip
    return employees


def stored(db_url: str, employee: Employee) -> tuple[list[str], int]:
    with session_factory(make_engine(db_url))() as db:
        said = db.execute(
            select(events.c.data)
            .where(events.c.sender_id == employee.name, events.c.type_name == "user")
            .order_by(events.c.id)
        ).scalars()
        texts = [json.loads(data)["text"] for data in said]
        turns = db.execute(
            select(CoachingTurn.id)
            .join(CoachingSession, CoachingSession.id == CoachingTurn.session_id)
            .where(CoachingSession.employee == employee.name)
        ).all()
    return texts, len(turns)


def test_50_employees_20_messages_each_over_rest_and_socketio_lose_nothing(
    stack: Stack, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.perf_counter()
    employees = in_own_thread(crowd(stack.settings.rasa_url))
    elapsed = time.perf_counter() - started
    latencies = sorted(x for e in employees for x in e.latencies)
    sent = sum(len(e.sent) for e in employees)
    turns = sum(e.feedback for e in employees)
    with capsys.disabled():
        print(f"\nSoak: {EMPLOYEES} employees, {sent} messages ({turns} scored turns) in "
              f"{elapsed:.1f} s = {sent / elapsed:.1f} msg/s; latency p50 "
              f"{statistics.median(latencies) * 1000:.0f} ms, p95 "
              f"{latencies[int(len(latencies) * 0.95)] * 1000:.0f} ms")  # fmt: skip
    problems = {e.name: e.problems for e in employees if e.problems}
    assert problems == {}, "every message answered, none with an error"
    for employee in employees:
        said, stored_turns = stored(stack.settings.db_url, employee)
        assert said == employee.sent, f"{employee.name}: each message stored once, in order"
        assert stored_turns == employee.feedback, f"{employee.name}: one row per scored turn"
