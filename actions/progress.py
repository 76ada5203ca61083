"""Progress on demand ("how am I doing?"): the asking employee's own figures, never another's.

The employee is the conversation's sender id, never a name taken from the message, so no
channel can be used to read someone else's progress.
"""

from __future__ import annotations

import asyncio

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.coach_engine import get_engine
from actions.tracker_reading import employee_of, send


class ActionShowProgress(Action):
    def name(self) -> str:
        return "action_show_progress"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        send(dispatcher, await asyncio.to_thread(get_engine().progress, employee_of(tracker)))
        return []
