"""The Rasa server's loaded model kept out of the garbage collector's full passes.

Rasa loads its model in a start-up listener (`rasa.core.run.load_agent_on_start`). Once it
returns, what the server holds is frozen (bot/runtime/heap.py): full collections had taken
up to 0.4 s, stalling every conversation in flight (docs/performance.md).
"""

from __future__ import annotations

from typing import Any

from bot.runtime.heap import freeze_long_lived


def install() -> None:
    import rasa.core.run

    load = rasa.core.run.load_agent_on_start

    async def load_then_freeze(*args: Any, **kwargs: Any) -> Any:
        agent = await load(*args, **kwargs)
        freeze_long_lived()
        return agent

    rasa.core.run.load_agent_on_start = load_then_freeze
