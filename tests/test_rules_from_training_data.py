"""Phrase rules and synonyms come from training data only. A phrase that matches some held-out
text and no training or dev text was written from the test set, and the figure it produces
would not be honest; so is a held-out example that nearly repeats a training one.

Held-out: tests/roleplay/conversations, tests/coaching/heldout_replies, tests/knowledge,
tests/nlu. Training and dev: everything the rules may be written from under data/ (labelled
replies, the customer's labelled readings, dev sets, NLU training data, tips, stories and
scenarios), never the rule files.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from difflib import SequenceMatcher
from pathlib import Path

import pytest
import yaml
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from bot import paths
from bot.engine import load_content
from bot.nlp import blank_pipeline
from bot.roleplay.understanding import load_understanding

DATA = paths.DATA_DIR
TESTS = paths.PROJECT_ROOT / "tests"
TRAINING = [DATA / "coaching/replies", DATA / "coaching/dev_replies",
            DATA / "roleplay/dev_conversations", DATA / "roleplay/readings", DATA / "nlu",
            DATA / "scenarios",
            DATA / "tips.yml", DATA / "anecdotes.yml", DATA / "knowledge_dev_queries.yml",
            DATA / "knowledge_dev_questions.yml"]  # fmt: skip
HELD_OUT = [TESTS / "roleplay/conversations", TESTS / "coaching/heldout_replies",
            TESTS / "knowledge", TESTS / "nlu"]  # fmt: skip
NEAR_DUPLICATE = 0.9
# data/scenarios: spoilers' and set-offs' phrases, the words a fact is about
RULE_KEYS = {"phrases", "about"}
ID = re.compile(r"[a-z0-9]+(?:[_\-][a-z0-9]+)+|tip|story|none|calm|frustrated|furious")


def files(places: Iterable[Path]) -> list[Path]:
    return [f for p in places for f in ([p] if p.is_file() else sorted(p.rglob("*.yml")))]


def texts_in(places: Iterable[Path]) -> list[str]:
    """Every sentence-like string in the files: replies, questions, examples, lines."""
    found: list[str] = []
    for path in files(places):
        found.extend(_strings(yaml.safe_load(path.read_text(encoding="utf-8"))))
    return found


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        if "\n- " in "\n" + data:  # an NLU `examples: |` block
            return [line.lstrip("- ").strip() for line in data.splitlines() if line.strip()]
        return [] if ID.fullmatch(data) else [data]  # sentences, not ids or labels
    if isinstance(data, dict):  # a scenario's own rule words are not text they may match
        return [t for k, v in data.items() if k not in RULE_KEYS for t in _strings(v)]
    if isinstance(data, list):
        return [t for item in data for t in _strings(item)]
    return []


@functools.cache
def rule_phrases() -> dict[str, list[str]]:
    """Every phrase a rule file matches on, by file (loaded once: the scenarios and the
    reader's phrase matchers are the slow part)."""
    reader = load_understanding(paths.UNDERSTANDING_FILE, blank_pipeline()).phrases
    commands = [p for group in _load(paths.COMMANDS_FILE)["commands"].values() for p in group]
    patterns = [p for group in _load(paths.PATTERNS_FILE).values() for p in group]
    synonyms = [p for group in _load(paths.SYNONYMS_FILE)["concepts"].values() for p in group]
    customers = [s.customer for s in load_content().scenarios.values()]
    spoilers = [p for c in customers for n in c.needs for spoiler in n.spoiled_by
                for p in spoiler.phrases]  # fmt: skip
    about = [w for c in customers for f in c.facts for w in f.about]
    set_off = [p for c in customers for s in c.set_off_by for p in s.phrases]
    return {
        "data/roleplay/understanding.yml": list(reader),
        "data/scenarios (spoiled_by)": spoilers,
        "data/scenarios (facts' about)": about,
        "data/scenarios (set_off_by)": set_off,
        "data/roleplay/commands.yml": commands,
        "data/coaching/patterns.yml": patterns,
        "data/synonyms.yml": synonyms,
    }


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def matched(nlp: Language, phrases: Iterable[str], texts: list[str]) -> set[str]:
    """The phrases found in the texts, on lookup lemmas as the rules match them."""
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    for phrase in set(phrases):
        matcher.add(phrase, [nlp(phrase.lower())])
    docs = nlp.pipe(t.lower() for t in texts)
    return {nlp.vocab.strings[m] for doc in docs for m, _, _ in matcher(doc)}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline()


@pytest.fixture(scope="module")
def corpora() -> tuple[list[str], list[str]]:
    return texts_in(TRAINING), texts_in(HELD_OUT)


@pytest.mark.parametrize("rule_file", sorted(rule_phrases()))
def test_no_phrase_matches_held_out_text_without_matching_training_text(
    rule_file: str, nlp: Language, corpora: tuple[list[str], list[str]]
) -> None:
    phrases = rule_phrases()[rule_file]
    training, held_out = corpora
    leaked = sorted(matched(nlp, phrases, held_out) - matched(nlp, phrases, training))
    assert not leaked, f"{rule_file}: phrases seen only in held-out data: {leaked}"


@pytest.mark.parametrize(
    ("held_out", "training"),
    [
        ([TESTS / "roleplay/conversations"],
         [DATA / "roleplay/dev_conversations", DATA / "roleplay/readings"]),
        ([TESTS / "coaching/heldout_replies"],
         [DATA / "coaching/replies", DATA / "coaching/dev_replies"]),
        ([TESTS / "knowledge/heldout_questions.yml"],
         [DATA / "knowledge_dev_questions.yml", DATA / "tips.yml"]),
        ([TESTS / "nlu"], [DATA / "nlu"]),
    ],
    ids=["conversations", "replies", "questions", "nlu"],
)  # fmt: skip
def test_no_held_out_example_nearly_repeats_a_training_one(
    held_out: list[Path], training: list[Path]
) -> None:
    seen = {t.lower() for t in texts_in(training) if len(t) > 12}
    asked = {t.lower() for t in texts_in(held_out) if len(t) > 12}
    close = sorted((h, t) for h in asked for t in seen if _near(h, t))
    assert not close, close


def _near(a: str, b: str) -> bool:
    """Similar to the letter (difflib's ratio at least NEAR_DUPLICATE), checked cheaply first."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= NEAR_DUPLICATE
        and matcher.quick_ratio() >= NEAR_DUPLICATE
        and matcher.ratio() >= NEAR_DUPLICATE
    )
