"""A new conversation session carries each slot's latest value over once.

Rasa's built-in `action_session_start` copies every `SlotSet` event of the ending session,
including those it carried in itself, so each role-play's debrief (which starts a new
session) handed a longer slot history to the next one, and every message got slower
(docs/performance.md). This keeps Rasa's behaviour, minus the history.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

NOT_CARRIED = {"requested_slot"}  # meaningful only while a form runs, and none runs yet


class ActionSessionStart(Action):
    def name(self) -> str:
        return "action_session_start"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        carried = [
            SlotSet(name, value)
            for name, value in tracker.slots.items()
            if value is not None and name not in NOT_CARRIED
        ]
        return [SessionStarted(), *carried, ActionExecuted("action_listen")]
