"""A new conversation session carries each slot's latest value over once, in the Rasa server.

Rasa's built-in `action_session_start` copies every `SlotSet` event of the ending session,
including those it carried in itself, so each role-play's debrief (which starts a new
session) handed a longer slot history to the next one, and every message got slower
(docs/performance.md). This keeps Rasa's behaviour, minus the history. It runs inside the
Rasa server: as a custom action it cost a call to the action server at every debrief and
every new conversation, the costliest messages of a role-play.
"""

from __future__ import annotations

from rasa.core.actions.action import ActionSessionStart
from rasa.shared.core.constants import REQUESTED_SLOT
from rasa.shared.core.events import SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

NOT_CARRIED = {REQUESTED_SLOT}  # meaningful only while a form runs, and none runs yet


def latest_slot_values(tracker: DialogueStateTracker) -> list[SlotSet]:
    return [
        SlotSet(name, slot.value)
        for name, slot in tracker.slots.items()
        if slot.value is not None and name not in NOT_CARRIED
    ]


def install() -> None:
    ActionSessionStart._slot_set_events_from_tracker = staticmethod(latest_slot_values)  # type: ignore[method-assign]
