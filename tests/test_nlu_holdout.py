"""NLU quality on examples the model never saw: intent accuracy and macro-F1."""

from __future__ import annotations

import re

from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import accuracy_score, classification_report, f1_score

from bot.settings import PROJECT_ROOT
from tests.rasa_client import RasaClient

HOLDOUT = PROJECT_ROOT / "tests" / "nlu" / "holdout.yml"
MIN_ACCURACY = 0.90


def normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def test_holdout_is_not_in_the_training_data() -> None:
    training = {normalised(m.get("text")) for m in load_data("data/nlu").intent_examples}
    held_out = {normalised(m.get("text")) for m in load_data(str(HOLDOUT)).intent_examples}
    assert held_out, "the held-out set is empty"
    assert not held_out & training


def test_every_intent_has_at_least_twenty_training_examples() -> None:
    counts = load_data(str(PROJECT_ROOT / "data" / "nlu")).number_of_examples_per_intent
    required = {"greet", "goodbye", "help", "start_roleplay", "ask_tip", "ask_story"}
    required |= {"stop_roleplay", "show_progress"}
    assert required <= counts.keys()
    assert {intent: n for intent, n in counts.items() if n < 20} == {}


def test_holdout_intent_accuracy_and_macro_f1(rasa: RasaClient, capsys) -> None:
    examples = load_data(str(HOLDOUT)).intent_examples
    expected = [m.get("intent") for m in examples]
    predicted = [rasa.parse(m.get("text"))["intent"]["name"] for m in examples]
    accuracy = accuracy_score(expected, predicted)
    macro_f1 = f1_score(expected, predicted, average="macro", zero_division=0)
    with capsys.disabled():
        print(
            f"\nNLU held-out: {len(examples)} examples, accuracy {accuracy:.3f}, "
            f"macro-F1 {macro_f1:.3f}"
        )
    misses = [
        (m.get("text"), e, p)
        for m, e, p in zip(examples, expected, predicted, strict=True)
        if e != p
    ]
    report = classification_report(expected, predicted, zero_division=0)
    assert accuracy >= MIN_ACCURACY, f"{report}\nmisses: {misses}"


def test_scenario_and_difficulty_are_extracted(rasa: RasaClient) -> None:
    parsed = rasa.parse("give me an angry coffee customer please")
    entities = {e["entity"]: e["value"] for e in parsed["entities"]}
    assert parsed["intent"]["name"] == "start_roleplay"
    assert entities == {"scenario": "latte", "difficulty": "furious"}
