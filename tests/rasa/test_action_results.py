"""The shape check passes what Rasa's schema passes and refuses what Rasa could not read."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

from bot.rasa.patches.action_results import rasas_own_check, validate_action_result

ACTION = RemoteAction("validate_roleplay_form", None)
GOOD = {
    "events": [{"event": "slot", "name": "roleplay", "value": {"mood": 30}, "timestamp": None}],
    "responses": [{"text": "Jordan: fine.", "custom": None, "buttons": []}],
}


def test_a_real_answer_passes_both_checks() -> None:
    assert rasas_own_check(ACTION, GOOD), "Rasa's full schema accepts it too"
    assert validate_action_result(ACTION, GOOD)
    assert validate_action_result(ACTION, {})


@pytest.mark.parametrize(
    "answer",
    [[], {"events": {}}, {"events": [{"name": "x"}]}, {"events": ["slot"]},
     {"responses": "hi"}, {"responses": [["hi"]]}],
)  # fmt: skip
def test_answers_rasa_could_not_read_are_refused(answer) -> None:
    with pytest.raises(ValidationError):
        validate_action_result(ACTION, answer)
    with pytest.raises(ValidationError):
        rasas_own_check(ACTION, answer)
