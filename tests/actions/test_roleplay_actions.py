"""The role-play actions with rasa-sdk's own Tracker and dispatcher, no server needed."""

from __future__ import annotations

import asyncio
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.roleplay import (
    ActionRoleplayDebrief,
    ActionRoleplayHint,
    ActionStartRoleplay,
    ValidateRoleplayForm,
)

GOOD_REPLY = (
    "I'm so sorry, I understand how frustrating that is. I'll remake it with oat milk right "
    "now, and your next coffee is on us."
)


def tracker(slots: dict[str, Any] | None = None, text: str = "", entities=None) -> Tracker:
    message = {
        "text": text,
        "intent": {"name": "start_roleplay", "confidence": 1.0},
        "entities": entities or [],
    }
    return Tracker("tester", slots or {}, message, [], False, None, {}, "action_listen")


def validate(*args: Any) -> dict[str, Any]:
    return asyncio.run(ValidateRoleplayForm().validate_employee_reply(*args))


def slots_of(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def started(scenario: str = "latte", difficulty: str = "frustrated") -> dict[str, Any]:
    entities = [
        {"entity": "scenario", "value": scenario},
        {"entity": "difficulty", "value": difficulty},
        {"entity": "seed", "value": "11"},
    ]
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionStartRoleplay().run(dispatcher, tracker(entities=entities), {}))
    return {"slots": slots_of(events), "messages": dispatcher.messages}


def test_start_with_a_named_scenario_sets_the_state_and_introduces_the_customer() -> None:
    result = started()
    state = result["slots"]["roleplay"]
    assert (state["scenario"], state["difficulty"], state["seed"]) == ("latte", "frustrated", 11)
    assert result["slots"]["roleplay_ready"] is True
    assert result["slots"]["customer_line"]
    [intro, card, opening] = result["messages"]
    assert "Jordan" in intro["text"]
    assert card["custom"]["type"] == "roleplay_start" and card["custom"]["mood"] == state["mood"]
    assert opening["text"] == f"Jordan: {result['slots']['customer_line']}"


def test_start_without_a_scenario_offers_every_scenario_as_a_button() -> None:
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionStartRoleplay().run(dispatcher, tracker(), {}))
    assert events == [SlotSet("roleplay_ready", False)]
    payloads = [b["payload"] for b in dispatcher.messages[0]["buttons"]]
    assert '/start_roleplay{"scenario": "diet_coke"}' in payloads
    assert '/start_roleplay{"scenario": "random"}' in payloads


def test_an_unknown_scenario_is_explained_and_the_picker_shown() -> None:
    dispatcher = CollectingDispatcher()
    entities = [{"entity": "scenario", "value": "moon_base"}]
    asyncio.run(ActionStartRoleplay().run(dispatcher, tracker(entities=entities), {}))
    assert "moon_base" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[0]["buttons"]


def test_a_reply_is_scored_and_the_customer_answers() -> None:
    slots = started("latte", "furious")["slots"]
    dispatcher = CollectingDispatcher()
    new = validate(GOOD_REPLY, dispatcher, tracker(slots), {})
    feedback, answer = dispatcher.messages
    feedback = feedback["custom"]
    assert feedback["type"] == "reply_feedback" and feedback["turn"] == 1
    assert {"apology", "empathy", "solution"} <= set(feedback["skills"])
    assert 0 <= feedback["score"] <= 100 and feedback["tip"]
    assert feedback["labels"]["empathy"] == "empathy", "the card carries the rubric's words"
    assert new["roleplay"]["turn"] == 1 and new["roleplay"]["mood"] > slots["roleplay"]["mood"]
    assert new["employee_reply"] is None, "a furious customer is not won over in one reply"
    assert answer["text"] == f"Jordan: {new['customer_line']}", "one call brings the answer"


def test_the_score_card_shows_which_words_earned_each_skill() -> None:
    slots = started("latte", "frustrated")["slots"]
    dispatcher = CollectingDispatcher()
    validate("  I'm so sorry, I'll remake it now", dispatcher, tracker(slots), {})
    feedback = dispatcher.messages[0]["custom"]
    reply, evidence = feedback["reply"], feedback["evidence"]
    assert reply == "I'm so sorry, I'll remake it now", "offsets count from the reply as scored"
    assert set(evidence) == {*feedback["skills"], *feedback["flags"]}
    assert any("sorry" in span["text"] for span in evidence["apology"])
    assert any("remake" in span["text"] for span in evidence["solution"])
    spans = [span for found in evidence.values() for span in found]
    assert all(reply[s["start"] : s["end"]] == s["text"] for s in spans)
    assert {"score", "skills", "flags", "tip", "labels", "mood"} <= set(feedback), "old fields"


