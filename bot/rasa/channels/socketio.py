"""Rasa's socket.io channel with the fixes the widget needs.

1. Rasa 3.6's socket.io output passes a custom payload's keys straight to `emit` as keyword
   arguments, so `{"type": "reply_feedback", ...}` fails there. Here the payload travels as
   `{"custom": {...}}` in the bot message event, as the REST channel returns it.
2. Its `session_request` handler calls `AsyncServer.enter_room` without `await`
   (RasaHQ/rasa#13027); since python-socketio made that a coroutine, a persistent session
   never joins its room and the bot's answers reach nobody. The handler is replaced with one
   that awaits it.
3. As on the REST channel, empty, over-long and too-fast messages get a friendly answer
   instead of reaching the bot (bot.messages.inbound, bot.rate_limit).
4. As on the REST channel, if the bot fails (its database unreachable, say), the employee is
   told so instead of hearing nothing.
5. Buttons keep every key the bot gave them (Rasa's output keeps only title and payload),
   so the scenario picker's summaries, essays and difficulties reach the widget.
6. With EMPLOYEE_AUTH links or oidc, a connection needs a widget token (bot/widget_token.py)
   and its conversation is the token's subject: a session id the browser sends must be that
   subject, or the session and its messages are refused and nothing reaches the bot. Rasa's
   own `jwt_key` only checks the token, and takes the conversation id from the browser.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint

from bot.messages.inbound import clean
from bot.rate_limit import SLOW_DOWN, RateLimiter
from bot.settings import Settings, load_settings
from bot.widget_token import subject

from .rest import SOMETHING_WENT_WRONG  # relative: the channels move together

logger = logging.getLogger(__name__)

SIGN_IN_AGAIN = "Your sign-in is not valid for this conversation. Reload the page to sign in again."


class CoachSocketIOOutput(SocketIOOutput):
    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        await self._send_message(recipient_id, {"custom": json_message})

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """As Rasa's: text split at blank lines, the buttons on the last part; but each
        button whole."""
        parts = text.strip().split("\n\n") or [text]
        for part in parts[:-1]:
            await self._send_message(recipient_id, {"text": part, "quick_replies": []})
        replies = [{"content_type": "text", **button} for button in buttons]
        await self._send_message(recipient_id, {"text": parts[-1], "quick_replies": replies})


class CoachSocketIOInput(SocketIOInput):
    """Same name, path and settings as Rasa's `socketio` channel; only the output differs."""

    limiter: RateLimiter | None = None
    settings: Settings | None = None

    def _settings(self) -> Settings:
        if self.settings is None:
            self.settings = load_settings()
        return self.settings

    def get_output_channel(self) -> CoachSocketIOOutput | None:
        if self.sio is None:
            return None
        return CoachSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def answer_with_coach_output(message: UserMessage) -> None:
            assert self.sio is not None
            output = CoachSocketIOOutput(self.sio, self.bot_message_evt)
            message.output_channel = output
            notice = self._refusal(message)
            if notice is not None:
                await output.send_text_message(message.sender_id, notice)
                return
            try:
                await on_new_message(message)
            except Exception:  # the employee must hear back whatever broke
                logger.exception("socket.io message from %s failed", message.sender_id)
                await output.send_text_message(message.sender_id, SOMETHING_WENT_WRONG)

        blueprint = super().blueprint(answer_with_coach_output)
        self._replace_session_request()
        if self._settings().signed_in_only:
            self._require_tokens(answer_with_coach_output)
        return blueprint

    def _refusal(self, message: UserMessage) -> str | None:
        """As on REST: a friendly answer instead of the bot for empty, over-long or too
        fast messages; otherwise the message's text is cleaned in place."""
        if self.limiter is None:
            settings = self._settings()
            per_minute = settings.rate_limit_per_minute or float("inf")
            self.limiter = RateLimiter(per_minute, max(1, settings.rate_limit_burst))
        if not self.limiter.allow(str(message.sender_id)):
            return SLOW_DOWN
        inbound = clean(message.text if isinstance(message.text, str) else "")
        message.text = inbound.text
        return inbound.notice

    def _replace_session_request(self) -> None:
        sio = self.sio
        assert sio is not None

        async def session_request(sid: str, data: dict[str, Any] | None) -> None:
            session_id = (data or {}).get("session_id") or uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        sio.on("session_request", handler=session_request, namespace=self.namespace)

    def _require_tokens(self, answer: Callable[[UserMessage], Awaitable[Any]]) -> None:
        """Sign-in on: the connection's employee comes from its token, checked at connect;
        session requests and messages for any other conversation are refused."""
        sio = self.sio
        assert sio is not None
        secret = self._settings().widget_token_secret

        async def connect(sid: str, environ: dict, auth: dict[str, Any] | None) -> bool:
            employee = subject((auth or {}).get("token"), secret)
            if employee is None:
                logger.info("socket.io connection refused: no valid widget token")
                return False
            await sio.save_session(sid, {"employee": employee}, namespace=self.namespace)
            return True

        async def employee_of(sid: str, data: Any) -> str | None:
            """The token's subject, if the browser asked for no other conversation."""
            employee = (await sio.get_session(sid, namespace=self.namespace)).get("employee")
            asked = data.get("session_id") if isinstance(data, dict) else None
            return employee if asked in (None, "", employee) else None

        async def session_request(sid: str, data: dict[str, Any] | None) -> None:
            employee = await employee_of(sid, data)
            if employee is None:
                await sio.emit("session_refused", SIGN_IN_AGAIN, room=sid)
                return
            await sio.enter_room(sid, employee)
            await sio.emit("session_confirm", employee, room=sid)

        async def handle_message(sid: str, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            employee = await employee_of(sid, data)
            output = CoachSocketIOOutput(sio, self.bot_message_evt)
            if employee is None:
                logger.warning("socket.io message for another conversation refused")
                await sio.emit(self.bot_message_evt, {"text": SIGN_IN_AGAIN}, room=sid)
                return
            metadata = data.get(self.metadata_key)
            message = UserMessage(
                str(data.get("message", "")), output, employee, input_channel=self.name(),
                metadata=metadata if isinstance(metadata, dict) else None,
            )  # fmt: skip
            await answer(message)

        sio.on("connect", handler=connect, namespace=self.namespace)
        sio.on("session_request", handler=session_request, namespace=self.namespace)
        sio.on(self.user_message_evt, handler=handle_message, namespace=self.namespace)
