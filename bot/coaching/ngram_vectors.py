"""scikit-learn's fitted tf-idf n-grams, applied to one reply without its per-call overhead.

`TfidfVectorizer.transform` on one short text costs about 0.3 ms of CPU, almost all of it
building sparse matrices, and a `FeatureUnion` of two another 0.3; the analyzers themselves
take 0.01 ms. The coach and the customer's reader each score every reply, so `make bench`
paid about 2 ms a message for matrices of one row. These read the same fitted analyzers,
vocabularies and idf weights and give the same numbers (tests/coaching/test_ngram_vectors.py
checks them against scikit-learn), as a list of column indices and values.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion


@dataclass(frozen=True)
class _Part:
    analyze: Callable[[str], list[str]]
    vocabulary: dict[str, int]
    idf: np.ndarray
    offset: int  # where this vectorizer's columns start in the union


@dataclass(frozen=True)
class NgramVectors:
    parts: tuple[_Part, ...]

    @classmethod
    def of(cls, union: FeatureUnion) -> NgramVectors:
        parts, offset = [], 0
        for _, vectorizer in union.transformer_list:
            if not (isinstance(vectorizer, TfidfVectorizer) and vectorizer.sublinear_tf
                    and vectorizer.norm == "l2" and vectorizer.use_idf):  # fmt: skip
                raise ValueError("only sublinear, l2-normalised tf-idf vectorizers are supported")
            vocabulary = vectorizer.vocabulary_
            parts.append(_Part(vectorizer.build_analyzer(), vocabulary, vectorizer.idf_, offset))
            offset += len(vocabulary)
        return cls(tuple(parts))

    def sparse(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """(columns, values) of the text's row, as `union.transform([text])` has them."""
        columns: list[np.ndarray] = []
        values: list[np.ndarray] = []
        for part in self.parts:
            counts = Counter(t for t in part.analyze(text) if t in part.vocabulary)
            if not counts:
                continue
            index = np.fromiter((part.vocabulary[t] for t in counts), np.int64, len(counts))
            weight = 1.0 + np.log(np.fromiter(counts.values(), np.float64, len(counts)))
            weight *= part.idf[index]
            columns.append(index + part.offset)
            values.append(weight / np.sqrt(weight @ weight))
        if not columns:
            return np.zeros(0, np.int64), np.zeros(0, np.float64)
        return np.concatenate(columns), np.concatenate(values)


Row = tuple[np.ndarray, np.ndarray]  # a reply's n-grams: (columns, values)


@dataclass(frozen=True)
class Linear:
    """Fitted logistic regressions as their weights, stored features x outputs (C order, so a
    reply's row times them costs only the row's non-zeros)."""

    classes: tuple[str, ...]
    weights: np.ndarray
    bias: np.ndarray

    @classmethod
    def of(cls, classes: Sequence[str], rows: np.ndarray, bias: np.ndarray) -> Linear:
        """From one row of weights per output, as scikit-learn keeps them."""
        weights = np.ascontiguousarray(np.asarray(rows, dtype=np.float32).T)
        return cls(tuple(classes), weights, np.asarray(bias, dtype=np.float64))

    def scores(self, row: Row) -> np.ndarray:
        columns, values = row
        return values @ self.weights[columns] + self.bias

    def sigmoids(self, row: Row) -> np.ndarray:
        """Each output's own probability (one-vs-rest labels)."""
        return 1 / (1 + np.exp(-self.scores(row)))
