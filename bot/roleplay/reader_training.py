"""Train the customer's reader (bot/roleplay/reader_model.py) on data/roleplay/readings/.

Run by `make train` (python -m bot.roleplay.reader_training); writes models/reader/. The dev
and held-out conversations are other folders, never read here.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bot import paths
from bot.coaching.rubric import load_rubric
from bot.roleplay.labelled_readings import load_labelled_readings, reading_labels
from bot.roleplay.reader_model import save_reader, train_reader
from bot.roleplay.scenarios import load_scenarios
from bot.roleplay.understanding import offer_kinds


def main(output: Path = paths.READER_MODEL_DIR) -> int:
    started = time.monotonic()
    kinds = offer_kinds(paths.UNDERSTANDING_FILE)
    scenarios = load_scenarios(
        paths.SCENARIOS_DIR, paths.SEEDS_DIR, load_rubric(paths.RUBRIC_FILE).skills, kinds
    )
    facts = {s.id: frozenset(f.id for f in s.customer.facts) for s in scenarios.values()}
    answers = {s.id: {f.id: f.answer for f in s.customer.facts} for s in scenarios.values()}
    readings = load_labelled_readings(paths.READINGS_DIR, facts, kinds)
    save_reader(train_reader(readings, reading_labels(kinds), answers), output)
    print(f"Trained the customer's reader on {len(readings)} labelled replies "
          f"in {time.monotonic() - started:.0f} s: {output}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
