"""The speed patches of Rasa change nothing a user or a trainer can see: the test stories and
a whole role-play, replayed on a stack with `COACH_STOCK_RASA=true` (Rasa's own code, only
the fixes installed) and on the patched one, leave the same tracker events."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.runtime.stack import Stack
from bot.settings import PROJECT_ROOT, load_settings
from tests.conftest import running_stack, stack_environment
from tests.rasa_client import RasaClient

STORIES = PROJECT_ROOT / "tests" / "stories" / "test_conversations.yml"
ROLEPLAY = [
    '/start_roleplay{"scenario": "latte", "difficulty": "frustrated", "seed": "11"}',
    "Hi, I'm Sam. I'm so sorry about your drink, that's really frustrating.",
    "I'll remake it with oat milk right now and bring it straight over.",
    "Here it is, thanks for waiting, and the next one is on us.",
    "stop the role-play",
    "how am I doing?",
]
VARYING = {"timestamp", "message_id", "model_id", "assistant_id", "session_id"}
# Slots whose values the action server draws at random when no seed is given (the customer,
# their lines, a story): Rasa's part of the conversation is everything else.
DRAWN = {"knowledge", "roleplay", "roleplay_session", "customer_line"}
ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def story_messages() -> list[list[str]]:
    stories = yaml.safe_load(STORIES.read_text())["stories"]
    return [[plain(step["user"]) for step in s["steps"] if "user" in step] for s in stories]


def plain(text: str) -> str:
    """What a user types: the story's text without its entity annotations."""
    return ANNOTATION.sub(r"\1", text.strip())


def comparable(value: Any) -> Any:
    """An event as a user or trainer could tell it apart: no clocks, ids or float noise."""
    if isinstance(value, dict) and value.get("name") == "roleplay_session":
        value = {**value, "value": "<a new id>"}
    if isinstance(value, dict):
        return {k: comparable(v) for k, v in value.items() if k not in VARYING}
    if isinstance(value, list):
        return [comparable(v) for v in value]
    if isinstance(value, float):
        return round(value, 6)
    return value


@pytest.fixture(scope="module")
def stock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    folder: Path = tmp_path_factory.mktemp("stock")
    environment = {**stack_environment(folder / "coach.db"), "COACH_STOCK_RASA": "true"}
    with running_stack(load_settings(environment, dotenv_path=folder / "no.env")) as running:
        yield running


@pytest.fixture(scope="module")
def stock_rasa(stock: Stack) -> RasaClient:
    return RasaClient(stock.settings.rasa_url, stock.settings.rasa_auth_token)


def rasas_part(event: dict[str, Any]) -> dict[str, Any]:
    """What Rasa decided: intents, entities, actions, policies and the slots it fills, not
    what the action server drew at random or which variant of a response was picked."""
    if event["event"] == "bot":
        return {"event": "bot"}
    if event["event"] == "slot" and event["name"] in DRAWN:
        return {"event": "slot", "name": event["name"]}
    return event


def replay(client: RasaClient, sender: str, messages: list[str]) -> list[Any]:
    for text in messages:
        assert client.send(sender, text), f"{sender} got no answer to {text!r}"
    return comparable(client.tracker(sender)["events"])


def server_log(stack: Stack) -> str:
    return (stack.settings.log_dir / "rasa.log").read_text()


def test_the_stock_server_says_it_skipped_the_speed_patches(stock: Stack, stack: Stack) -> None:
    assert "COACH_STOCK_RASA=1 skipped no_jax, schema_cache" in server_log(stock)
    assert "action_failsafe (fix)" in server_log(stock), "the fixes stay on"
    patched = server_log(stack)
    assert "graph_runner (speed)" in patched and "skipped" not in patched


@pytest.mark.parametrize("number", range(len(story_messages())))
def test_each_test_story_leaves_the_same_events(
    number: int, rasa: RasaClient, stock_rasa: RasaClient
) -> None:
    messages = story_messages()[number]
    sender = f"stock-compare-story-{number}"
    ours, theirs = replay(rasa, sender, messages), replay(stock_rasa, sender, messages)
    assert [rasas_part(e) for e in ours] == [rasas_part(e) for e in theirs]


def test_a_whole_seeded_roleplay_leaves_the_same_events(
    rasa: RasaClient, stock_rasa: RasaClient
) -> None:
    ours = replay(rasa, "stock-compare-roleplay", ROLEPLAY)
    theirs = replay(stock_rasa, "stock-compare-roleplay", ROLEPLAY)
    names = [e.get("name") for e in ours]
    assert "action_roleplay_debrief" in names, " ".join(map(str, names))
    assert ours == theirs
