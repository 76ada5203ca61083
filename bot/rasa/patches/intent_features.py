"""The intent classifier's input built without stacking an empty matrix onto every message.

Rasa 3.6's LogisticRegressionClassifier joins each message's sparse sentence features with
its dense ones by `scipy.sparse.hstack`, even when there are no dense features (our
pipeline has none), then stacks the messages: a tenth of the Rasa server's CPU per message
went to scipy's block-matrix assembly (docs/performance.md). With no dense features the
sparse ones are the whole row, so they are used as they are; the matrix is the same.
"""

from __future__ import annotations

from typing import Any

from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import TEXT
from scipy.sparse import csr_matrix, vstack

rasas_own = LogisticRegressionClassifier._create_X


def create_x(classifier: LogisticRegressionClassifier, messages: list[Any]) -> csr_matrix:
    rows = []
    for message in messages:
        sparse = message.get_sparse_features(attribute=TEXT)[1]
        dense = message.get_dense_features(attribute=TEXT)[1]
        if dense is not None or sparse is None:
            return rasas_own(classifier, messages)
        rows.append(csr_matrix(sparse.features))
    return rows[0] if len(rows) == 1 else vstack(rows, format="csr")


def install() -> None:
    LogisticRegressionClassifier._create_X = create_x  # type: ignore[method-assign]
