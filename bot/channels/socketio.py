"""Rasa's socket.io channel with two fixes the widget needs.

1. Rasa 3.6's socket.io output passes a custom payload's keys straight to `emit` as keyword
   arguments, so `{"type": "reply_feedback", ...}` fails there. Here the payload travels as
   `{"custom": {...}}` in the bot message event, as the REST channel returns it.
2. Its `session_request` handler calls `AsyncServer.enter_room` without `await`
   (RasaHQ/rasa#13027); since python-socketio made that a coroutine, a persistent session
   never joins its room and the bot's answers reach nobody. The handler is replaced with one
   that awaits it.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput, SocketIOOutput
from sanic import Blueprint


class CoachSocketIOOutput(SocketIOOutput):
    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        await self._send_message(recipient_id, {"custom": json_message})


class CoachSocketIOInput(SocketIOInput):
    """Same name, path and settings as Rasa's `socketio` channel; only the output differs."""

    def get_output_channel(self) -> CoachSocketIOOutput | None:
        if self.sio is None:
            return None
        return CoachSocketIOOutput(self.sio, self.bot_message_evt)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        async def answer_with_coach_output(message: UserMessage) -> None:
            assert self.sio is not None
            message.output_channel = CoachSocketIOOutput(self.sio, self.bot_message_evt)
            await on_new_message(message)

        blueprint = super().blueprint(answer_with_coach_output)
        self._replace_session_request()
        return blueprint

    def _replace_session_request(self) -> None:
        sio = self.sio
        assert sio is not None

        async def session_request(sid: str, data: dict[str, Any] | None) -> None:
            session_id = (data or {}).get("session_id") or uuid.uuid4().hex
            if self.session_persistence:
                await sio.enter_room(sid, session_id)
            await sio.emit("session_confirm", session_id, room=sid)

        sio.on("session_request", handler=session_request, namespace=self.namespace)
