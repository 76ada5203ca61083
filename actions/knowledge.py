"""Tips and true stories on demand: the question goes to the engine's librarian."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.coach_engine import get_engine
from actions.tracker_reading import latest_entity, send


def share(kind: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    text = tracker.latest_message.get("text") or ""
    messages, memory = get_engine().share(
        kind, text, latest_entity(tracker, "topic"), tracker.get_slot("knowledge")
    )
    send(dispatcher, messages)
    return [SlotSet("knowledge", memory)]


class ActionShareTip(Action):
    def name(self) -> str:
        return "action_share_tip"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return share("tip", dispatcher, tracker)


class ActionTellStory(Action):
    def name(self) -> str:
        return "action_tell_story"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        return share("story", dispatcher, tracker)


class ActionAnswerQuestion(Action):
    """Outside a role-play, a "reply to the customer", a stray command, or an out-of-scope
    or unplaced message is most often a question about serving customers. When it is not,
    `question_answered` false lets the rules answer as for its intent."""

    def name(self) -> str:
        return "action_answer_question"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        intent = (tracker.latest_message.get("intent") or {}).get("name") or ""
        text = tracker.latest_message.get("text") or ""
        answered = get_engine().answer_question(intent, text, tracker.get_slot("knowledge"))
        if answered is None:
            return [SlotSet("question_answered", False)]
        messages, memory = answered
        send(dispatcher, messages)
        return [SlotSet("knowledge", memory), SlotSet("question_answered", True)]
