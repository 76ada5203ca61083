"""The trained model gives the same parses and the same next actions without dask."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.channels.channel import UserMessage
from rasa.engine import loader
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.runner.interface import GraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa.patches.graph_runner import OrderedGraphRunner
from bot.runtime.stack import MODEL_PATH

pytestmark = pytest.mark.model  # compares runs of the trained Rasa model

MESSAGES = [
    "hi",
    "how do I handle a refund?",
    "I'm so sorry, I understand how frustrating that is.",
    '/start_roleplay{"scenario": "latte", "difficulty": "furious"}',
    "asdf qwerty",
]


@pytest.fixture(scope="module")
def runners(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple]:
    if not MODEL_PATH.exists():
        pytest.fail(f"No trained model at {MODEL_PATH}: run `make test`, which trains it.")
    loaded = {}
    for runner_class in (DaskGraphRunner, OrderedGraphRunner):
        folder: Path = tmp_path_factory.mktemp(runner_class.__name__)
        loaded[runner_class.__name__] = loader.load_predict_graph_runner(
            folder, MODEL_PATH, LocalModelStorage, runner_class
        )
    return loaded


def parse(metadata_and_runner: tuple, text: str) -> dict:
    metadata, runner = metadata_and_runner
    target = metadata.nlu_target
    result = runner.run(inputs={"__message__": [UserMessage(text)]}, targets=[target])
    return result[target][0].as_dict(only_output_properties=True)


def next_action(metadata_and_runner: tuple, parsed: dict) -> tuple[int, float]:
    metadata, runner = metadata_and_runner
    domain = Domain.from_dict(metadata.domain.as_dict())
    tracker = DialogueStateTracker.from_events(
        "tester",
        [ActionExecuted("action_listen"), UserUttered(parsed["text"], parsed["intent"])],
        domain.slots,
    )
    prediction = runner.run(inputs={"__tracker__": tracker}, targets=[metadata.core_target])
    probabilities = prediction[metadata.core_target].probabilities
    best = max(range(len(probabilities)), key=probabilities.__getitem__)
    return best, probabilities[best]


def test_every_message_parses_to_the_same_intent_entities_and_ranking(runners: dict) -> None:
    for text in MESSAGES:
        theirs = parse(runners["DaskGraphRunner"], text)
        ours = parse(runners["OrderedGraphRunner"], text)
        assert ours == theirs, text


def test_the_policy_predicts_the_same_next_action(runners: dict) -> None:
    for text in MESSAGES:
        parsed = parse(runners["DaskGraphRunner"], text)
        ours = next_action(runners["OrderedGraphRunner"], parsed)
        theirs = next_action(runners["DaskGraphRunner"], parsed)
        assert ours == theirs, text


def test_an_input_named_like_a_node_is_refused_as_rasa_does(runners: dict) -> None:
    metadata, runner = runners["OrderedGraphRunner"]
    assert isinstance(runner, GraphRunner)
    with pytest.raises(GraphRunError, match="clashes with a node name"):
        runner.run(inputs={metadata.nlu_target: "x"}, targets=[metadata.nlu_target])
