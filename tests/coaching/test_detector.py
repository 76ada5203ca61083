"""The shipped coach (rules + the classifier `make train` builds) on replies that matter."""

from __future__ import annotations

import pytest

from bot import paths
from bot.coaching.evaluation import evaluate, macro_f1
from bot.coaching.labelled_replies import load_labelled_replies
from bot.coaching.scoring import score_reply


@pytest.fixture(scope="module")
def detect(engine):
    assert engine.detector.has_classifier, "run `make train`: the coach's classifier is missing"
    return engine.detector.detect


@pytest.mark.parametrize("reply", ["ok", "Sure.", "fine", "k"])
def test_a_bare_acknowledgement_scores_low(detect, content, reply: str) -> None:
    found = detect(reply)
    assert score_reply(content.rubric, found.skills, found.flags, 2) <= 15


@pytest.mark.parametrize(
    "reply",
    [
        "Sorry, rules are rules.",
        "sorry, rules are rules",
        "I'm sorry but that's company policy, there's nothing I can do.",
    ],
)
def test_sorry_rules_are_rules_is_policy_hiding_not_empathy(detect, reply: str) -> None:
    found = detect(reply)
    assert "policy_hiding" in found.flags
    assert "empathy" not in found.skills and "apology" not in found.skills


@pytest.mark.parametrize(
    "reply",
    [
        "Oh, I'm SO sorry you had to wait a whole minute.",
        "Oh great, another complaint, how original.",
        "Poor you, a lukewarm coffee. What a tragedy.",
    ],
)
def test_sarcasm_is_dismissive_and_earns_no_empathy(detect, reply: str) -> None:
    found = detect(reply)
    assert "dismissive" in found.flags
    assert "empathy" not in found.skills


def test_a_strong_reply_shows_its_skills(detect) -> None:
    found = detect(
        "I'm so sorry, I understand how frustrating that is. I'll personally remake it "
        "with oat milk right now."
    )
    assert {"apology", "empathy", "ownership", "solution", "timeliness"} <= set(found.skills)
    assert found.flags == ()


def test_blaming_a_colleague_is_flagged(detect) -> None:
    assert "blame" in detect("The kitchen messed up, it's not my fault.").flags


# Just under what the coach reached on the blind held-out replies with 1,596 training replies
# and the n-gram classifier (macro-F1 0.81, weakest label 0.62; 0.71 and 0.49 before): a floor
# against getting worse, not the 0.90 aimed for.
HELD_OUT_FLOOR, LABEL_FLOOR = 0.79, 0.58


def test_held_out_quality_does_not_fall(engine) -> None:
    held_out = load_labelled_replies(paths.HELD_OUT_REPLIES_DIR, engine.content.rubric)
    scores = evaluate(engine.detector, held_out)
    assert macro_f1(scores) >= HELD_OUT_FLOOR, scores
    assert min(s.f1 for s in scores) >= LABEL_FLOOR, scores
