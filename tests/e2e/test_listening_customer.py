"""A role-play over REST with a customer who listens: a question is answered, an offer that
misses is refused, "Would you like a refund?" reaches the customer instead of asking for a
hint, a question meant for the coach is asked about, and the debrief lists what the customer
needed. The payloads carry it all, and the stored turns are the replies that were played."""

from __future__ import annotations

from typing import Any

import pytest

from bot.runtime.stack import Stack
from bot.store.coaching_log import CoachingLog
from bot.store.database import make_engine
from tests.rasa_client import RasaClient

SENDER = "e2e-listening"
START = '/start_roleplay{"scenario": "latte", "difficulty": "frustrated", "seed": "21"}'


def custom(messages: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    [payload] = [m["custom"] for m in messages if m.get("custom", {}).get("type") == kind]
    return payload


def customer_says(messages: list[dict[str, Any]]) -> str:
    return next(m["text"] for m in messages if m.get("text", "").startswith("Jordan: "))


@pytest.fixture(scope="module")
def conversation(rasa: RasaClient) -> dict[str, list[dict[str, Any]]]:
    said: dict[str, list[dict[str, Any]]] = {"start": rasa.send(SENDER, START)}
    said["question"] = rasa.send(SENDER, "Which milk did you order?")
    said["refund"] = rasa.send(SENDER, "Would you like a refund?")
    said["for_coach"] = rasa.send(SENDER, "how do I handle a refund?")
    said["for_customer"] = rasa.send(SENDER, said["for_coach"][0]["buttons"][0]["payload"])
    said["vague"] = rasa.send(SENDER, "I'll sort it out for you.")
    said["fix"] = rasa.send(SENDER, "I'm sorry! I'll remake it with oat milk right now, no queue.")
    return said


def test_a_question_is_answered_and_not_held_against_the_employee(conversation) -> None:
    feedback = custom(conversation["question"], "reply_feedback")
    assert feedback["customer_heard"] == {
        "move": "question",
        "what": "order",
        "verdict": "answered",
    }
    assert "asks" in feedback["moves"]
    assert "oat" in customer_says(conversation["question"]).lower()
    start = custom(conversation["start"], "roleplay_start")
    assert feedback["mood"] >= start["mood"], "a good question does not sour the customer"


def test_would_you_like_a_refund_reaches_the_customer_and_is_refused(conversation) -> None:
    feedback = custom(conversation["refund"], "reply_feedback")
    assert feedback["customer_heard"] == {"move": "offer", "what": "refund", "verdict": "rejected"}
    assert "coffee" in customer_says(conversation["refund"]).lower()
    assert "solution" not in feedback["skills"] and feedback["needs_met"] == []


def test_a_question_for_the_coach_is_asked_about_and_scored_once(conversation) -> None:
    [asked] = conversation["for_coach"]
    assert asked["text"] == "Was that for the customer, or for me?"
    assert [b["title"] for b in asked["buttons"]] == ["For the customer", "For the coach"]
    feedback = custom(conversation["for_customer"], "reply_feedback")
    assert feedback["turn"] == 3, "the question itself was not scored; the answer to it was"


def test_an_empty_promise_is_pushed_back_on(conversation) -> None:
    feedback = custom(conversation["vague"], "reply_feedback")
    assert feedback["customer_heard"]["verdict"] == "pushed_back"
    assert feedback["needs_met"] == []


def test_the_right_fix_wins_and_the_debrief_lists_the_needs(conversation) -> None:
    feedback = custom(conversation["fix"], "reply_feedback")
    assert feedback["customer_heard"] == {"move": "offer", "what": "remake", "verdict": "accepted"}
    assert set(feedback["needs_met"]) == {"right_drink", "fast"}
    debrief = custom(conversation["fix"], "debrief")
    assert debrief["outcome"] == "won_over"
    assert [(n["id"], n["met"], n["turn"]) for n in debrief["needs"]] == [
        ("right_drink", True, 5), ("fast", True, 5),
    ]  # fmt: skip
    assert debrief["best_reply"].startswith("I'm sorry! I'll remake it")
    assert {"fact": "order", "turn": 1} in debrief["facts_asked"]


def test_the_stored_turns_are_the_replies_the_customer_heard(
    conversation, rasa: RasaClient, stack: Stack
) -> None:
    events = rasa.tracker(SENDER)["events"]
    session_id = next(
        e["value"] for e in events if e["event"] == "slot" and e["name"] == "roleplay_session"
        and e["value"]
    )  # fmt: skip
    _, turns = CoachingLog(make_engine(stack.settings.db_url)).session_with_turns(session_id)
    assert [t.reply for t in turns] == [
        "Which milk did you order?",
        "Would you like a refund?",
        "how do I handle a refund?",
        "I'll sort it out for you.",
        "I'm sorry! I'll remake it with oat milk right now, no queue.",
    ]
