"""`python -m bot.runtime.rasa_server run ...`: Rasa's own command line, started lighter.

TensorFlow's TFLite helpers import JAX whenever it is installed (TensorFlow requires it, so
it is), though nothing in Rasa or in our pipeline uses it: about a tenth of the Rasa server's
start. TensorFlow takes a missing JAX in its stride, so it is marked missing first.
"""

from __future__ import annotations

import sys


def main() -> None:
    sys.modules.setdefault("jax", None)  # type: ignore[arg-type]
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
