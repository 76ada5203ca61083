"""Train the coach's text classifier on the labelled replies in data/coaching/replies/.

Run by `make train` (python -m bot.coaching.training); writes models/coach/. The dev and
held-out replies are other folders, never read here, so `make eval` measures on replies the
model never saw.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.training import Example
from spacy.util import fix_random_seed, minibatch

from bot import paths
from bot.coaching.classifier import save as save_ngrams
from bot.coaching.classifier import train_ngrams
from bot.coaching.labelled_replies import LabelledReply, load_labelled_replies
from bot.coaching.rubric import Rubric, load_rubric
from bot.nlp import blank_pipeline

EPOCHS = 25
SEED = 7
CLASSIFIER = {
    "model": {
        "@architectures": "spacy.TextCatBOW.v2",
        "exclusive_classes": False,
        "ngram_size": 2,
        "no_output_layer": False,
    }
}


def train_classifier(replies: Iterable[LabelledReply], rubric: Rubric) -> Language:
    fix_random_seed(SEED)
    nlp = blank_pipeline()
    textcat = nlp.add_pipe("textcat_multilabel", config=CLASSIFIER)
    for label in rubric.labels:
        textcat.add_label(label)
    examples = [
        Example.from_dict(
            nlp.make_doc(r.text.lower()),
            {"cats": {label: float(label in r.labels) for label in rubric.labels}},
        )
        for r in replies
    ]
    optimizer = nlp.initialize(lambda: examples)
    shuffler = random.Random(SEED)
    for _ in range(EPOCHS):
        shuffler.shuffle(examples)
        for batch in minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.1)
    return nlp


def main(output: Path = paths.COACH_MODEL_DIR) -> int:
    started = time.monotonic()
    rubric = load_rubric(paths.RUBRIC_FILE)
    training = load_labelled_replies(paths.LABELLED_REPLIES_DIR, rubric)
    nlp = train_classifier(training, rubric)
    output.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output)
    ngrams = train_ngrams([r.text for r in training], rubric.labels, [r.labels for r in training])
    save_ngrams(ngrams, output)
    print(
        f"Trained the coach on {len(training)} labelled replies "
        f"in {time.monotonic() - started:.0f} s: {output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
