"""A new session keeps what the employee was told, once, and nothing of the form."""

from __future__ import annotations

from rasa.core.actions.action import ActionSessionStart
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa.patches import session_start
from tests.own_loop import run_on_own_loop

DOMAIN = Domain.from_yaml(
    """
version: "3.1"
session_config: {carry_over_slots_to_new_session: true}
slots:
  knowledge: {type: any, mappings: [{type: custom}]}
  roleplay: {type: any, mappings: [{type: custom}]}
  roleplay_ready: {type: bool, mappings: [{type: custom}]}
"""
)


def test_each_set_slot_is_carried_once_with_its_latest_value() -> None:
    session_start.install()
    history = [SlotSet("knowledge", {"shown": [n]}) for n in range(50)]
    history += [SlotSet("roleplay_ready", True), SlotSet("requested_slot", "employee_reply")]
    tracker = DialogueStateTracker.from_events("ana", history, DOMAIN.slots)
    events = run_on_own_loop(ActionSessionStart().run(None, None, tracker, DOMAIN))
    assert isinstance(events[0], SessionStarted)
    assert events[-1].action_name == "action_listen"
    carried = {e.key: e.value for e in events if isinstance(e, SlotSet)}
    assert carried == {"knowledge": {"shown": [49]}, "roleplay_ready": True}
    assert len(events) == 4, "no history carried, however long the last session was"
