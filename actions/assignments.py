"""Greeting and help show what trainers assigned first; this action sends that list.

It sends nothing when nothing is assigned, so the usual greeting or help follows alone. The
employee is the conversation's sender id, as everywhere else.
"""

from __future__ import annotations

import asyncio

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.coach_engine import get_engine
from actions.tracker_reading import employee_of, send


class ActionListAssignments(Action):
    def name(self) -> str:
        return "action_list_assignments"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        send(dispatcher, await asyncio.to_thread(get_engine().assignments, employee_of(tracker)))
        return []
