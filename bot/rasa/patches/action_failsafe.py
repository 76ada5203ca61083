"""When the action server is down, slow or failing, the bot says so instead of going silent.

Rasa waits up to five minutes for a custom action, and when one fails it logs the error,
drops the action's events and carries on, so the employee gets no answer at all (a form
even asks the dead server again, up to ten times). Here every call to the action server
has a deadline; on a failure the employee is told plainly that the coach is unavailable
and that the practice is kept, and the conversation waits for their next message. The
role-play's state lives in the tracker, so the next reply, once the server is back,
continues it.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.core.constants import ACTION_LISTEN_NAME, REQUESTED_SLOT
from rasa.shared.core.events import BotUttered, Event, FollowupAction, SlotSet

logger = logging.getLogger(__name__)

ACTION_DEADLINE_S = 8.0
COACH_UNAVAILABLE = (
    "Sorry, the coach is unavailable for a moment. Your practice is saved: send your "
    "message again in a minute and you'll pick up where you left off."
)
_original_run = RemoteAction.run


async def run_with_deadline(
    action: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
) -> list[Event]:
    try:
        return await asyncio.wait_for(
            _original_run(action, output_channel, nlg, tracker, domain), ACTION_DEADLINE_S
        )
    except ActionExecutionRejection:
        raise  # the action declined (a form's validation): Rasa's normal path
    except Exception as error:  # down, slow, failing or answering nonsense: all the same here
        logger.error("Action server failed on %s: %r", action.name(), error)
        return await _instead_of(action, output_channel, nlg, tracker, domain)


async def _instead_of(
    action: RemoteAction, output_channel: Any, nlg: Any, tracker: Any, domain: Any
) -> list[Event]:
    """What the conversation does when `action` could not run."""
    apology = BotUttered(COACH_UNAVAILABLE)
    slot = tracker.get_slot(REQUESTED_SLOT)
    if action.name().startswith("validate_") and slot:
        # A form's reply went unscored: forget it, so the form waits for the next one
        # instead of treating the slot as filled.
        return [apology, SlotSet(slot, None)]
    return [apology, FollowupAction(ACTION_LISTEN_NAME)]


def install() -> None:
    RemoteAction.run = run_with_deadline  # type: ignore[method-assign]
