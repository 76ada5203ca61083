"""Slack for Service Coach, built on Rasa's own Slack channel.

Kept from Rasa: the event and interactive-message parsing, answering in the background so
Slack gets its 200 at once. Changed: a request that is not signed with the signing secret,
or is over five minutes old, gets 401; every delivery (event id, or action) is taken in once
across all Rasa servers, whatever Slack's retry reason; custom payloads become Block Kit;
more than five buttons are laid out in rows; `SLACK_API_URL` can point at another Web API;
and `/coach` is served at /webhooks/slack/commands.

One employee across channels: a Slack user whose Slack email (`users.info`, scope
`users:read.email`) is one employee's is linked to them once (bot/store/people.py), and every
message then carries that employee in its metadata, which only this channel writes
(bot/identity.py); an unlinked user practises as their Slack id, as before.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any

import aiohttp
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.slack import SlackBot, SlackInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from bot.identity import slack_command_sender
from bot.messages import slack_blocks
from bot.messages.inbound import clean
from bot.messages.slack_commands import HELP, Command, parse
from bot.settings import load_settings
from bot.store import people
from bot.store.database import make_engine, session_factory
from bot.store.slack_deliveries import DeliveryLog

from .rest import SOMETHING_WENT_WRONG  # relative: the channels move together

log = logging.getLogger(__name__)

MAX_AGE_S = 5 * 60
# Rasa sends a turn's messages back to back; a text followed within this time by a card
# that restates it (`replaces_text`) is not posted on its own.
HOLD_TEXT_S = 0.4
COMMAND_DEADLINE_S = 2.5
NOT_CONFIGURED = "Slack is not configured: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET."
LINK_CODE_UNUSABLE = (
    "That code does not work: it was used, has expired or was mistyped. Get a new one on "
    "the practice page (signed in), under Practise in Slack too."
)
# An unlinked user's email is asked for again after this long (a trainer may add them).
RECHECK_UNLINKED_S = 10 * 60

OnMessage = Callable[[UserMessage], Awaitable[Any]]


class CoachSlackBot(SlackBot):
    """Posts to Slack's Web API at `api_url`, with payloads as Block Kit."""

    def __init__(self, token: str, channel: str | None, thread_id: str | None, api_url: str):
        super().__init__(token, channel, thread_id)
        self.client = AsyncWebClient(token, base_url=api_url)
        self._held: tuple[str, str] | None = None
        self._tasks: set[asyncio.Task] = set()

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._post_held()
        self._held = (self.slack_channel or recipient_id, text)
        task = asyncio.create_task(self._post_held(after=HOLD_TEXT_S))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        await self._post_held()
        blocks = [{"type": "section", "text": {"type": "plain_text", "text": text[:3000]}}]
        await self._post_message(
            channel=self.slack_channel or recipient_id,
            text=text,
            blocks=blocks + slack_blocks.button_rows(buttons),
        )

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        if json_message.get("replaces_text"):
            self._held = None
        await self._post_held()
        blocks, fallback = slack_blocks.render(json_message)
        await self._post_message(
            channel=self.slack_channel or recipient_id, text=fallback, blocks=blocks
        )

    async def _post_held(self, after: float = 0.0) -> None:
        if after:
            await asyncio.sleep(after)
        if self._held is not None:
            channel, text = self._held
            self._held = None
            await self._post_message(channel=channel, text=text)


