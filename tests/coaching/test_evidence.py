"""The words the coach points at when it explains a score: right words, right offsets."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.coaching.detector import SkillDetector

EXAMPLES = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Replies as typed, and text nobody would type: mixed case, letters that lower-case to two
# characters, emoji, control characters, long runs.
replies = st.lists(
    st.sampled_from([
        "I'm", "so", "SORRY", "sorry", "I'll", "remake", "it", "now", "İ", "ẞ", "café",
        "two minutes", "😀", "\u0301", ",", ".", "!", "\n", "  ", "refund", "REALLY",
    ]) | st.text(max_size=12),
    max_size=60,
).map(" ".join)  # fmt: skip


@pytest.fixture(scope="module")
def detector(engine) -> SkillDetector:
    assert engine.detector.has_classifier, "run `make train`: the coach's classifier is missing"
    return engine.detector


def explained(detector: SkillDetector, text: str) -> dict[str, list[str]]:
    found = detector.detect(text)
    evidence = detector.evidence(text, [*found.skills, *found.flags])
    return {label: [span.text for span in spans] for label, spans in evidence.items()}


def test_rule_hits_point_at_the_words_that_showed_them(detector) -> None:
    shown = explained(detector, "I'm so sorry, I'll remake it now")
    assert any("sorry" in words for words in shown["apology"])
    assert any("remake" in words for words in shown["solution"])


def test_spans_point_into_the_text_as_typed_whatever_its_case(detector) -> None:
    text = "İİİ Straße café: I am Sorry, we will REMAKE it."
    evidence = detector.evidence(text, ["apology", "solution"])
    assert [s.text for s in evidence["apology"]] == ["Sorry"]
    assert [s.text for s in evidence["solution"]] == ["REMAKE"]
    assert all(text[s.start : s.end] == s.text for spans in evidence.values() for s in spans)


def test_shouted_sarcasm_points_at_the_shouted_word(detector) -> None:
    shown = explained(detector, "Oh, I'm SO sorry you had to wait a whole minute.")
    assert "SO" in shown["dismissive"]


def test_a_label_only_the_classifier_found_gets_a_short_span_or_none(detector) -> None:
    text = "I'm so sorry, I'll remake it now"
    found = detector.detect(text)
    learned = [label for label in found.skills if label not in found.rule_hits]
    assert learned, "the example needs a label no phrase rule found"
    for spans in detector.evidence(text, learned).values():
        assert len(spans) <= 1
        assert all(len(s.text.split()) <= 3 and text[s.start : s.end] == s.text for s in spans)


def test_a_label_asked_for_but_not_shown_gets_an_empty_list(detector) -> None:
    assert detector.evidence("ok", ["apology"]) == {"apology": []}


@EXAMPLES
@given(text=replies | st.text(max_size=2000))
def test_every_span_lies_inside_the_reply_and_is_its_slice(detector, text: str) -> None:
    labels = list(detector.rubric.labels)
    for spans in detector.evidence(text, labels).values():
        for span in spans:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text
