"""Questions outside a role-play, through the running stack over REST: whatever the NLU makes
of them, a question about serving customers gets a tip or a story, an honest "no tip" when
nothing fits, and true out-of-scope requests and role-play replies are answered as before.

The held-out figure: 113 questions in tests/knowledge/heldout_questions.yml, written blind by
a helper who saw only the catalogue of tips and stories, never tuned on, and never printed
one by one (bot/knowledge/routing.py).
"""

from __future__ import annotations

from typing import Any

import pytest

from bot.knowledge import routing
from tests.rasa_client import RasaClient

# Measured when this test was written: held-out 0.70 (tip 0.66, story 0.83, none 0.58), dev
# 1.00 (tuned on). The aim is 0.85 held-out; the floor is what is reached, less a margin.
HELDOUT_FLOOR = 0.65
DEV_FLOOR = 0.95


def cards(messages: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [m["custom"] for m in messages if m.get("custom", {}).get("type") == kind]


def test_held_out_questions_reach_the_right_tip_or_story(rasa: RasaClient) -> None:
    routed = routing.route(rasa.send, routing.load_questions(routing.HELDOUT_FILE), "heldout")
    print(routing.report(routed, "held-out questions"))
    overall, count = routing.accuracy(routed)
    assert count == 113
    assert overall >= HELDOUT_FLOOR


def test_dev_questions_reach_the_right_tip_or_story(rasa: RasaClient) -> None:
    routed = routing.route(rasa.send, routing.load_questions(routing.DEV_FILE), "dev")
    print(routing.report(routed, "dev questions"))
    print("\n".join(routing.misses(routed)))
    assert routing.accuracy(routed)[0] >= DEV_FLOOR


@pytest.mark.parametrize(
    "question",
    [
        "a man brought back a kettle and has no receipt, can I still take it",
        "lady wants her money back for a scarf, what do I do",
    ],
)
def test_a_returns_question_with_no_role_play_gets_a_returns_tip(
    rasa: RasaClient, content, question: str
) -> None:
    [tip] = cards(rasa.send(f"e2e-q-{hash(question)}", question), "tip")
    assert {t.id: t.topic for t in content.tips.tips}[tip["id"]] == "returns"


def test_a_pizza_is_still_out_of_scope_and_a_bot_says_so(rasa: RasaClient) -> None:
    [pizza] = rasa.send("e2e-q-pizza", "order me a pizza")
    assert pizza["text"].startswith("That's outside what I know")
    [bot] = rasa.send("e2e-q-pizza", "are you a bot?")
    assert bot["text"].startswith("I'm a bot")


def test_nothing_fits_says_so_with_a_button_for_every_topic(rasa: RasaClient, content) -> None:
    [answer] = rasa.send("e2e-q-parrot", "can I let a guest bring her parrot inside")
    assert answer["text"].startswith("I don't have a tip for that.")
    assert [b["payload"] for b in answer["buttons"]] == [
        f'/ask_tip{{"topic": "{topic}"}}' for topic in content.tips.topics
    ]


def test_a_command_with_no_role_play_running_still_says_so(rasa: RasaClient) -> None:
    for command in ("stop the role-play", "give me a hint"):
        [answer] = rasa.send("e2e-q-commands", command)
        assert answer["text"].startswith("There's no role-play running"), command


def test_in_a_role_play_a_question_like_reply_reaches_the_customer(rasa: RasaClient) -> None:
    sender = "e2e-q-roleplay"
    rasa.send(sender, '/start_roleplay{"scenario": "latte", "difficulty": "calm", "seed": "5"}')
    said = rasa.send(sender, "Should I make you a fresh one with oat milk, or give you a refund?")
    assert cards(said, "reply_feedback"), "the reply was played and scored"
    assert not cards(said, "tip") and not cards(said, "anecdote")
    assert any(m.get("text", "").startswith("Jordan: ") for m in said)
    rasa.send(sender, "/stop_roleplay")
