"""What a server loads at start kept out of the garbage collector's full passes.

CPython's full collection walks every object the collector tracks. Once its model is loaded
the Rasa server holds about 480,000 of them, and a full pass took up to 0.4 s, stalling every
conversation in flight: under 50 simultaneous employees that pause, not the work, made the
slowest replies (docs/performance.md). What is loaded at start lives as long as the process,
so once loaded it is moved to the collector's permanent generation (`gc.freeze`); later
passes walk only what was made since.
"""

from __future__ import annotations

import gc


def freeze_long_lived() -> None:
    """Collect what start-up left behind, then exempt everything still alive."""
    gc.collect()
    gc.freeze()
