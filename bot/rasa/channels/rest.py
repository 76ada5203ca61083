"""Rasa's REST channel, made strict about its input and never silent.

`POST /webhooks/rest/webhook {"sender": "...", "message": "...", "metadata": {...}}`. A body
that is not JSON, not UTF-8 or has wrong types gets a 400 naming the problem (Rasa's own
channel answered some of these with a 500, or as sender "default"). Empty and over-long
messages get a friendly answer without reaching the bot (bot.messages.inbound), a sender
going too fast gets a 429, and if the bot fails or says nothing, the employee is told so.

With EMPLOYEE_AUTH links or oidc the sender is whoever the caller says, so only a server
holding REST_BEARER_TOKEN (`Authorization: Bearer ...`) may call; anyone else gets 401.
"""

from __future__ import annotations

import hmac
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.messages.inbound import clean, has_control_characters
from bot.rate_limit import SLOW_DOWN, RateLimiter
from bot.settings import load_settings

logger = logging.getLogger(__name__)

MAX_SENDER_CHARS = 255  # Rasa's events.sender_id column
SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on my side. Your practice is saved: please send that again."
)
NO_ANSWER = 'I\'m not sure what to say to that. Say "help" to see what I can do.'
NEEDS_BEARER = (
    "This REST channel is for servers: send Authorization: Bearer <REST_BEARER_TOKEN>. "
    "Employees practise in the widget after signing in."
)


class BadRequest(ValueError):
    """The body is unusable; the message says why, for the 400 answer."""


def read_body(raw: bytes) -> tuple[str, str, dict[str, Any] | None]:
    """The sender, message and metadata of a REST body, or BadRequest naming the fault."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise BadRequest("The body must be UTF-8 encoded JSON.") from None
    except ValueError:
        raise BadRequest(
            'The body must be JSON like {"sender": "ana", "message": "hello"}.'
        ) from None
    if not isinstance(body, dict):
        raise BadRequest('The body must be a JSON object with "sender" and "message".')
    sender, message, metadata = body.get("sender"), body.get("message"), body.get("metadata")
    if not isinstance(sender, str) or not sender.strip():
        raise BadRequest('"sender" must be a non-empty string naming the conversation.')
    if len(sender) > MAX_SENDER_CHARS or has_control_characters(sender):
        raise BadRequest(f'"sender" must be at most {MAX_SENDER_CHARS} printable characters.')
    if not isinstance(message, str):
        raise BadRequest('"message" must be a string (the text the employee typed).')
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequest('"metadata", when given, must be a JSON object.')
    return sender, message, metadata


class CoachRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def __init__(self) -> None:
        settings = load_settings()
        # None: open to anyone (EMPLOYEE_AUTH=open); "": closed (no token set).
        self.bearer = (settings.rest_bearer_token or "") if settings.signed_in_only else None
        self.limiter = (
            RateLimiter(settings.rate_limit_per_minute, max(1, settings.rate_limit_burst))
            if settings.rate_limit_per_minute
            else None
        )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("coach_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self.caller_allowed(request):
                return response.json({"error": NEEDS_BEARER}, status=401)
            try:
                sender, text, metadata = read_body(request.body)
            except BadRequest as problem:
                return response.json({"error": str(problem)}, status=400)
            if self.limiter is not None and not self.limiter.allow(sender):
                return response.json([say(sender, SLOW_DOWN)], status=429)
            inbound = clean(text)
            if inbound.notice is not None:
                return response.json([say(sender, inbound.notice)])
            return response.json(await self._answer(on_new_message, sender, inbound, metadata))

        return webhook

    def caller_allowed(self, request: Request) -> bool:
        if self.bearer is None:
            return True
        given = request.headers.get("Authorization", "")
        expected = f"Bearer {self.bearer}"
        return bool(self.bearer) and hmac.compare_digest(given.encode(), expected.encode())

    async def _answer(
        self, on_new_message: Callable, sender: str, inbound: Any, metadata: Any
    ) -> list[dict[str, Any]]:
        collector = CollectingOutputChannel()
        message = UserMessage(
            inbound.text, collector, sender, input_channel=self.name(), metadata=metadata
        )
        try:
            await on_new_message(message)
        except Exception:  # the employee must hear back whatever broke
            logger.exception("REST message from %s failed", sender)
            return [say(sender, SOMETHING_WENT_WRONG)]
        return collector.messages or [say(sender, NO_ANSWER)]


def say(sender: str, text: str) -> dict[str, Any]:
    return {"recipient_id": sender, "text": text}
