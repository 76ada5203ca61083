"""`python -m bot.runtime.rasa_server run ...`: Rasa's own command line, with our patches.

Before Rasa is imported, the registry's patches for the Rasa server are installed
(bot/rasa/patches): all of them, or only the fixes with `COACH_STOCK_RASA=true`. Rasa sets
up its own logging later, so the line saying what was installed goes straight to stderr.
"""

from __future__ import annotations

import logging
import sys

from bot.rasa import patches
from bot.settings import load_settings


def say_what_is_installed() -> None:
    log = logging.getLogger(patches.__name__)
    log.addHandler(logging.StreamHandler())
    log.setLevel(logging.INFO)
    log.propagate = False


def main() -> None:
    say_what_is_installed()
    patches.install("rasa", stock=load_settings().stock_rasa)
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
