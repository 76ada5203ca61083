"""The tip and story actions with rasa-sdk's tracker: payloads out, memory in a slot."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import ActionShareTip, ActionTellStory


def tracker(text: str, knowledge=None, entities=None) -> Tracker:
    message = {"text": text, "intent": {"name": "ask_tip"}, "entities": entities or []}
    slots = {"knowledge": knowledge}
    return Tracker("tester", slots, message, [], False, None, {}, "action_listen")


def test_share_tip_sends_text_and_tip_payload_and_remembers_it() -> None:
    dispatcher = CollectingDispatcher()
    [event] = ActionShareTip().run(dispatcher, tracker("how do I handle a refund?"), {})
    text, card = dispatcher.messages
    assert text["text"].startswith("Tip: ")
    assert card["custom"]["type"] == "tip"
    assert event["name"] == "knowledge" and card["custom"]["id"] in event["value"]["shown"]


def test_tell_story_continues_from_the_remembered_conversation() -> None:
    first = CollectingDispatcher()
    [event] = ActionTellStory().run(first, tracker("a story about pricing"), {})
    second = CollectingDispatcher()
    ActionTellStory().run(second, tracker("tell me another", event["value"]), {})
    ids = [d.messages[1]["custom"]["id"] for d in (first, second)]
    assert ids[0] != ids[1]
    assert all(d.messages[1]["custom"]["source"].startswith("seeds/") for d in (first, second))


def test_a_topic_entity_from_a_button_is_used() -> None:
    dispatcher = CollectingDispatcher()
    entities = [{"entity": "topic", "value": "waiting"}]
    ActionShareTip().run(dispatcher, tracker('/ask_tip{"topic": "waiting"}', None, entities), {})
    assert dispatcher.messages[1]["custom"]["id"].startswith("waiting_")
