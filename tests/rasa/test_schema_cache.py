"""The cached schema check accepts and refuses exactly what jsonschema itself does."""

from __future__ import annotations

import jsonschema
import pytest

from bot.rasa.patches import schema_cache

SCHEMA = {
    "type": "object",
    "properties": {"events": {"type": "array"}, "responses": {"type": "array"}},
    "additionalProperties": False,
}


@pytest.mark.parametrize(
    "instance",
    [{"events": [], "responses": []}, {"events": "nope"}, {"extra": 1}, [], {"responses": [1]}],
)
def test_same_verdict_and_message_as_jsonschema(instance) -> None:
    expected = None
    try:
        schema_cache._original_validate(instance, SCHEMA)
    except jsonschema.ValidationError as error:
        expected = error.message
    try:
        schema_cache.validate(instance, SCHEMA)
        found = None
    except jsonschema.ValidationError as error:
        found = error.message
    assert found == expected


def test_an_invalid_schema_is_still_refused() -> None:
    with pytest.raises(jsonschema.SchemaError):
        schema_cache.validate({}, {"type": "no-such-type"})
