"""With sign-in on (EMPLOYEE_AUTH=oidc), nobody acts as someone else: the socket.io channel
serves only a valid widget token's employee, REST only a server with the bearer token, and
every forgery is refused with nothing written for the person it names."""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import httpx
import pytest
import socketio
from sqlalchemy import func, select

from bot import widget_token
from bot.rasa.channels.socketio import SIGN_IN_AGAIN
from bot.runtime.stack import Stack
from bot.store.database import make_engine
from bot.store.models import CoachingSession
from bot.store.rasa_events import events
from tests.conftest import REST_BEARER
from tests.own_loop import run_on_own_loop

START = '/start_roleplay{"scenario": "latte", "difficulty": "calm", "seed": "3"}'


def written_for(stack: Stack, sender: str) -> int:
    """Rasa events and role-plays stored under `sender`."""
    engine = make_engine(stack.settings.db_url)
    try:
        with engine.connect() as db:
            tracked = db.scalar(select(func.count()).where(events.c.sender_id == sender))
            played = db.scalar(select(func.count()).where(CoachingSession.employee == sender))
    finally:
        engine.dispose()
    return (tracked or 0) + (played or 0)


def eventually_written_for(stack: Stack, sender: str, timeout: float = 20) -> int:
    """What is stored under `sender` once the turn's events are saved (just after its answer)."""
    deadline = time.monotonic() + timeout
    while (found := written_for(stack, sender)) == 0 and time.monotonic() < deadline:
        time.sleep(0.2)
    return found


def token_for(stack: Stack, employee: str, **kwargs: Any) -> str:
    return widget_token.mint(stack.settings.widget_token_secret, employee, **kwargs)


class Widget:
    """A socket.io client as the widget is one: the token in `auth`, then a session."""

    def __init__(self) -> None:
        self.client = socketio.AsyncClient()
        self.heard: asyncio.Queue[Any] = asyncio.Queue()
        for name in ("bot_uttered", "session_confirm", "session_refused"):
            self.client.on(name, self._recorder(name))

    def _recorder(self, name: str) -> Any:
        async def record(data: Any = None) -> None:
            await self.heard.put((name, data))

        return record

    async def connect(self, stack: Stack, token: str | None, wait_s: float = 30) -> None:
        """python-socketio raises on a refused connection once `wait_s` runs out."""
        await self.client.connect(
            stack.settings.rasa_url, socketio_path="/socket.io", transports=["polling"],
            auth={"token": token} if token is not None else None, wait_timeout=wait_s,
        )  # fmt: skip

    async def next(self, timeout: float = 60) -> tuple[str, Any]:
        return await asyncio.wait_for(self.heard.get(), timeout)


async def refused_at_connect(stack: Stack, token: str | None) -> bool:
    widget = Widget()
    try:
        await widget.connect(stack, token, wait_s=8)
    except socketio.exceptions.ConnectionError as error:
        return "namespaces failed to connect" in str(error)  # the server said no
    await widget.client.disconnect()
    return False


def test_a_connection_without_a_valid_token_is_refused(signed_in_stack: Stack) -> None:
    victim = f"victim-{uuid.uuid4().hex[:6]}"
    forged = {
        "none": None,
        "expired": token_for(signed_in_stack, victim, now=time.time() - 3600),
        "other key": widget_token.mint("another-key-that-is-long-enough-0000", victim),
        "minted for a week": token_for(signed_in_stack, victim, lifetime_s=7 * 24 * 3600),
        "not a JWT": victim,
    }

    async def attempt_all() -> list[bool]:  # at once: each refused client takes a while to close
        return await asyncio.gather(
            *(refused_at_connect(signed_in_stack, t) for t in forged.values())
        )

    assert dict(zip(forged, run_on_own_loop(attempt_all()), strict=True)) == dict.fromkeys(
        forged, True
    )
    assert written_for(signed_in_stack, victim) == 0


def test_a_token_for_one_employee_cannot_open_or_write_another_conversation(
    signed_in_stack: Stack,
) -> None:
    ana, victim = f"ana-{uuid.uuid4().hex[:6]}", f"ben-{uuid.uuid4().hex[:6]}"

    async def forge() -> list[tuple[str, Any]]:
        widget = Widget()
        await widget.connect(signed_in_stack, token_for(signed_in_stack, ana))
        try:
            await widget.client.emit("session_request", {"session_id": victim})
            first = await widget.next()
            await widget.client.emit("user_uttered", {"message": START, "session_id": victim})
            second = await widget.next()
            return [first, second]
        finally:
            await widget.client.disconnect()

    refused, answered = run_on_own_loop(forge())
    assert refused == ("session_refused", SIGN_IN_AGAIN)
    assert answered == ("bot_uttered", {"text": SIGN_IN_AGAIN})
    assert written_for(signed_in_stack, victim) == 0
    assert written_for(signed_in_stack, ana) == 0


def test_the_tokens_employee_practises_in_their_own_conversation(
    signed_in_stack: Stack,
) -> None:
    ana = f"ana-{uuid.uuid4().hex[:6]}"

    async def practise() -> list[tuple[str, Any]]:
        widget = Widget()
        await widget.connect(signed_in_stack, token_for(signed_in_stack, ana))
        try:
            await widget.client.emit("session_request", {"session_id": ana})
            confirmed = await widget.next()
            await widget.client.emit("user_uttered", {"message": START})  # no id: the token's
            return [confirmed, await widget.next()]
        finally:
            await widget.client.disconnect()

    confirmed, answer = run_on_own_loop(practise())
    assert confirmed == ("session_confirm", ana)
    assert answer[0] == "bot_uttered" and answer[1] != {"text": SIGN_IN_AGAIN}
    assert eventually_written_for(signed_in_stack, ana) > 0


@pytest.mark.parametrize("header", [None, "Bearer wrong-token-of-some-length", REST_BEARER])
def test_rest_needs_the_servers_bearer_token(signed_in_stack: Stack, header) -> None:
    sender = f"rest-{uuid.uuid4().hex[:6]}"
    headers = {"Authorization": f"Bearer {header}" if header == REST_BEARER else header}
    answer = httpx.post(
        f"{signed_in_stack.settings.rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": "hi"},
        headers={k: v for k, v in headers.items() if v},
        timeout=60,
    )
    if header == REST_BEARER:
        assert answer.status_code == 200 and answer.json()
        assert eventually_written_for(signed_in_stack, sender) > 0
    else:
        assert answer.status_code == 401
        assert "REST_BEARER_TOKEN" in answer.json()["error"]
        assert written_for(signed_in_stack, sender) == 0


def test_the_web_app_gives_no_widget_token_to_someone_not_signed_in(
    signed_in_stack: Stack,
) -> None:
    answer = httpx.get(f"{signed_in_stack.settings.web_url}/auth/widget-token")
    assert answer.status_code == 401
    assert answer.json() == {"error": "Sign in first."}
