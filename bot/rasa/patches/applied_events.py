"""A tracker's applied events carried forward as events arrive, not worked out anew each time.

Rasa asks a tracker for its applied events (its events less the reverted ones and the
form's repeated turns) several times per message: every policy prediction replays them, the
session check reads them. Each time Rasa 3.6 walks the whole session from the start, with
type checks on every event; under role-play load that was a tenth of the Rasa server's CPU
(docs/performance.md). The walk is a fold over the events, so the result for the events seen
so far is kept on the tracker and only the events added since are folded in. It is worked
out from the start, by Rasa's own code, whenever that would not be the same: the earlier
events are no longer the ones folded, or a new form name appeared (Rasa treats a form's
turns by the names of all forms in the tracker).
"""

from __future__ import annotations

from dataclasses import dataclass

from rasa.shared.core.events import (
    ActionExecuted,
    ActionReverted,
    ActiveLoop,
    Event,
    Restarted,
    SessionStarted,
    UserUtteranceReverted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

rasas_own = DialogueStateTracker.applied_events


@dataclass
class Fold:
    """What the walk has reached: the events walked, the form names among them, the result."""

    events: list[Event]
    loop_names: set[str]
    applied: list[Event]


def _loop_names(events: list[Event]) -> set[str]:
    return {event.name for event in events if isinstance(event, ActiveLoop) and event.name}


def _fold(
    tracker: DialogueStateTracker, applied: list[Event], events: list[Event], loops: set[str]
) -> None:
    """Rasa 3.6's `DialogueStateTracker.applied_events` loop, from a given point."""
    for event in events:
        if isinstance(event, (Restarted, SessionStarted)):
            applied.clear()
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (
            isinstance(event, ActionExecuted)
            and event.action_name in loops
            and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)
        ):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)


def applied_events(tracker: DialogueStateTracker) -> list[Event]:
    events = list(tracker.events)
    fold: Fold | None = tracker.__dict__.get("_applied_fold")
    if fold is not None and _continues(fold, events):
        added = events[len(fold.events) :]
        if _loop_names(added) <= fold.loop_names:
            _fold(tracker, fold.applied, added, fold.loop_names)
            fold.events = events
            return list(fold.applied)
    applied = rasas_own(tracker)
    tracker.__dict__["_applied_fold"] = Fold(events, _loop_names(events), list(applied))
    return applied


def _continues(fold: Fold, events: list[Event]) -> bool:
    """The tracker's events begin with exactly the events folded (the same objects)."""
    walked = fold.events
    return len(walked) <= len(events) and all(a is b for a, b in zip(walked, events, strict=False))


def install() -> None:
    DialogueStateTracker.applied_events = applied_events  # type: ignore[method-assign]
