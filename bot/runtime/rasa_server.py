"""`python -m bot.runtime.rasa_server run ...`: Rasa's own command line, started lighter.

TensorFlow's TFLite helpers import JAX whenever it is installed (TensorFlow requires it, so
it is), though nothing in Rasa or in our pipeline uses it: about a tenth of the Rasa server's
start. TensorFlow takes a missing JAX in its stride, so it is marked missing first. Once the
model is loaded, what the server holds is frozen out of full garbage collections
(bot/runtime/heap.py).
"""

from __future__ import annotations

import sys
from typing import Any

from bot.runtime.heap import freeze_long_lived


def freeze_after_model_load() -> None:
    """Rasa loads its model in a start-up listener; freeze the heap when that returns."""
    import rasa.core.run

    load = rasa.core.run.load_agent_on_start

    async def load_then_freeze(*args: Any, **kwargs: Any) -> Any:
        agent = await load(*args, **kwargs)
        freeze_long_lived()
        return agent

    rasa.core.run.load_agent_on_start = load_then_freeze


def main() -> None:
    sys.modules.setdefault("jax", None)  # type: ignore[arg-type]
    freeze_after_model_load()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
