"""A whole role-play through the running stack over REST: payloads, and the rows stored."""

from __future__ import annotations

from typing import Any

import pytest

from bot.runtime.stack import Stack
from bot.store.coaching_log import CoachingLog
from bot.store.database import make_engine
from tests.rasa_client import RasaClient

SKILLS = {
    "greeting", "empathy", "apology", "ownership", "solution",
    "above_and_beyond", "positive_tone", "timeliness",
}  # fmt: skip
REPLIES = [
    "ok",
    "Good morning! I'm so sorry, I understand how frustrating that is.",
    "I'll personally remake it with oat milk right now, and your next coffee is on us.",
    "Here you go, thank you so much for your patience!",
    "Of course, I'm glad we could fix it, have a lovely day.",
]


def customs(messages: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [m["custom"] for m in messages if m.get("custom", {}).get("type") == kind]


def texts(messages: list[dict[str, Any]]) -> list[str]:
    return [m["text"] for m in messages if "text" in m]


@pytest.fixture(scope="module")
def played(rasa: RasaClient) -> dict[str, Any]:
    """Start a seeded frustrated latte customer and reply until the debrief arrives."""
    sender = "e2e-barista"
    start = rasa.send(
        sender, '/start_roleplay{"scenario": "latte", "difficulty": "frustrated", "seed": "7"}'
    )
    turns, debrief = [], None
    for reply in REPLIES:
        answer = rasa.send(sender, reply)
        turns.append(answer)
        if customs(answer, "debrief"):
            debrief = answer
            break
    return {"sender": sender, "start": start, "turns": turns, "debrief": debrief}


def test_the_customer_opens_in_character(played: dict[str, Any]) -> None:
    [card] = customs(played["start"], "roleplay_start")
    assert card["scenario"] == "latte" and card["difficulty"] == "frustrated"
    assert texts(played["start"])[-1].startswith("Jordan: ")


def test_every_reply_gets_a_scored_feedback_card_and_the_mood_moves(played) -> None:
    feedback = [customs(turn, "reply_feedback")[0] for turn in played["turns"]]
    assert [f["turn"] for f in feedback] == list(range(1, len(feedback) + 1))
    for card in feedback:
        assert card["scenario"] == "latte" and 0 <= card["score"] <= 100
        assert set(card["skills"]) <= SKILLS and card["tip"]
        assert 0 <= card["mood"] <= 100
    assert feedback[0]["score"] <= 15, "a bare 'ok' scores low"
    assert {"apology", "empathy"} <= set(feedback[1]["skills"])
    assert feedback[2]["mood"] > feedback[0]["mood"], "good replies calm the customer"


def test_the_role_play_ends_in_a_debrief(played) -> None:
    assert played["debrief"] is not None, "the customer should be won over by these replies"
    [card] = customs(played["debrief"], "debrief")
    assert card["outcome"] == "won_over"
    assert set(card["skills"]) == SKILLS and all(0 <= v <= 100 for v in card["skills"].values())
    assert card["weakest_reply"] == "ok"
    assert card["best_reply"] in REPLIES and card["model_answer"]
    assert card["anecdote"]["source"].startswith("seeds/") and card["anecdote"]["text"]
    assert any(t.startswith("Debrief: The $5 latte") for t in texts(played["debrief"]))


def test_the_session_and_every_turn_are_stored(played, rasa: RasaClient, stack: Stack) -> None:
    slots = rasa.tracker(played["sender"])["slots"]
    assert slots["roleplay"] is None, "the debrief clears the running role-play"
    events = rasa.tracker(played["sender"])["events"]
    session_id = next(
        e["value"] for e in events if e["event"] == "slot" and e["name"] == "roleplay_session"
    )
    session, turns = CoachingLog(make_engine(stack.settings.db_url)).session_with_turns(session_id)
    assert (session.employee, session.scenario, session.difficulty) == (
        played["sender"], "latte", "frustrated",
    )  # fmt: skip
    assert session.outcome == "won_over" and session.ended_at is not None
    assert [t.reply for t in turns] == REPLIES[: len(played["turns"])]
    assert session.turns == len(turns)


def test_hint_help_and_stop_during_a_role_play(rasa: RasaClient) -> None:
    sender = "e2e-spa"
    rasa.send(sender, '/start_roleplay{"scenario": "spa_regular", "difficulty": "calm"}')
    hint = texts(rasa.send(sender, "give me a hint"))
    assert hint[0].startswith("Hint: ") and hint[-1].startswith("Ingrid: ")
    helped = texts(rasa.send(sender, "help"))
    assert helped[0].startswith("You're in a role-play")
    again = texts(rasa.send(sender, "give me a furious latte customer"))
    assert again[0].startswith("You're already in a role-play")
    stopped = rasa.send(sender, "stop")
    [card] = customs(stopped, "debrief")
    assert card["outcome"] == "stopped" and card["scenario"] == "spa_regular"


def test_a_reply_mentioning_help_is_still_a_reply(rasa: RasaClient) -> None:
    sender = "e2e-helpful"
    rasa.send(sender, '/start_roleplay{"scenario": "online_order", "difficulty": "calm"}')
    answer = rasa.send(sender, "I'm happy to help you swap them for the right size right now.")
    assert customs(answer, "reply_feedback"), answer


def test_start_without_a_scenario_then_pick_one(rasa: RasaClient) -> None:
    sender = "e2e-picker"
    [picker] = rasa.send(sender, "I want to practise")
    assert len(picker["buttons"]) >= 13
    chosen = rasa.send(sender, picker["buttons"][0]["payload"])
    assert customs(chosen, "roleplay_start")
