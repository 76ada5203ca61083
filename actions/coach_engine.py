"""The one CoachEngine of this action server, loaded when the server imports the actions."""

from __future__ import annotations

from bot.engine import CoachEngine
from bot.settings import load_settings

_engine: CoachEngine | None = None


def get_engine() -> CoachEngine:
    global _engine
    if _engine is None:
        _engine = CoachEngine.load(load_settings().db_url)
    return _engine


def use_engine(engine: CoachEngine) -> None:
    """Tests hand in an engine built on their own database."""
    global _engine
    _engine = engine
