"""Tips and stories through the running stack over REST."""

from __future__ import annotations

from tests.rasa_client import RasaClient


def card(messages, kind: str) -> dict:
    [found] = [m["custom"] for m in messages if m.get("custom", {}).get("type") == kind]
    return found


def test_a_refund_question_gets_a_returns_tip(rasa: RasaClient, content) -> None:
    tip = card(rasa.send("e2e-tips", "how do I handle a refund?"), "tip")
    assert {t.id: t.topic for t in content.tips.tips}[tip["id"]] == "returns"


def test_stories_cite_their_essay_and_another_is_different(rasa: RasaClient) -> None:
    sender = "e2e-stories"
    first = card(rasa.send(sender, "tell me a story about great service"), "anecdote")
    second = card(rasa.send(sender, "tell me another story"), "anecdote")
    assert first["id"] != second["id"]
    for story in (first, second):
        assert story["source"].startswith("seeds/") and story["text"] and story["lesson"]


def test_an_unanswerable_question_offers_topics(rasa: RasaClient) -> None:
    [answer] = rasa.send("e2e-nothing", "how do I deal with a customer's parrot")
    assert "I don't have a tip" in answer["text"] and answer["buttons"]
