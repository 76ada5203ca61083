"""The role-play customer's phrase rules come from training data only: a phrase that matches
some held-out text and no training or dev text was written from the test set, and the figure
it produces would not be honest. Held-out conversations must not nearly repeat dev ones."""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

import pytest
import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from bot import paths
from bot.nlp import blank_pipeline

ROOT = paths.PROJECT_ROOT
TRAINING = [ROOT / "data/coaching/replies", ROOT / "data/coaching/dev_replies",
            ROOT / "data/roleplay/dev_conversations", ROOT / "data/nlu"]  # fmt: skip
HELD_OUT = [ROOT / "tests/roleplay/conversations", ROOT / "tests/coaching/heldout_replies",
            ROOT / "tests/knowledge", ROOT / "tests/nlu"]  # fmt: skip
NEAR_DUPLICATE = 0.9


def texts_in(folders: list[Path]) -> list[str]:
    """Every employee line, labelled reply, question and NLU example under the folders."""
    found: list[str] = []
    for folder in folders:
        for path in sorted(folder.rglob("*.yml")):
            found.extend(_texts(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return found


def _texts(data: object) -> list[str]:
    if isinstance(data, dict):
        own = [data[k] for k in ("employee", "text") if isinstance(data.get(k), str)]
        examples = data.get("examples")
        if isinstance(examples, str):
            own += [line.lstrip("- ").strip() for line in examples.splitlines() if line.strip()]
        return own + [t for v in data.values() if isinstance(v, dict | list) for t in _texts(v)]
    if isinstance(data, list):
        return [t for item in data for t in _texts(item)]
    return []


def rule_phrases() -> list[str]:
    """Every phrase the customer's reader and the command gate match on."""
    understanding = yaml.safe_load(paths.UNDERSTANDING_FILE.read_text(encoding="utf-8"))
    commands = yaml.safe_load(paths.COMMANDS_FILE.read_text(encoding="utf-8"))
    phrases = [p for offer in understanding["offers"].values() for p in offer["phrases"]]
    for group in ("vague", "to_coach", "coach_requests", "refusals", "thanks", "closes",
                  "times_now", "times_later", "fillers"):  # fmt: skip
        phrases += understanding[group]
    phrases += [p for flag in understanding["brush_offs"].values() for p in flag]
    phrases += [p for group in commands["commands"].values() for p in group]
    return sorted(set(phrases))


def matched(nlp: Language, phrases: list[str], texts: list[str]) -> set[str]:
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    for phrase in phrases:
        matcher.add(phrase, [nlp(phrase.lower())])
    return {
        nlp.vocab.strings[m]
        for doc in nlp.pipe(t.lower() for t in texts)
        for m, _, _ in matcher(doc)
    }


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline()


def test_no_phrase_matches_held_out_text_without_matching_training_text(nlp: Language) -> None:
    phrases = rule_phrases()
    in_training = matched(nlp, phrases, texts_in(TRAINING))
    in_held_out = matched(nlp, phrases, texts_in(HELD_OUT))
    leaked = sorted(in_held_out - in_training)
    assert not leaked, f"phrases seen only in held-out data: {leaked}"


def test_no_held_out_conversation_line_nearly_repeats_a_dev_line() -> None:
    dev = [t.lower() for t in texts_in([ROOT / "data/roleplay/dev_conversations"])]
    held_out = [t.lower() for t in texts_in([ROOT / "tests/roleplay/conversations"])]
    close = [
        (h, d) for h in held_out for d in dev
        if len(h) > 12 and SequenceMatcher(None, h, d).ratio() >= NEAR_DUPLICATE
    ]  # fmt: skip
    assert not close, close[:5]
