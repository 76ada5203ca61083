"""The action server starts without TensorFlow, which nothing in it uses.

spaCy's thinc imports TensorFlow whenever it is installed (Rasa needs it, so it is), though
our blank pipelines and text classifier never use it: 4-5 s of the action server's start and
a few hundred MB (docs/performance.md). A module marked missing makes thinc carry on
without it.
"""

from __future__ import annotations

import sys


def install() -> None:
    sys.modules.setdefault("tensorflow", None)  # type: ignore[arg-type]
