"""Reading what the actions need from Rasa's tracker, and sending the engine's messages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot import identity


def latest_entity(tracker: Tracker, name: str) -> str | None:
    value = next(tracker.get_latest_entity_values(name), None)
    return None if value is None else str(value)


def requested_seed(tracker: Tracker) -> int | None:
    """A seed given in the start payload (`/start_roleplay{"seed": "42"}`) replays a run."""
    value = latest_entity(tracker, "seed")
    return int(value) if value is not None and value.strip().isdigit() else None


def channel_of(tracker: Tracker) -> str:
    return tracker.get_latest_input_channel() or "rest"


def employee_of(tracker: Tracker) -> str:
    """Who is practising (bot/identity.py): in Slack, the employee the Slack user is linked
    to, and /coach's conversation is the user's."""
    metadata = (tracker.latest_message or {}).get("metadata")
    return identity.employee_of(
        tracker.sender_id,
        tracker.get_latest_input_channel(),
        metadata if isinstance(metadata, dict) else None,
    )


def send(dispatcher: CollectingDispatcher, messages: Iterable[dict[str, Any]]) -> None:
    for message in messages:
        dispatcher.utter_message(
            text=message.get("text"),
            buttons=message.get("buttons"),
            json_message=message.get("custom"),
        )
