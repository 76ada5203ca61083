"""Rasa's count-vector featurizer, counting each message as a whole only.

Rasa's CountVectorsFeaturizer counts every message twice: once token by token (sequence
features, for DIET and other sequence models) and once as a whole (sentence features). Our
pipeline's only reader of features is the logistic-regression intent classifier, which
reads the sentence features alone, so the token-by-token counts were built, joined and
thrown away on every message: about a third of a parse (docs/performance.md). config.yml
names this class instead of Rasa's; the vocabulary, the counts of a whole message and the
intents predicted are Rasa's own.
"""

from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from scipy.sparse import spmatrix


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class SentenceCountVectorsFeaturizer(CountVectorsFeaturizer):
    """Sentence features of text, as Rasa builds them; no sequence features of text."""

    def _create_features(
        self, attribute: str, all_tokens: list[list[str]]
    ) -> tuple[list[spmatrix | None], list[spmatrix | None]]:
        vectorizer = self.vectorizers.get(attribute)
        if not vectorizer or attribute not in DENSE_FEATURIZABLE_ATTRIBUTES:
            return super()._create_features(attribute, all_tokens)
        sentences: list[spmatrix | None] = []
        for tokens in all_tokens:
            if not tokens:
                sentences.append(None)
                continue
            counts = vectorizer.transform([" ".join(tokens)])
            counts.sort_indices()
            sentences.append(counts.tocoo())
        return [None] * len(all_tokens), sentences
