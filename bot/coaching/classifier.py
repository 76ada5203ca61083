"""The coach's trained classifier: character and word n-grams into one logistic regression per
label.

Character n-grams carry what the words alone miss in the way staff really write ("sory",
"apologise" and "apologies", "ur"). Measured on the dev replies (macro-F1, the detector with
its phrase rules): spaCy's bag-of-words classifier 0.74 on the first 454 training replies,
these n-grams 0.79, the two averaged 0.80; on 1,596 training replies, averaged 0.86 and the
n-grams alone 0.88, so the n-grams are used alone. scikit-learn is already installed for Rasa;
the trained model is a file under models/coach/ that `make train` writes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline, make_union
from spacy.tokens import Doc

from bot.coaching.ngram_vectors import Linear, NgramVectors

MODEL_FILE = "ngrams.joblib"
C = 5.0  # chosen on the dev replies (2, 5 and 10 tried)


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


class NgramClassifier:
    """Looks like spaCy's text classifier to its callers (`labels`, `predict(docs)`), so the
    detector and the evidence finder read one set of probabilities. It scores with the
    pipeline's fitted n-grams and weights directly (bot/coaching/ngram_vectors.py), a few
    hundredths of a millisecond a reply instead of a millisecond and more."""

    def __init__(self, ngrams: Pipeline) -> None:
        self.ngrams = ngrams
        self.labels = tuple(ngrams.labels_)
        self.vectors = NgramVectors.of(ngrams.named_steps["features"])
        self.linear = stacked(ngrams.named_steps["model"], self.labels)

    def predict(self, docs: Sequence[Doc]) -> np.ndarray:
        rows = [self.linear.sigmoids(self.vectors.sparse(doc.text.lower())) for doc in docs]
        return np.array(rows).reshape(len(docs), len(self.labels))

    def probabilities(self, doc: Doc) -> dict[str, float]:
        return dict(zip(self.labels, map(float, self.predict([doc])[0]), strict=True))


def stacked(model: OneVsRestClassifier, labels: Sequence[str]) -> Linear:
    """Each label's logistic regression as one column of weights (features x labels)."""
    width = next(e.coef_.shape[1] for e in model.estimators_ if hasattr(e, "coef_"))
    rows, bias = [], []
    for estimator in model.estimators_:
        if hasattr(estimator, "coef_"):
            rows.append(estimator.coef_[0])
            bias.append(float(estimator.intercept_[0]))
        else:  # a label every training reply, or none, showed: scikit-learn's constant
            rows.append(np.zeros(width))
            bias.append(30.0 if float(np.ravel(estimator.y_)[0]) else -30.0)
    return Linear.of(labels, np.array(rows), np.array(bias))