def test_an_empty_reply_is_not_scored() -> None:
    slots = started()["slots"]
    dispatcher = CollectingDispatcher()
    new = validate("   ", dispatcher, tracker(slots), {})
    assert new == {"employee_reply": None}
    assert "empty" in dispatcher.messages[0]["text"]


def test_a_winning_reply_completes_the_form_with_its_outcome() -> None:
    slots = started("latte", "calm")["slots"]
    dispatcher = CollectingDispatcher()
    new = validate(GOOD_REPLY, dispatcher, tracker(slots), {})
    assert new["roleplay_outcome"] == "won_over", "the right drink, fast: what Jordan needed"
    assert new["employee_reply"] == GOOD_REPLY
    assert dispatcher.messages[-1]["text"].startswith("Jordan: ")


def test_the_wrong_fix_is_refused_and_wins_nothing() -> None:
    slots = started("diet_coke", "calm")["slots"]
    dispatcher = CollectingDispatcher()
    new = validate("I'm sorry, I can give you a discount on your meal.", dispatcher,
                   tracker(slots), {})  # fmt: skip
    feedback = dispatcher.messages[0]["custom"]
    assert feedback["customer_heard"] == {
        "move": "offer",
        "what": "discount",
        "verdict": "rejected",
    }
    assert "solution" not in feedback["skills"], "a discount does not get her a Diet Coke"
    assert new["employee_reply"] is None and feedback["needs_met"] == []


def test_hint_coaches_without_scoring() -> None:
    slots = started()["slots"]
    dispatcher = CollectingDispatcher()
    assert ActionRoleplayHint().run(dispatcher, tracker(slots), {}) == []
    hint, reminder = dispatcher.messages
    assert hint["text"].startswith("Hint: Start by greeting them"), "first, the opening skill"
    assert reminder["text"] == f"Jordan: {slots['customer_line']}", "the question still stands"


def test_debrief_sends_text_and_payload_and_clears_the_role_play() -> None:
    slots = started("latte", "furious")["slots"]
    played = validate(GOOD_REPLY, CollectingDispatcher(), tracker(slots), {})
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ActionRoleplayDebrief().run(dispatcher, tracker({**slots, **played}), {}))
    text, card, again = dispatcher.messages
    debrief = card["custom"]
    try_again = again["buttons"][0]
    assert try_again["title"] == "Try again"
    assert try_again["payload"] == (
        '/start_roleplay{"scenario": "latte", "difficulty": "furious", "seed": "'
        + str(slots["roleplay"]["seed"])
        + '"}'
    )
    assert text["text"].startswith("Debrief: The $5 latte")
    assert debrief["type"] == "debrief" and debrief["outcome"] == "stopped"
    assert set(debrief["skills"]) == {
        "greeting", "empathy", "apology", "ownership", "solution",
        "above_and_beyond", "positive_tone", "timeliness",
    }  # fmt: skip
    assert debrief["outcome_label"] == "You stopped early"
    assert debrief["labels"]["above_and_beyond"] == "above and beyond"
    assert "In 1 reply, you stopped early." in text["text"]
    assert (debrief["best_reply"], debrief["weakest_reply"]) == ("", ""), "one reply: no pair"
    assert "Weakest reply" not in text["text"] and "Best reply" not in text["text"]
    assert [n["id"] for n in debrief["needs"] if n["met"]] == [
        "acknowledged",
        "right_drink",
        "fast",
    ]
    assert debrief["anecdote"]["source"].startswith("seeds/")
    assert slots_of(events)["roleplay"] is None


def test_the_next_debrief_in_a_conversation_tells_another_story() -> None:
    told: list[str] = []
    knowledge = None
    for _ in range(3):
        slots = started("latte", "furious")["slots"]
        dispatcher = CollectingDispatcher()
        ended = tracker({**slots, "knowledge": knowledge})
        events = asyncio.run(ActionRoleplayDebrief().run(dispatcher, ended, {}))
        told.append(dispatcher.messages[1]["custom"]["anecdote"]["title"])
        knowledge = slots_of(events)["knowledge"]
    assert len(set(told)) == 3, told
    assert len(knowledge["shown"]) == 3  # "tell me a story" will not repeat them either
