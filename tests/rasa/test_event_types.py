"""The event-class table gives the same class as Rasa's own lookup, for every event type."""

from __future__ import annotations

import pytest
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.utils.common import all_subclasses

from bot.rasa.patches import event_types


@pytest.mark.parametrize("cls", all_subclasses(Event), ids=lambda cls: cls.__name__)
def test_every_stored_event_type_resolves_to_rasas_own_answer(cls) -> None:
    assert event_types.resolve_by_type(cls.type_name) is event_types._original_resolve(
        cls.type_name
    )


def test_a_stored_conversation_reads_back_the_same_with_the_table_installed() -> None:
    event_types.install()
    stored = [UserUttered("hi", {"name": "greet"}).as_dict(), {"event": "action", "name": "x"}]
    assert next(e.as_dict() for e in map(Event.from_parameters, stored))["text"] == "hi"
    assert Event.from_parameters(stored[1]).type_name == "action"


def test_unknown_names_fail_or_default_as_before() -> None:
    with pytest.raises(ValueError, match="Unknown event name"):
        event_types.resolve_by_type("no_such_event")
    assert event_types.resolve_by_type("no_such_event", UserUttered) is UserUttered
    assert event_types.resolve_by_type("topic") is None