class CoachSlackInput(SlackInput):
    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> CoachSlackInput:
        """Settings come from the environment (bot.settings), not from credentials.yml."""
        settings = load_settings()
        channel = cls(
            slack_token=settings.slack_bot_token or "",
            slack_signing_secret=settings.slack_signing_secret or "",
            use_threads=True,
        )
        channel.api_url = settings.slack_api_url
        channel.enabled = settings.slack_enabled
        engine = make_engine(settings.db_url)
        channel.deliveries = DeliveryLog(engine)
        channel.people = session_factory(engine)
        channel.unlinked = {}
        return channel

    def _validate_credentials(self) -> None:
        """Slack may be switched off; requests then get 503 instead of Rasa refusing to start."""

    def get_output_channel(
        self, channel: str | None = None, thread_id: str | None = None
    ) -> CoachSlackBot:
        return CoachSlackBot(
            self.slack_token, channel or self.slack_channel, thread_id, self.api_url
        )

    # --- who is practising -----------------------------------------------------------------

    async def employee_metadata(self, user: str) -> dict[str, Any]:
        """{"employee": id} for a Slack user linked (now or before) to an employee, else {}."""
        if not user:
            return {}
        try:
            linked = await asyncio.to_thread(self._linked, user)
            if (
                linked is None
                and time.monotonic() - self.unlinked.get(user, -1e9) > RECHECK_UNLINKED_S
            ):
                linked = await self._link_by_email(user)
        except Exception:  # the database or Slack is down: practise unlinked, as before
            log.warning("could not look up the employee of Slack user %s", user, exc_info=True)
            return {}
        return {"employee": linked} if linked else {}

    def _linked(self, user: str) -> str | None:
        with self.people() as db:
            return people.slack_employee(db, user)

    async def _link_by_email(self, user: str) -> str | None:
        self.unlinked[user] = time.monotonic()
        info = await AsyncWebClient(self.slack_token, base_url=self.api_url).users_info(user=user)
        email = ((info.get("user") or {}).get("profile") or {}).get("email")
        if not isinstance(email, str) or not email:
            return None

        def link() -> str | None:
            with self.people.begin() as db:
                return people.link_slack_by_email(db, user, email)

        linked = await asyncio.to_thread(link)
        if linked:
            self.unlinked.pop(user, None)
            log.info("Slack user %s linked to employee %s by email", user, linked)
        return linked

    async def link_by_code(self, user: str, code: str) -> str:
        def link() -> str | None:
            with self.people.begin() as db:
                return people.link_slack_by_code(db, user, code)

        linked = await asyncio.to_thread(link)
        if linked is None:
            return LINK_CODE_UNUSABLE
        self.unlinked.pop(user, None)
        return f"Linked: your practice here is now {linked}'s, with your progress from the web."

    # --- requests ------------------------------------------------------------------------

    def authentic(self, request: Request) -> bool:
        stamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        if not stamp.isdigit() or abs(time.time() - int(stamp)) > MAX_AGE_S:
            return False
        base = f"v0:{stamp}:".encode() + (request.body or b"")
        digest = hmac.new(self.slack_signing_secret.encode(), base, hashlib.sha256).hexdigest()
        return hmac.compare_digest(f"v0={digest}", signature)

    def refused(self, request: Request) -> HTTPResponse | None:
        if not self.enabled:
            return response.text(NOT_CONFIGURED, status=HTTPStatus.SERVICE_UNAVAILABLE)
        if not self.authentic(request):
            return response.text(
                "Not signed with this app's signing secret, or older than five minutes.",
                status=HTTPStatus.UNAUTHORIZED,
            )
        return None

    def already_handled(self, delivery_id: str | None) -> bool:
        return bool(delivery_id) and not self.deliveries.first_time(delivery_id)

    def blueprint(self, on_new_message: OnMessage) -> Blueprint:
        slack = Blueprint("slack_webhook", __name__)

        @slack.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok", "enabled": self.enabled})

        @slack.route("/webhook", methods=["POST"])
        async def webhook(request: Request) -> HTTPResponse:
            return self.refused(request) or await self.take_in(request, on_new_message)

        @slack.route("/commands", methods=["POST"])
        async def commands(request: Request) -> HTTPResponse:
            return self.refused(request) or await self.command(request, on_new_message)

        return slack

    async def take_in(self, request: Request, on_new_message: OnMessage) -> HTTPResponse:
        if "json" in (request.headers.get("content-type") or ""):
            try:
                body = read_event_body(request.body)
            except ValueError as problem:
                return response.text(str(problem), status=HTTPStatus.BAD_REQUEST)
            if body.get("type") == "url_verification":
                return response.json({"challenge": body.get("challenge")})
            if self.already_handled(body.get("event_id")):
                return response.text("", headers={"X-Slack-No-Retry": "1"})
            return await self.event(request, body, on_new_message)
        return await self.action(request, on_new_message)

    async def event(
        self, request: Request, body: dict[str, Any], on_new_message: OnMessage
    ) -> HTTPResponse:
        if not self._is_user_message(body):
            return response.text("Not a user message.")
        event = body["event"]
        metadata = self.get_metadata(request) | await self.employee_metadata(
            str(event.get("user", ""))
        )
        text = self._sanitize_user_message(event["text"], metadata["users"])
        inbound = clean(text)
        if inbound.notice is not None:
            output = self.get_output_channel(metadata.get("out_channel"), metadata.get("thread_id"))
            self._in_background(
                output.send_text_message(str(event.get("user", "")), inbound.notice)
            )
            return response.text("")
        self.answer(on_new_message, inbound.text, str(event.get("user", "")), metadata)
        return response.text("")

    async def action(self, request: Request, on_new_message: OnMessage) -> HTTPResponse:
        try:
            payload = json.loads(request.form.get("payload", "{}"))
        except ValueError:
            return response.text("Unreadable payload.", status=HTTPStatus.BAD_REQUEST)
        if not isinstance(payload, dict) or not self._is_interactive_message(payload):
            return response.text("Not an interactive message.", status=HTTPStatus.BAD_REQUEST)
        action = payload["actions"][0]
        user = payload.get("user", {}).get("id", "")
        if self.already_handled(f"action:{user}:{action.get('action_ts', '')}"):
            return response.text("")
        text = self._get_interactive_response(action)
        if text is not None:
            metadata = self.get_metadata(request) | await self.employee_metadata(user)
            self.answer(on_new_message, text, user, metadata)
        return response.text("")

    def answer(self, on_new_message: OnMessage, text: str, user: str, metadata: dict) -> None:
        """Start the turn in the background; Slack must have its 200 within 3 seconds."""
        output = self.get_output_channel(metadata.get("out_channel"), metadata.get("thread_id"))
        message = UserMessage(text, output, user, input_channel=self.name(), metadata=metadata)

        async def turn() -> None:
            try:
                await on_new_message(message)
            except Exception:  # as on REST, the employee must hear back whatever broke
                log.exception("Slack message from %s failed", user)
                await output.send_text_message(user, SOMETHING_WENT_WRONG)

        self._in_background(turn())

    def _in_background(self, work: Any) -> None:
        task = asyncio.create_task(work)
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)

    # --- /coach ----------------------------------------------------------------------------

    async def command(self, request: Request, on_new_message: OnMessage) -> HTTPResponse:
        form = request.form
        user = form.get("user_id", "")
        command = parse(form.get("text", ""))
        if command.kind == "help":
            prefix = f"I don't know `{command.unknown}`.\n" if command.unknown else ""
            return _reply(prefix + HELP)
        if command.kind == "link":
            return _reply(await self.link_by_code(user, command.topic))
        linked = await self.employee_metadata(user)
        if command.kind == "practice":
            self.practise_in_dm(on_new_message, user, command, linked)
            return _reply("I've started your role-play in our direct message. Good luck!")
        sender = slack_command_sender(user)  # a tip never interrupts a role-play in the DM
        collector = CollectingOutputChannel()
        message = UserMessage(
            command.message(), collector, sender, input_channel=self.name(), metadata=linked
        )
        work = asyncio.create_task(on_new_message(message))
        try:
            await asyncio.wait_for(asyncio.shield(work), COMMAND_DEADLINE_S)
        except asyncio.TimeoutError:
            later = asyncio.create_task(self.answer_later(work, collector, command, form))
            self._background_tasks.add(later)
            later.add_done_callback(self._background_tasks.discard)
            return _reply("Looking that up for you…")
        return response.json(_command_answer(collector.messages, command))

    async def answer_later(
        self, work: asyncio.Task, collector: CollectingOutputChannel, command: Command, form: Any
    ) -> None:
        await work
        async with aiohttp.ClientSession() as http:
            await http.post(
                form.get("response_url", ""), json=_command_answer(collector.messages, command)
            )

    def practise_in_dm(
        self, on_new_message: OnMessage, user: str, command: Command, linked: dict[str, Any]
    ) -> None:
        async def start() -> None:
            opened = await AsyncWebClient(
                self.slack_token, base_url=self.api_url
            ).conversations_open(users=user)
            output = self.get_output_channel(opened["channel"]["id"], None)
            message = UserMessage(
                command.message(), output, user, input_channel=self.name(), metadata=linked
            )
            await on_new_message(message)

        task = asyncio.create_task(start())
        self._background_tasks.add(task)
        task.add_done_callback(self._background_tasks.discard)


