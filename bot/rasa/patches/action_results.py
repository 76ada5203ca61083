"""Check the action server's answer for the shape Rasa reads, not against the full schema.

Rasa validates every answer from the action server against its JSON schema, a `oneOf` over
every event type for each event: a tenth of the Rasa server's CPU under load, even with the
schema itself checked once (docs/performance.md). The answers come from our own action
server, which only the Rasa server's token reaches; this check keeps what protects Rasa
from a broken answer (lists of objects, each event naming its type) and raises the same
`ValidationError`. An event Rasa does not know still fails when it is read.
"""

from __future__ import annotations

from typing import Any

from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

rasas_own_check = RemoteAction._validate_action_result  # kept for the tests' comparison


def validate_action_result(_: RemoteAction, result: Any) -> bool:
    if not isinstance(result, dict):
        raise ValidationError("The action server's answer must be a JSON object.")
    events, responses = result.get("events", []), result.get("responses", [])
    if not isinstance(events, list) or not all(
        isinstance(event, dict) and isinstance(event.get("event"), str) for event in events
    ):
        raise ValidationError('"events" must be a list of objects, each with an "event" name.')
    if not isinstance(responses, list) or not all(isinstance(r, dict) for r in responses):
        raise ValidationError('"responses" must be a list of objects.')
    return True


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
