"""Check a JSON schema once, not on every validation.

Rasa validates every action-server response with `jsonschema.validate`, which re-checks
Rasa's own, never-changing response schema against the JSON Schema metaschema each time.
Profiling the Rasa server under role-play load (py-spy, docs/performance.md) put over half
of its CPU there. This `validate` raises exactly the same errors, but builds one checked
validator per distinct schema and reuses it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator

_original_validate = jsonschema.validate


def validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    if cls is not None or args or kwargs:
        _original_validate(instance, schema, cls, *args, **kwargs)
        return
    error = best_match(_checked_validator(json.dumps(schema, sort_keys=True)).iter_errors(instance))
    if error is not None:
        raise error


@lru_cache(maxsize=128)
def _checked_validator(schema_json: str) -> Validator:
    schema = json.loads(schema_json)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def install() -> None:
    """Rasa looks `jsonschema.validate` up when it validates, so replacing it here is enough."""
    jsonschema.validate = validate
