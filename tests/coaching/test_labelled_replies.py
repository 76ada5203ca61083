"""The labelled replies the coach learns from, and the held-out fifth it is measured on."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import paths
from bot.coaching.labelled_replies import load_labelled_replies, normalised, split
from bot.yaml_data import DataError


@pytest.fixture(scope="module")
def replies(content):
    return load_labelled_replies(paths.LABELLED_REPLIES_DIR, content.rubric)


def test_at_least_400_labelled_replies_across_the_scenarios(replies, content) -> None:
    assert len(replies) >= 400
    assert {r.scenario for r in replies} == set(content.scenarios)


def test_a_fifth_is_held_out_and_no_text_is_on_both_sides(replies) -> None:
    training, held_out = split(replies)
    assert abs(len(held_out) / len(replies) - 0.2) < 0.03
    assert not {normalised(r.text) for r in training} & {normalised(r.text) for r in held_out}


def test_the_split_does_not_depend_on_file_order(replies) -> None:
    assert split(reversed(replies))[1] == list(reversed(split(replies)[1]))


def test_every_skill_and_flag_is_measured_on_held_out_replies(replies, content) -> None:
    _, held_out = split(replies)
    for label in content.rubric.labels:
        assert sum(label in r.labels for r in held_out) >= 5, label


def test_an_unknown_label_names_its_file_and_entry(tmp_path: Path, content) -> None:
    (tmp_path / "latte.yml").write_text(
        "scenario: latte\nreplies:\n  - {text: fine, skills: [charm]}\n"
    )
    with pytest.raises(DataError) as raised:
        load_labelled_replies(tmp_path, content.rubric)
    assert raised.value.field == "replies[0].skills"
    assert "unknown charm" in raised.value.problem