def _reply(text: str) -> HTTPResponse:
    return response.json({"response_type": "ephemeral", "text": text})


def _command_answer(messages: list[dict[str, Any]], command: Command) -> dict[str, Any]:
    """The bot's messages as one Slack response, shown only to the asker unless shared."""
    blocks: list[dict[str, Any]] = []
    texts: list[str] = []
    for message in messages:
        custom = message.get("custom")
        if isinstance(custom, dict):
            card, fallback = slack_blocks.render(custom)
            if custom.get("replaces_text") and texts:
                texts.pop()
                blocks.pop()
            blocks += card
            texts.append(fallback)
        elif message.get("text"):
            blocks.append(slack_blocks.section(slack_blocks.escape(message["text"])))
            texts.append(message["text"])
    return {
        "response_type": "in_channel" if command.share else "ephemeral",
        "text": "\n".join(texts) or "I have nothing to say to that.",
        "blocks": blocks,
    }


def read_event_body(raw: bytes) -> dict[str, Any]:
    """An Events API body; ValueError saying what is wrong with it (answered with a 400)."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise ValueError("The body must be UTF-8 JSON from Slack's Events API.") from None
    if not isinstance(body, dict):
        raise ValueError("The body must be a JSON object.")
    event = body.get("event")
    if event is not None and (
        not isinstance(event, dict) or not isinstance(event.get("text", ""), str)
    ):
        raise ValueError('"event" must be an object whose "text" is a string.')
    return body
