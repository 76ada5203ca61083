"""Role-play actions: start, each scored turn (the form's validation), hint, debrief.

The form has no ask action: the validation action sends the customer's answer with the
feedback, so a turn costs the Rasa server one call to the action server, not two.
"""

from __future__ import annotations

import asyncio
import secrets
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.coach_engine import get_engine
from actions.tracker_reading import channel_of, employee_of, latest_entity, requested_seed, send
from bot import payloads
from bot.roleplay.turn import STOPPED, RoleplayState

EMPTY_REPLY = (
    'Your reply was empty. Type what you would say to the customer, or say "hint" if you\'re stuck.'
)
NOTHING_TO_DEBRIEF = 'There\'s no role-play to debrief. Say "start a role-play" to begin one.'

# Load scenarios, rubric and the spaCy coach when the action server starts, not per message.
# Actions that score or store run the engine in a worker thread (asyncio.to_thread).
get_engine()


def running_state(tracker: Tracker) -> RoleplayState | None:
    data = tracker.get_slot("roleplay")
    return RoleplayState.from_dict(data) if isinstance(data, dict) else None


class ActionStartRoleplay(Action):
    def name(self) -> str:
        return "action_start_roleplay"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        engine = get_engine()
        seed = requested_seed(tracker)
        seed = seed if seed is not None else secrets.randbelow(2**31)
        difficulty_asked = latest_entity(tracker, "difficulty")
        scenario, difficulty, notes = engine.resolve(
            latest_entity(tracker, "scenario"), difficulty_asked, seed
        )
        if scenario is None:
            send(dispatcher, engine.scenario_picker(difficulty_asked, " ".join(notes)))
            return [SlotSet("roleplay_ready", False)]
        started = await asyncio.to_thread(
            engine.start, scenario, difficulty, seed, employee_of(tracker), channel_of(tracker),
            tracker.sender_id,
        )  # fmt: skip
        send(dispatcher, [{"text": note} for note in notes] + started.messages)
        return [
            SlotSet("roleplay", started.state.to_dict()),
            SlotSet("roleplay_session", started.session_id),
            SlotSet("customer_line", started.customer_line),
            SlotSet("roleplay_outcome", None),
            SlotSet("roleplay_ready", True),
        ]


class ValidateRoleplayForm(FormValidationAction):
    """Each employee reply fills `employee_reply`; validating it plays the turn."""

    def name(self) -> str:
        return "validate_roleplay_form"

    async def validate_employee_reply(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        state = running_state(tracker)
        if state is None:
            return {"employee_reply": "-", "roleplay_outcome": STOPPED}
        if slot_value is None:
            return {}
        text = str(slot_value)
        if not text.strip():
            dispatcher.utter_message(text=EMPTY_REPLY)
            return {"employee_reply": None}
        addressed = payloads.parse_addressed(text)
        if addressed is not None and addressed[0] == "coach":
            send(
                dispatcher, await asyncio.to_thread(get_engine().coach_answer, state, addressed[1])
            )
            return {"employee_reply": None}
        text = addressed[1] if addressed is not None else text
        # Scoring and storing the turn runs in a worker thread, so a slow database write
        # never holds up other employees' requests on this server's event loop.
        session_id = tracker.get_slot("roleplay_session") or ""
        replied = await asyncio.to_thread(
            get_engine().reply, state, session_id, text, addressed is not None
        )
        send(dispatcher, replied.messages)
        result = replied.result
        if result is None:  # nonsense, or a question for the coach: nothing was played
            return {"employee_reply": None}
        slots: dict[str, Any] = {
            "roleplay": result.state.to_dict(),
            "customer_line": result.customer_line,
        }
        if result.finished:
            return {**slots, "employee_reply": text, "roleplay_outcome": result.outcome}
        return {**slots, "employee_reply": None}


class ActionRoleplayHint(Action):
    def name(self) -> str:
        return "action_roleplay_hint"

    def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = running_state(tracker)
        if state is None:
            dispatcher.utter_message(response="utter_no_roleplay")
            return []
        engine = get_engine()
        line = tracker.get_slot("customer_line")
        reminder = [engine.customer_says(state, line)] if line else []
        send(dispatcher, engine.hint(state) + reminder)
        return []


class ActionRoleplayDebrief(Action):
    def name(self) -> str:
        return "action_roleplay_debrief"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        state = running_state(tracker)
        told: list[EventType] = []
        if state is None:
            dispatcher.utter_message(text=NOTHING_TO_DEBRIEF)
        else:
            outcome = tracker.get_slot("roleplay_outcome") or STOPPED
            session_id = tracker.get_slot("roleplay_session") or ""
            messages, memory = await asyncio.to_thread(
                get_engine().debrief, state, outcome, session_id, tracker.get_slot("knowledge")
            )
            send(dispatcher, messages)
            told = [SlotSet("knowledge", memory)]
        return [
            *told,
            SlotSet("roleplay", None),
            SlotSet("roleplay_session", None),
            SlotSet("customer_line", None),
            SlotSet("roleplay_outcome", None),
            SlotSet("employee_reply", None),
            SlotSet("roleplay_ready", None),
        ]
