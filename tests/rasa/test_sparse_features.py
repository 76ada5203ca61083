"""Featurizers' outputs are joined into the same matrix Rasa's hstack builds."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.features import Features

from bot.rasa.patches.sparse_features import combine_sparse_features, rasas_own, side_by_side


def random_sparse(rows: int, columns: int, seed: int, form: str) -> scipy.sparse.spmatrix:
    return scipy.sparse.random(rows, columns, density=0.3, format=form, random_state=seed)


@pytest.mark.parametrize(("rows", "left", "right"), [(1, 5, 7), (4, 3, 9), (3, 6, 0), (2, 0, 4)])
def test_side_by_side_is_scipys_hstack(rows: int, left: int, right: int) -> None:
    a, b = random_sparse(rows, left, 1, "coo"), random_sparse(rows, right, 2, "coo")
    ours, theirs = side_by_side(a, b), scipy.sparse.hstack([a, b])
    assert ours.format == theirs.format == "coo"
    assert ours.shape == theirs.shape and ours.dtype == theirs.dtype
    assert np.array_equal(ours.toarray(), theirs.toarray())


def features(matrix: scipy.sparse.spmatrix, origin: str) -> Features:
    return Features(matrix, "sentence", TEXT, origin)


def test_features_combine_as_rasa_combines_them() -> None:
    words, characters = random_sparse(1, 40, 3, "coo"), random_sparse(1, 90, 4, "coo")
    ours, theirs = features(words, "words"), features(words, "words")
    combine_sparse_features(ours, features(characters, "chars"))
    rasas_own(theirs, features(characters, "chars"))
    assert np.array_equal(ours.features.toarray(), theirs.features.toarray())
    assert ours.fingerprint() == theirs.fingerprint()


def test_other_formats_are_joined_by_rasas_own_code() -> None:
    words, characters = random_sparse(1, 4, 7, "csr"), random_sparse(1, 6, 8, "coo")
    ours = features(words, "words")
    combine_sparse_features(ours, features(characters, "chars"))
    assert np.array_equal(
        ours.features.toarray(), scipy.sparse.hstack([words, characters]).toarray()
    )


def test_features_of_different_lengths_are_refused_with_rasas_message() -> None:
    one_row, two_rows = (
        features(random_sparse(1, 4, 5, "coo"), "a"),
        features(random_sparse(2, 4, 6, "coo"), "b"),
    )
    with pytest.raises(ValueError, match="sequence dimensions do not match"):
        combine_sparse_features(one_row, two_rows)
