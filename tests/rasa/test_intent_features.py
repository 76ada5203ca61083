"""The classifier's input is the same matrix Rasa builds, so intents are predicted the same."""

from __future__ import annotations

import numpy as np
import scipy.sparse
from rasa.nlu.classifiers.logistic_regression_classifier import LogisticRegressionClassifier
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message

from bot.rasa.patches.intent_features import create_x, rasas_own


def message(values: list[float], dense: bool = False) -> Message:
    m = Message(data={TEXT: "hello"})
    row = np.array([values])
    m.add_features(Features(scipy.sparse.coo_matrix(row), "sentence", TEXT, "words"))
    m.add_features(Features(scipy.sparse.coo_matrix(row * 2), "sentence", TEXT, "chars"))
    if dense:
        m.add_features(Features(np.array([[0.5, 0.25]]), "sentence", TEXT, "dense"))
    return m


def test_the_matrix_equals_rasas_own_for_one_and_several_messages() -> None:
    classifier = LogisticRegressionClassifier.__new__(LogisticRegressionClassifier)
    for batch in ([message([0, 1, 3])], [message([0, 1, 3]), message([2, 0, 0])]):
        ours, theirs = create_x(classifier, batch), rasas_own(classifier, batch)
        assert ours.shape == theirs.shape and (ours != theirs).nnz == 0


def test_messages_with_dense_features_take_rasas_path() -> None:
    classifier = LogisticRegressionClassifier.__new__(LogisticRegressionClassifier)
    batch = [message([1, 0, 2], dense=True)]
    ours, theirs = create_x(classifier, batch), rasas_own(classifier, batch)
    assert ours.shape == (1, 8) and (ours != theirs).nnz == 0
