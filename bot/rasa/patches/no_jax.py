"""The Rasa server starts without JAX, which nothing in it uses.

TensorFlow's TFLite helpers import JAX whenever it is installed (TensorFlow requires it, so
it is), though nothing in Rasa or in our pipeline uses it: about a tenth of the Rasa server's
start (docs/performance.md). TensorFlow takes a missing JAX in its stride, so it is marked
missing before anything imports TensorFlow.
"""

from __future__ import annotations

import sys


def install() -> None:
    sys.modules.setdefault("jax", None)  # type: ignore[arg-type]
