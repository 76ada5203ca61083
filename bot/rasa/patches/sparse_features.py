"""Featurizers' sparse outputs joined side by side without scipy's block assembly.

Rasa 3.6 joins the sparse features of each featurizer (word counts, character counts) with
`scipy.sparse.hstack` for every message it parses, and scipy builds that through its general
block-matrix path, checking and converting each block several times: a fifth of a parse
(docs/performance.md). Two sparse matrices side by side are the entries of the first and
those of the second shifted right by its width, which is what this builds for the COO
matrices Rasa's featurizers make; anything else goes to Rasa's own code.
"""

from __future__ import annotations

import numpy as np
from rasa.shared.nlu.training_data.features import Features
from scipy.sparse import coo_matrix

rasas_own = Features._combine_sparse_features


def side_by_side(left: coo_matrix, right: coo_matrix) -> coo_matrix:
    """The same matrix as `scipy.sparse.hstack([left, right])` for two COO matrices."""
    data = np.concatenate((left.data, right.data))
    rows = np.concatenate((left.row, right.row))
    columns = np.concatenate((left.col, right.col + left.shape[1]))
    shape = (left.shape[0], left.shape[1] + right.shape[1])
    return coo_matrix((data, (rows, columns)), shape=shape)


def combine_sparse_features(features: Features, additional: Features) -> None:
    both = (features.features, additional.features)
    if any(not isinstance(m, coo_matrix) for m in both) or both[0].shape[0] != both[1].shape[0]:
        rasas_own(features, additional)  # other formats, and Rasa's own error message
        return
    features.features = side_by_side(features.features, additional.features)
    features._cached_fingerprint = None


def install() -> None:
    Features._combine_sparse_features = combine_sparse_features  # type: ignore[method-assign]
