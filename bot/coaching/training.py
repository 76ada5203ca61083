"""Train the coach's classifier (bot/coaching/classifier.py) on the labelled replies in
data/coaching/replies/.

Run by `make train` (python -m bot.coaching.training); writes models/coach/. The dev and
held-out replies are other folders, never read here, so `make eval` measures on replies the
model never saw.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from bot import paths
from bot.coaching.classifier import save as save_ngrams
from bot.coaching.classifier import train_ngrams
from bot.coaching.labelled_replies import load_labelled_replies
from bot.coaching.rubric import load_rubric
from bot.nlp import blank_pipeline


def main(output: Path = paths.COACH_MODEL_DIR) -> int:
    started = time.monotonic()
    rubric = load_rubric(paths.RUBRIC_FILE)
    training = load_labelled_replies(paths.LABELLED_REPLIES_DIR, rubric)
    output.mkdir(parents=True, exist_ok=True)
    blank_pipeline().to_disk(output)  # the tokenizer and lemmas the phrase rules match on
    ngrams = train_ngrams([r.text for r in training], rubric.labels, [r.labels for r in training])
    save_ngrams(ngrams, output)
    print(
        f"Trained the coach on {len(training)} labelled replies "
        f"in {time.monotonic() - started:.0f} s: {output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
