"""Bad input over REST: each gets a friendly answer, nothing is lost, the next message works."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.messages.inbound import EMPTY_MESSAGE
from bot.rate_limit import SLOW_DOWN
from tests.rasa_client import RasaClient

WEBHOOK = "/webhooks/rest/webhook"
HELP_SAYS = "Here is what I can do"
START = '/start_roleplay{"scenario": "diet_coke", "difficulty": "frustrated", "seed": "5"}'


def texts(messages: list[dict[str, Any]]) -> list[str]:
    return [m["text"] for m in messages if "text" in m]


def feedback(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m["custom"] for m in messages if m.get("custom", {}).get("type") == "reply_feedback"]


def body(sender: str, message: Any) -> bytes:
    return json.dumps({"sender": sender, "message": message}).encode()


def still_answers(rasa: RasaClient, sender: str) -> None:
    assert any(HELP_SAYS in text for text in rasa.texts(sender, "help")), "the next message"


@pytest.mark.parametrize(
    "message",
    [
        "",
        "   \n\t ",
        "x" * 20_000,
        "😊🙏🏽",
        "أنا آسف جدًا",
        "Dobrý den, jak vám mohu pomoci?",
        "bell\x07 and escape\x1b",
        "<script>alert('hi')</script><b>bold</b>",
        "'; DROP TABLE events; --",
        "/no_such_intent",
        '/start_roleplay{"scenario": ',
    ],
    ids=[
        "empty", "whitespace", "20k", "emoji", "rtl", "czech", "control", "html", "sql",
        "unknown-intent", "broken-payload",
    ],
)  # fmt: skip
def test_odd_messages_get_a_friendly_answer_and_the_next_one_works(
    rasa: RasaClient, message: str
) -> None:
    sender = f"odd-{abs(hash(message))}"
    status, answer = rasa.post_raw(WEBHOOK, body(sender, message))
    assert status == 200 and texts(answer), f"silent on {message[:40]!r}"
    assert all("<script>" not in text for text in texts(answer))
    still_answers(rasa, sender)


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfe\x00 not utf-8",
        b'{"sender": "ana", "message": "hi"',
        b'"just a string"',
        b'{"sender": ["ana"], "message": "hi"}',
        b'{"sender": "ana", "message": 42}',
        b'{"sender": "ana", "message": "hi", "metadata": 7}',
    ],
)
def test_malformed_bodies_get_a_400_that_says_why(rasa: RasaClient, raw: bytes) -> None:
    status, answer = rasa.post_raw(WEBHOOK, raw)
    assert status == 400 and isinstance(answer, dict) and len(answer["error"]) > 20


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ('/start_roleplay{"scenario": "moon_base"}', "moon_base"),
        ('/start_roleplay{"scenario": "latte", "difficulty": "impossible"}', "impossible"),
    ],
)
def test_unknown_scenarios_and_difficulties_are_explained(
    rasa: RasaClient, payload: str, expected: str
) -> None:
    answer = rasa.send(f"payload-{expected}", payload)
    assert any(expected in text for text in texts(answer)), texts(answer)


def test_a_reply_with_no_role_play_running_is_read_as_a_question(rasa: RasaClient) -> None:
    """No customer is waiting, so it gets a tip on its subject (here apologising)."""
    answer = rasa.send("no-roleplay", "I'm so sorry, let me fix that for you right away.")
    [tip] = [m["custom"] for m in answer if m.get("custom", {}).get("type") == "tip"]
    assert tip["id"].startswith("mistakes_"), tip
    assert not any(m.get("text", "").startswith("Jordan: ") for m in answer)


def test_bad_input_during_a_role_play_loses_nothing(rasa: RasaClient) -> None:
    sender = "odd-in-roleplay"
    assert rasa.send(sender, START)
    assert texts(rasa.send(sender, "   ")) == [EMPTY_MESSAGE]
    assert "20,000" in texts(rasa.send(sender, "y" * 20_000))[0]
    again = texts(rasa.send(sender, START))
    assert any("already in a role-play" in text for text in again), again
    [scored] = feedback(rasa.send(sender, "I'm so sorry! Let me bring you a Pepsi right away."))
    assert scored["turn"] == 1, "nothing odd was scored, the role-play simply goes on"


def test_a_sender_flooding_the_bot_is_slowed_down_and_others_are_not(rasa: RasaClient) -> None:
    statuses = [rasa.post_raw(WEBHOOK, body("flood", "hello"))[0] for _ in range(30)]
    assert statuses.count(200) >= 20 and statuses[-1] == 429
    status, answer = rasa.post_raw(WEBHOOK, body("flood", "hello"))
    assert status == 429 and SLOW_DOWN in texts(answer)
    still_answers(rasa, "not-flooding")
