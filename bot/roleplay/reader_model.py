"""The customer's trained reader: what a reply offers, promises, asks or brushes off, learnt
from labelled replies (bot/roleplay/labelled_readings.py) rather than listed as phrases.

Phrase lists catch the wordings someone thought of; staff write "shall I do u a new one",
"I'll get that redone" and "we can knock a bit off". Character and word n-grams (the coach's
features, bot/coaching/classifier.py) carry those. On one set of n-grams, computed once per
reply, two kinds of logistic regression:
- one per label over every scenario's replies (offers, vague, time, brush-offs...);
- per scenario, one over its questions: which fact they ask for, or none the customer knows.
The weights are kept as plain matrices and a reply's n-grams are read without scikit-learn's
per-call overhead (bot/coaching/ngram_vectors.py), so a reply costs a few hundredths of a
millisecond. `make train` writes models/reader/; without it the customer reads
with its phrases alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import joblib
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion

from bot.coaching.classifier import stacked, train_ngrams
from bot.coaching.ngram_vectors import Linear, NgramVectors, Row
from bot.roleplay.labelled_readings import LabelledReading

MODEL_FILE = "reader.joblib"
SOFTMAX_C = 10.0  # few examples per fact or kind: weaker regularisation, chosen on the dev set


@dataclass(frozen=True)
class Guess:
    """One reply as the reader hears it: each label's probability, and its n-grams for the
    scenario's question model."""

    probabilities: dict[str, float]
    row: Row


@dataclass
class LearnedReader:
    features: FeatureUnion
    labels: Linear  # independent sigmoids, one per label
    facts: dict[str, Linear]  # scenario id -> a softmax over its fact ids and UNKNOWN
    # scenario id -> a softmax over the offer kinds its replies make (OTHER_OFFER included)
    kinds: dict[str, Linear] = field(default_factory=dict)

    @cached_property
    def vectors(self) -> NgramVectors:
        return NgramVectors.of(self.features)

    def guess(self, text: str) -> Guess:
        row = self.vectors.sparse(text.lower())
        sigmoids = self.labels.sigmoids(row)
        return Guess(dict(zip(self.labels.classes, map(float, sigmoids), strict=True)), row)

    def probabilities(self, text: str) -> dict[str, float]:
        return self.guess(text).probabilities

    def facts_asked(self, scenario: str, guess: Guess) -> dict[str, float] | None:
        """How likely a question asks for each fact of the scenario (or UNKNOWN)."""
        return _shares(self.facts.get(scenario), guess)

    def kind_offered(self, scenario: str, guess: Guess) -> dict[str, float] | None:
        """How likely an offer is of each kind this scenario's staff offer: the spa's "book
        you in with your usual therapist, on us" is a treatment redone, which the reader over
        every scenario cannot name."""
        # A model written before the kinds were learnt has none: `make train` writes them.
        return _shares(getattr(self, "kinds", {}).get(scenario), guess)


def _shares(model: Linear | None, guess: Guess) -> dict[str, float] | None:
    """A softmax's shares for one reply."""
    if model is None:
        return None
    scores = model.scores(guess.row)
    shares = np.exp(scores - scores.max())
    return dict(zip(model.classes, map(float, shares / shares.sum()), strict=True))


def train_reader(
    readings: Sequence[LabelledReading], labels: Sequence[str], answers: dict[str, dict[str, str]]
) -> LearnedReader:
    """`answers` (scenario -> fact -> the customer's answer) adds each answer as one more
    example of its fact: the words a customer answers with are the words asked about."""
    pipeline = train_ngrams([r.text for r in readings], labels, [r.labels for r in readings])
    features = pipeline.named_steps["features"]
    every = stacked(pipeline.named_steps["model"], labels)
    questions: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for reading in readings:
        if reading.asks:
            questions[reading.scenario].append((reading.text, reading.asks))
    facts = {}
    for scenario, asked in questions.items():
        asked += [(answer, fact) for fact, answer in answers.get(scenario, {}).items()]
        if len({fact for _, fact in asked}) > 1:
            facts[scenario] = _softmax(features, asked)
    return LearnedReader(features, every, facts, _kind_models(features, readings))


def _kind_models(features: FeatureUnion, readings: Sequence[LabelledReading]) -> dict[str, Linear]:
    """Per scenario, the kind of each reply that makes one offer: its staff's own words."""
    offered: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for reading in readings:
        kinds = [
            label.removeprefix("offer:") for label in reading.labels if label.startswith("offer:")
        ]
        if len(kinds) == 1:
            offered[reading.scenario].append((reading.text, kinds[0]))
    return {scenario: _softmax(features, pairs) for scenario, pairs in offered.items()
            if len({kind for _, kind in pairs}) > 1}  # fmt: skip


def _softmax(features: FeatureUnion, examples: list[tuple[str, str]]) -> Linear:
    """Fitted on the n-grams these replies use (a few thousand of the whole vocabulary, so
    it trains in a fraction of the time); every other n-gram weighs nothing."""
    vectors = features.transform([text.lower() for text, _ in examples]).tocsc()
    used = np.unique(vectors.nonzero()[1])
    model = LogisticRegression(C=SOFTMAX_C, max_iter=2000)
    model.fit(vectors[:, used], [label for _, label in examples])
    classes = [str(c) for c in model.classes_]
    coef, bias = model.coef_, model.intercept_
    if len(classes) == 2:  # one row for two classes: the second's score against the first
        coef, bias = np.vstack([np.zeros_like(coef[0]), coef[0]]), np.array([0.0, bias[0]])
    weights = np.zeros((len(classes), vectors.shape[1]))
    weights[:, used] = coef
    return Linear.of(classes, weights, bias)


def save_reader(reader: LearnedReader, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    joblib.dump(reader, folder / MODEL_FILE)


def load_reader(folder: Path) -> LearnedReader | None:
    """Our own file, written by `make train` on this machine."""
    path = folder / MODEL_FILE
    return joblib.load(path) if path.exists() else None
