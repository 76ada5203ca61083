"""The rubric file names the skills, flags and outcomes and their words; a broken rubric file
is named by file and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot import paths
from bot.coaching.rubric import Rubric, load_rubric
from bot.yaml_data import DataError


def edited_rubric(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> Rubric:
    data = yaml.safe_load(paths.RUBRIC_FILE.read_text())
    edit(data)
    target = tmp_path / "rubric.yml"
    target.write_text(yaml.safe_dump(data, sort_keys=False))
    return load_rubric(target)


def test_skills_show_in_the_rubric_file_order_with_its_labels(content) -> None:
    rubric = content.rubric
    assert tuple(rubric.skills) == (
        "greeting", "empathy", "apology", "ownership",
        "solution", "above_and_beyond", "positive_tone", "timeliness",
    )  # fmt: skip
    assert tuple(rubric.flags) == ("blame", "policy_hiding", "dismissive")
    assert rubric.label("above_and_beyond") == "above and beyond"
    assert rubric.label("policy_hiding") == "hiding behind policy"
    assert rubric.outcome_label("won_over") == "You won the customer over"


def test_only_the_greeting_counts_in_the_opening_reply_only(content) -> None:
    first_turn = [s.name for s in content.rubric.skills.values() if s.first_turn_only]
    assert first_turn == ["greeting"]


def test_a_rubric_without_skills_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"rubric\.yml: skills: needs at least one skill"):
        edited_rubric(tmp_path, lambda data: data.update(skills={}))


def test_a_skill_without_a_label_is_named(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"rubric\.yml: skills\.empathy\.label: is missing"):
        edited_rubric(tmp_path, lambda data: data["skills"]["empathy"].pop("label"))


def test_a_bad_weight_is_named(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["skills"]["apology"]["weight"] = "lots"

    with pytest.raises(DataError, match=r"skills\.apology\.weight: must be a whole number"):
        edited_rubric(tmp_path, edit)


def test_a_flag_must_cost_points(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["flags"]["blame"]["penalty"] = 0

    with pytest.raises(DataError, match=r"flags\.blame\.penalty: must be a whole number 1-100"):
        edited_rubric(tmp_path, edit)


def test_every_way_a_role_play_ends_needs_its_words(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"rubric\.yml: outcomes: missing turn_limit"):
        edited_rubric(tmp_path, lambda data: data["outcomes"].pop("turn_limit"))
    with pytest.raises(DataError, match=r"outcomes: unknown draw"):
        edited_rubric(tmp_path, lambda data: data["outcomes"].update(draw={"label": "A draw"}))
