"""The fast n-gram path gives scikit-learn's numbers: a reply is scored the same whether the
coach and the customer's reader go through scikit-learn or read its fitted weights directly."""

from __future__ import annotations

import numpy as np
import pytest

from bot import paths
from bot.coaching.classifier import NgramClassifier, train_ngrams
from bot.coaching.labelled_replies import load_labelled_replies
from bot.coaching.ngram_vectors import NgramVectors
from bot.nlp import blank_pipeline

ODD = ["", "!!!", "Ünïcödé café — naïve façade", "sorry " * 300, "zzzzqqqq", "I'M SO SORRY!!"]


@pytest.fixture(scope="module")
def trained(content):
    replies = load_labelled_replies(paths.LABELLED_REPLIES_DIR, content.rubric)[:300]
    pipeline = train_ngrams([r.text for r in replies], content.rubric.labels,
                            [r.labels for r in replies])  # fmt: skip
    return pipeline, [r.text for r in replies[:40]] + ODD


def test_a_replys_ngrams_are_scikit_learns(trained) -> None:
    pipeline, texts = trained
    union = pipeline.named_steps["features"]
    fast = NgramVectors.of(union)
    for text in texts:
        expected = union.transform([text.lower()]).toarray()[0]
        columns, values = fast.sparse(text.lower())
        got = np.zeros_like(expected)
        got[columns] = values
        assert np.allclose(got, expected), text


def test_the_coachs_probabilities_are_scikit_learns(trained) -> None:
    pipeline, texts = trained
    classifier = NgramClassifier(pipeline)
    nlp = blank_pipeline()
    docs = [nlp(t) for t in texts]
    assert np.allclose(classifier.predict(docs), pipeline.predict_proba([t.lower() for t in texts]),
                       atol=1e-5)  # fmt: skip
