"""Look an event's class up by its type name in a table, not by walking every subclass.

Rasa turns each stored event back into an object with `Event.resolve_by_type`, which walks
the whole `Event` class tree (`all_subclasses`) for every event of every tracker it loads.
Under role-play load that walk was a sixth of the Rasa server's CPU (py-spy,
docs/performance.md). The table is built once and rebuilt only when a name is missing, so a
subclass imported later is still found, and unknown names fail exactly as before.
"""

from __future__ import annotations

from typing import Any

from rasa.shared.core.events import Event
from rasa.shared.utils.common import all_subclasses

_original_resolve = Event.resolve_by_type
_by_name: dict[str, type[Event]] = {}


def _rebuild() -> None:
    _by_name.clear()
    for cls in reversed(all_subclasses(Event)):
        _by_name[cls.type_name] = cls  # the first class in Rasa's walk order wins, as before


def resolve_by_type(type_name: str, default: Any = None) -> type[Event] | None:
    cls = _by_name.get(type_name)
    if cls is None:
        _rebuild()
        cls = _by_name.get(type_name)
    return cls if cls is not None else _original_resolve(type_name, default)


def install() -> None:
    Event.resolve_by_type = staticmethod(resolve_by_type)  # type: ignore[method-assign]
