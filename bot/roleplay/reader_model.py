"""The customer's trained reader: what a reply offers, promises, asks or brushes off, learnt
from labelled replies (bot/roleplay/labelled_readings.py) rather than listed as phrases.

Phrase lists catch the wordings someone thought of; staff write "shall I do u a new one",
"I'll get that redone" and "we can knock a bit off". Character and word n-grams (the coach's
classifier, bot/coaching/classifier.py) carry those. Two parts:
- one logistic regression per label over every scenario's replies (offers, vague, time...);
- per scenario, one over its questions: which fact they ask for, or none the customer knows.
`make train` writes models/reader/; without it the customer reads with its phrases alone.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import joblib
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_union

from bot.coaching.classifier import train_ngrams
from bot.roleplay.labelled_readings import LabelledReading

MODEL_FILE = "reader.joblib"


@dataclass
class LearnedReader:
    labels: Pipeline  # every label, every scenario
    facts: dict[str, Pipeline]  # scenario id -> which fact a question asks for

    def probabilities(self, text: str) -> dict[str, float]:
        row = self.labels.predict_proba([text.lower()])[0]
        return dict(zip(self.labels.labels_, map(float, row), strict=True))

    def fact(self, scenario: str, text: str) -> tuple[str, float] | None:
        """The likeliest fact (or UNKNOWN) a question asks for, with its probability."""
        model = self.facts.get(scenario)
        if model is None:
            return None
        row = model.predict_proba([text.lower()])[0]
        best = int(row.argmax())
        return str(model.classes_[best]), float(row[best])


def train_reader(
    readings: Sequence[LabelledReading], labels: Sequence[str], answers: dict[str, dict[str, str]]
) -> LearnedReader:
    """`answers` (scenario -> fact -> the customer's answer) adds each answer as one more
    example of its fact: the words a customer answers with are the words asked about."""
    every = train_ngrams([r.text for r in readings], labels, [r.labels for r in readings])
    questions: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for reading in readings:
        if reading.asks:
            questions[reading.scenario].append((reading.text, reading.asks))
    facts = {}
    for scenario, asked in questions.items():
        asked += [(answer, fact) for fact, answer in answers.get(scenario, {}).items()]
        if len({fact for _, fact in asked}) > 1:
            facts[scenario] = _fact_model(asked)
    return LearnedReader(every, facts)


def _fact_model(asked: list[tuple[str, str]]) -> Pipeline:
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 1), sublinear_tf=True),
    )
    model = LogisticRegression(C=10.0, max_iter=2000)
    pipeline = Pipeline([("features", features), ("model", model)])
    pipeline.fit([text.lower() for text, _ in asked], [fact for _, fact in asked])
    return pipeline


def save_reader(reader: LearnedReader, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    joblib.dump(reader, folder / MODEL_FILE)


def load_reader(folder: Path) -> LearnedReader | None:
    """Our own file, written by `make train` on this machine."""
    path = folder / MODEL_FILE
    return joblib.load(path) if path.exists() else None
