"""Adding a skill is editing data: a copy of the rubric with one more skill flows through
detection rules, scores, tips, hints, the debrief and every payload's labels, with no code
edited (the classifier learns it at the next `make train`)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot import paths, payloads
from bot.coaching.debrief import build_debrief
from bot.coaching.detector import SkillDetector, load_patterns
from bot.coaching.hints import hint_for
from bot.coaching.labelled_replies import load_labelled_replies
from bot.coaching.progress import Played, summarise
from bot.coaching.rubric import Rubric, load_rubric
from bot.coaching.scoring import assess
from bot.messages.slack_blocks import render
from bot.nlp import blank_pipeline
from bot.roleplay.turn import ReplyRecord, RoleplayState

PATIENCE = {
    "label": "keeping calm",
    "description": "Stays calm and unhurried however the customer speaks.",
    "weight": 15,
    "expected": "once",
    "tip_priority": 1,
    "hint_priority": 9,
    "tip": "Slow down; a calm voice lowers theirs.",
    "hint": "Take a breath and let them finish.",
}


@pytest.fixture()
def rubric(tmp_path: Path) -> Rubric:
    data = yaml.safe_load(paths.RUBRIC_FILE.read_text())
    data["skills"]["patience"] = PATIENCE
    target = tmp_path / "rubric.yml"
    target.write_text(yaml.safe_dump(data, sort_keys=False))
    return load_rubric(target)


def test_the_new_skill_is_detected_by_its_phrases_and_trained_on(rubric, tmp_path) -> None:
    patterns = tmp_path / "patterns.yml"
    patterns.write_text(yaml.safe_dump({"patience": ["take your time"]}))
    detector = SkillDetector(blank_pipeline(), load_patterns(patterns, rubric), rubric)
    assert detector.detect("Please, take your time.").skills == ("patience",)
    replies = tmp_path / "replies"
    replies.mkdir()
    (replies / "latte.yml").write_text(yaml.safe_dump({
        "scenario": "latte", "replies": [{"text": "No rush at all.", "skills": ["patience"]}],
    }))  # fmt: skip
    assert load_labelled_replies(replies, rubric)[0].skills == {"patience"}
    assert "patience" in rubric.labels, "the classifier is trained on every rubric skill"


def test_the_new_skill_scores_is_tipped_by_priority_and_hinted(rubric, content) -> None:
    assert assess(rubric, ["patience"], [], 2, []).score == 15
    missing = assess(rubric, ["empathy", "solution"], [], 2, [])
    assert missing.tip == PATIENCE["tip"], "tip_priority 1 puts it first"
    assert assess(rubric, ["empathy"], [], 2, ["patience"]).tip != PATIENCE["tip"], "once"

    def hint_after(*shown: str) -> str:
        state = RoleplayState("latte", "calm", 1, 50, 1, True, (ReplyRecord("x", 90, shown, ()),))
        return hint_for(rubric, state, content.scenarios["latte"])

    all_but = [s for s in rubric.skills if s != "patience"]
    assert hint_after(*all_but).startswith(PATIENCE["hint"]), "the one not shown yet"
    but_timeliness = [s for s in all_but if s != "timeliness"]
    assert hint_after(*but_timeliness).startswith(rubric.skills["timeliness"].hint), "9 is last"


def test_the_new_skill_reaches_every_payload_with_its_label(rubric, content) -> None:
    history = (ReplyRecord("No rush, I'll fix it.", 45, ("patience", "solution"), ()),)
    state = RoleplayState("latte", "calm", 1, 60, 1, True, history)
    scenario = content.scenarios["latte"]
    feedback = payloads.reply_feedback("latte", state, assess(rubric, ["patience"], [], 2, []),
                                       rubric)  # fmt: skip
    assert feedback["labels"] == {"patience": "keeping calm"}
    report = build_debrief(rubric, state, "won_over", scenario, content.anecdotes)
    card = payloads.debrief(report, rubric)
    assert list(card["skills"])[-1] == "patience" and card["skills"]["patience"] == 100
    assert card["labels"]["patience"] == "keeping calm"
    assert "keeping calm 100" in payloads.debrief_text(report, rubric)
    blocks, _ = render(card)
    assert "keeping calm" in json.dumps(blocks, ensure_ascii=False)
    summary = summarise([Played("latte", 45, report.skills, 1)], {})
    progress = payloads.progress(summary, [], {}, rubric)
    assert progress["labels"]["patience"] == "keeping calm"
    assert list(progress["skills"]) == list(rubric.skills), "shown in the rubric's order"
