"""Applied events carried forward are the same as Rasa's walk from the start, whatever the
events: forms, rejections, reverts, restarts and new sessions in any order."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.shared.core.events import (
    ActionExecuted,
    ActionExecutionRejected,
    ActionReverted,
    ActiveLoop,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa.patches.applied_events import applied_events, rasas_own

MAKERS = [
    lambda: ActionExecuted("action_listen"),
    lambda: UserUttered("hello", {"name": "greet", "confidence": 1.0}),
    lambda: ActionExecuted("roleplay_form"),
    lambda: ActiveLoop("roleplay_form"),
    lambda: ActiveLoop(None),
    lambda: ActionExecuted("other_form"),
    lambda: ActiveLoop("other_form"),
    lambda: ActionExecutionRejected("roleplay_form"),
    lambda: ActionExecuted("action_roleplay_debrief"),
    lambda: SlotSet("requested_slot", None),
    lambda: ActionReverted(),
    lambda: UserUtteranceReverted(),
    lambda: SessionStarted(),
    lambda: Restarted(),
]
steps = st.lists(st.tuples(st.integers(0, len(MAKERS) - 1), st.booleans()), min_size=1, max_size=60)


def fresh() -> DialogueStateTracker:
    return DialogueStateTracker("employee", [])


@settings(max_examples=300, deadline=None)
@given(steps)
def test_events_arriving_one_by_one_give_rasas_applied_events(script: list) -> None:
    tracker = fresh()
    for kind, ask in script:
        tracker.events.append(MAKERS[kind]())
        if ask:
            assert applied_events(tracker) == rasas_own(tracker)
    assert applied_events(tracker) == rasas_own(tracker)


@settings(max_examples=100, deadline=None)
@given(steps, steps)
def test_a_tracker_whose_events_were_replaced_is_walked_again(first: list, second: list) -> None:
    tracker = fresh()
    for kind, _ in first:
        tracker.events.append(MAKERS[kind]())
    applied_events(tracker)
    tracker.events.clear()
    for kind, _ in second:
        tracker.events.append(MAKERS[kind]())
    assert applied_events(tracker) == rasas_own(tracker)


def test_the_answer_is_the_callers_to_change() -> None:
    tracker = fresh()
    tracker.events.extend([ActionExecuted("action_listen"), UserUttered("hi")])
    answer = applied_events(tracker)
    answer.clear()
    assert len(applied_events(tracker)) == 2
