"""Our count-vector featurizer gives the classifier exactly what Rasa's gives it."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa.sentence_counts import SentenceCountVectorsFeaturizer

EXAMPLES = {
    "I'm so sorry, I understand how frustrating that is": "roleplay_reply",
    "how do I handle a refund?": "ask_tip",
    "tell me a story about great service": "ask_story",
    "stop": "stop_roleplay",
}
CONFIGS = [{}, {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4}]


def tokenized(text: str, intent: str | None = None) -> Message:
    message = Message(data={TEXT: text, **({INTENT: intent} if intent else {})})
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    tokenizer.process([message])
    return message


def trained(kind: type, config: dict, folder: Path) -> CountVectorsFeaturizer:
    folder.mkdir()
    featurizer = kind.create(
        {**kind.get_default_config(), **config},
        LocalModelStorage(folder),
        Resource(kind.__name__),
        ExecutionContext(GraphSchema({}), "test"),
    )
    examples = [tokenized(text, intent) for text, intent in EXAMPLES.items()]
    featurizer.train(TrainingData(examples))
    return featurizer


@pytest.mark.parametrize("config", CONFIGS, ids=["words", "characters"])
def test_a_message_is_counted_as_rasa_counts_it_as_a_whole(config: dict, tmp_path: Path) -> None:
    rasas = trained(CountVectorsFeaturizer, config, tmp_path / "rasa")
    ours = trained(SentenceCountVectorsFeaturizer, config, tmp_path / "ours")
    for text in ["sorry about the refund, let me handle it", "stop", "zzz unseen words"]:
        theirs_message, our_message = tokenized(text), tokenized(text)
        rasas.process([theirs_message])
        ours.process([our_message])
        theirs_sequence, theirs_sentence = theirs_message.get_sparse_features(TEXT)
        our_sequence, our_sentence = our_message.get_sparse_features(TEXT)
        assert theirs_sequence is not None, "Rasa's counts token by token"
        assert our_sequence is None, "ours does not"
        assert np.array_equal(our_sentence.features.toarray(), theirs_sentence.features.toarray())


def test_intents_keep_the_features_rasa_gives_them(tmp_path: Path) -> None:
    rasas = trained(CountVectorsFeaturizer, {}, tmp_path / "rasa")
    ours = trained(SentenceCountVectorsFeaturizer, {}, tmp_path / "ours")
    theirs_message = tokenized("stop", "stop_roleplay")
    our_message = tokenized("stop", "stop_roleplay")
    rasas.process_training_data(TrainingData([theirs_message]))
    ours.process_training_data(TrainingData([our_message]))
    theirs, mine = (m.get_sparse_features(INTENT)[0] for m in (theirs_message, our_message))
    assert np.array_equal(mine.features.toarray(), theirs.features.toarray())
