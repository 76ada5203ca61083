"""The labelled replies the coach learns from, and the blind held-out set it is measured on."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import paths
from bot.coaching.labelled_replies import load_labelled_replies, normalised
from bot.yaml_data import DataError


@pytest.fixture(scope="module")
def replies(content):
    return load_labelled_replies(paths.LABELLED_REPLIES_DIR, content.rubric)


def test_at_least_400_labelled_replies_across_the_scenarios(replies, content) -> None:
    assert len(replies) >= 400
    assert {r.scenario for r in replies} == set(content.scenarios)


@pytest.fixture(scope="module")
def held_out(content):
    return load_labelled_replies(paths.HELD_OUT_REPLIES_DIR, content.rubric)


def test_no_held_out_reply_is_also_a_training_or_dev_reply(replies, held_out, content) -> None:
    dev = load_labelled_replies(paths.DEV_REPLIES_DIR, content.rubric)
    seen = {normalised(r.text) for r in [*replies, *dev]}
    # A bare "ok" is everyone's reply; anything longer written twice would be a copy.
    assert not {t for t in seen & {normalised(r.text) for r in held_out} if " " in t}


def test_every_scenario_skill_and_flag_is_measured_on_300_held_out_replies(
    held_out, content
) -> None:
    assert len(held_out) >= 300
    assert {r.scenario for r in held_out} == set(content.scenarios)
    for label in content.rubric.labels:
        assert sum(label in r.labels for r in held_out) >= 25, label


def test_an_unknown_label_names_its_file_and_entry(tmp_path: Path, content) -> None:
    (tmp_path / "latte.yml").write_text(
        "scenario: latte\nreplies:\n  - {text: fine, skills: [charm]}\n"
    )
    with pytest.raises(DataError) as raised:
        load_labelled_replies(tmp_path, content.rubric)
    assert raised.value.field == "replies[0].skills"
    assert "unknown charm" in raised.value.problem


def test_corrected_replies_replace_the_same_text_elsewhere(tmp_path: Path, content) -> None:
    """corrections.yml is trainers' later word: its labels win over another file's."""
    (tmp_path / "latte.yml").write_text(
        "scenario: latte\nreplies:\n  - {text: 'Sorry, I will fix it.', skills: [apology]}\n"
        "  - {text: ok, skills: []}\n"
    )
    (tmp_path / "corrections.yml").write_text(
        "replies:\n  - {text: 'sorry i will fix it', scenario: latte, skills: [apology, solution]}"
        "\n  - {text: fine, scenario: diet_coke, flags: [dismissive]}\n"
    )
    loaded = {r.text: r for r in load_labelled_replies(tmp_path, content.rubric)}
    assert set(loaded) == {"ok", "sorry i will fix it", "fine"}
    assert loaded["sorry i will fix it"].skills == {"apology", "solution"}
    assert loaded["fine"].scenario == "diet_coke"


def test_a_reply_without_a_scenario_names_its_file_and_entry(tmp_path: Path, content) -> None:
    (tmp_path / "corrections.yml").write_text("replies:\n  - {text: fine, skills: []}\n")
    with pytest.raises(DataError) as raised:
        load_labelled_replies(tmp_path, content.rubric)
    assert raised.value.path.name == "corrections.yml"
    assert raised.value.field == "replies[0].scenario"


def test_a_text_labelled_two_ways_outside_corrections_is_refused(tmp_path: Path, content) -> None:
    for name, skills in (("latte", "[apology]"), ("diet_coke", "[empathy]")):
        (tmp_path / f"{name}.yml").write_text(
            f"scenario: {name}\nreplies:\n  - {{text: So sorry, skills: {skills}}}\n"
        )
    with pytest.raises(DataError) as raised:
        load_labelled_replies(tmp_path, content.rubric)
    assert "labelled differently in diet_coke.yml" in raised.value.problem
