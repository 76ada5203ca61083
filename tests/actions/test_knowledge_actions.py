"""The tip and story actions with rasa-sdk's tracker: payloads out, memory in a slot."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.knowledge import ActionAnswerQuestion, ActionShareTip, ActionTellStory


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


def question(text: str, intent: str) -> Tracker:
    message = {"text": text, "intent": {"name": intent}, "entities": []}
    return Tracker("tester", {}, message, [], False, None, {}, "action_listen")


def test_a_reply_with_no_role_play_running_is_answered_as_a_question() -> None:
    dispatcher = CollectingDispatcher()
    events = ActionAnswerQuestion().run(
        dispatcher, question("the lady wants a refund for a scarf", "roleplay_reply"), {}
    )
    card = dispatcher.messages[1]["custom"]
    assert card["type"] == "tip" and card["id"].startswith(("refund", "returns"))
    assert {"event": "slot", "name": "question_answered", "value": True} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]


def test_a_reply_nothing_fits_hears_there_is_no_tip_with_topic_buttons() -> None:
    dispatcher = CollectingDispatcher()
    ActionAnswerQuestion().run(
        dispatcher, question("my parrot sings opera in the car park", "roleplay_reply"), {}
    )
    [answer] = dispatcher.messages
    assert answer["text"].startswith("I don't have a tip for that.")
    assert all(b["payload"].startswith('/ask_tip{"topic": ') for b in answer["buttons"])


def test_out_of_scope_that_no_tip_fits_is_left_to_the_rules() -> None:
    dispatcher = CollectingDispatcher()
    [event] = ActionAnswerQuestion().run(
        dispatcher, question("order me a pizza", "out_of_scope"), {}
    )
    assert dispatcher.messages == []
    assert event["name"] == "question_answered" and event["value"] is False
