"""The coach's trained classifier: character and word n-grams into one logistic regression per
label, averaged with spaCy's bag-of-words text classifier.

Character n-grams carry what the words alone miss in the way staff really write ("sory",
"apologise" and "apologies", "ur"): on the dev replies this took macro-F1 from 0.74 (spaCy's
classifier alone) to 0.80 (docs/performance.md has the measurements). scikit-learn is already
installed for Rasa; the trained model is a file under models/coach/ that `make train` writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline, make_union
from spacy.tokens import Doc

MODEL_FILE = "ngrams.joblib"
C = 5.0  # chosen on the dev replies (2, 5 and 10 tried)
NGRAM_WEIGHT = 0.5  # the n-gram model's share of the average (0.5 and 0.7 tried on dev)


def train_ngrams(
    texts: Sequence[str], labels: Sequence[str], truth: Sequence[Iterable[str]]
) -> Pipeline:
    """One-vs-rest logistic regressions over character (2-5, within words) and word (1-2)
    n-gram weights, with each label's classes balanced (flags are rarer than skills)."""
    features = make_union(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
    )
    model = OneVsRestClassifier(LogisticRegression(C=C, class_weight="balanced", max_iter=2000))
    y = np.array([[label in set(shown) for label in labels] for shown in truth], dtype=int)
    pipeline = Pipeline([("features", features), ("model", model)])
    pipeline.fit([t.lower() for t in texts], y)
    pipeline.labels_ = list(labels)  # type: ignore[attr-defined]
    return pipeline


def save(pipeline: Pipeline, folder: Path) -> None:
    joblib.dump(pipeline, folder / MODEL_FILE)


def load(folder: Path) -> Pipeline | None:
    """Our own file, written by `make train` on this machine."""
    path = folder / MODEL_FILE
    return joblib.load(path) if path.exists() else None


class Ensemble:
    """Looks like spaCy's text classifier to its callers (`labels`, `predict(docs)`), so the
    detector and the evidence finder read one set of probabilities."""

    def __init__(self, ngrams: Pipeline, textcat: Any | None) -> None:
        self.ngrams = ngrams
        self.textcat = textcat
        self.labels = tuple(ngrams.labels_)

    def predict(self, docs: Sequence[Doc]) -> np.ndarray:
        ours = self.ngrams.predict_proba([doc.text.lower() for doc in docs])
        if self.textcat is None:
            return ours
        theirs = self.textcat.predict(list(docs))
        order = [list(self.textcat.labels).index(label) for label in self.labels]
        return NGRAM_WEIGHT * ours + (1 - NGRAM_WEIGHT) * np.asarray(theirs)[:, order]

    def probabilities(self, doc: Doc) -> dict[str, float]:
        return dict(zip(self.labels, map(float, self.predict([doc])[0]), strict=True))
