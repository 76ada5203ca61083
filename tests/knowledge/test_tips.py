"""The tip library: enough tips on every topic employees ask about, each linked correctly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import paths
from bot.coaching.rubric import load_rubric
from bot.knowledge.tips import load_tips
from bot.yaml_data import DataError

SKILLS = tuple(load_rubric(paths.RUBRIC_FILE).skills)  # whatever the rubric names

TOPICS = {
    "returns", "pricing", "waiting", "greeting", "mistakes", "out_of_stock", "quality",
    "online", "wow", "training", "positivity",
}  # fmt: skip


def test_at_least_40_tips_cover_every_topic(content) -> None:
    library = content.tips
    assert len(library.tips) >= 40
    assert {tip.topic for tip in library.tips} == TOPICS == set(library.topics)
    assert all(tip.skills for tip in library.tips)


def test_a_tip_naming_a_story_that_does_not_exist_is_refused(tmp_path: Path, content) -> None:
    data = yaml.safe_load(paths.TIPS_FILE.read_text())
    data["tips"][3]["anecdote"] = "made_up_story"
    target = tmp_path / "tips.yml"
    target.write_text(yaml.safe_dump(data))
    with pytest.raises(DataError) as raised:
        load_tips(target, SKILLS, [a.id for a in content.anecdotes])
    assert raised.value.field == "tips[3].anecdote"
