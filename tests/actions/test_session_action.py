"""A new session keeps what the employee was told, once, and nothing of the form."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.session import ActionSessionStart


def test_each_set_slot_is_carried_once_with_its_latest_value() -> None:
    slots = {
        "knowledge": {"shown": ["tip-refund"]},
        "roleplay": None,
        "requested_slot": "employee_reply",
        "roleplay_ready": True,
    }
    history = [{"event": "slot", "name": "knowledge", "value": {"shown": []}}] * 50
    tracker = Tracker("ana", slots, {}, history, False, None, {}, "action_roleplay_debrief")
    events = ActionSessionStart().run(CollectingDispatcher(), tracker, {})
    assert events[0]["event"] == "session_started"
    assert events[-1] == {"event": "action", "name": "action_listen", "policy": None,
                          "confidence": None, "timestamp": None}  # fmt: skip
    carried = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert carried == {"knowledge": {"shown": ["tip-refund"]}, "roleplay_ready": True}
    assert len(events) == 4, "no history carried, however long the last session was"
