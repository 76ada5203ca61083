"""The rubric names the skills and flags exactly; a broken rubric file is named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import paths
from bot.coaching.rubric import FLAGS, SKILLS, load_rubric
from bot.yaml_data import DataError


def test_the_rubric_has_the_named_skills_and_flags(content) -> None:
    assert tuple(content.rubric.skills) == SKILLS
    assert tuple(content.rubric.flags) == FLAGS


def test_a_missing_skill_is_named(tmp_path: Path) -> None:
    data = yaml.safe_load(paths.RUBRIC_FILE.read_text())
    del data["skills"]["empathy"]
    target = tmp_path / "rubric.yml"
    target.write_text(yaml.safe_dump(data))
    with pytest.raises(DataError, match=r"rubric\.yml: skills: missing empathy"):
        load_rubric(target)


def test_a_bad_weight_is_named(tmp_path: Path) -> None:
    data = yaml.safe_load(paths.RUBRIC_FILE.read_text())
    data["skills"]["apology"]["weight"] = "lots"
    target = tmp_path / "rubric.yml"
    target.write_text(yaml.safe_dump(data))
    with pytest.raises(DataError, match=r"skills\.apology\.weight: must be a whole number"):
        load_rubric(target)
