"""Scenarios are data: all of them load, cover the essays, and a broken file is named."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import paths
from bot.coaching.rubric import load_rubric
from bot.roleplay.difficulty import DIFFICULTIES
from bot.roleplay.scenarios import STAGES, load_scenario, load_scenarios
from bot.roleplay.understanding import offer_kinds
from bot.yaml_data import DataError

SKILLS = tuple(load_rubric(paths.RUBRIC_FILE).skills)  # whatever the rubric names
KINDS = offer_kinds(paths.UNDERSTANDING_FILE)

REQUIRED = {
    "diet_coke", "theme_park", "canvas_print", "jewellery_return", "slow_counter",
    "ignored_at_door", "poor_product", "latte", "online_order", "spa_regular", "small_seller",
}  # fmt: skip


def test_at_least_twelve_scenarios_cover_the_brief_and_every_essay(content) -> None:
    scenarios = content.scenarios
    assert len(scenarios) >= 12
    assert scenarios.keys() >= REQUIRED
    essays = {f"seeds/{p.name}" for p in paths.SEEDS_DIR.glob("*.txt")}
    assert {s.source for s in scenarios.values()} == essays


def test_every_scenario_has_three_difficulties_and_varied_lines(content) -> None:
    for scenario in content.scenarios.values():
        assert set(scenario.openings) == set(DIFFICULTIES), scenario.id
        assert all(len(scenario.lines[stage]) >= 2 for stage in STAGES), scenario.id
        assert scenario.persona.wins_over and scenario.persona.sets_off, scenario.id


def write_broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load((paths.SCENARIOS_DIR / "latte.yml").read_text())
    change(data)
    target = tmp_path / "latte.yml"
    target.write_text(yaml.safe_dump(data))
    return target


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (lambda d: d["persona"].pop("name"), "persona.name", "is missing"),
        (lambda d: d["lines"]["opening"].pop("furious"), "lines.opening.furious", "is missing"),
        (lambda d: d["lines"].update(calming=["only one"]), "lines.calming", "at least 2"),
        (lambda d: d.update(source="seeds/nope.txt"), "source", "not a file in seeds/"),
        (lambda d: d.update(id="coffee"), "id", "must match the file name"),
        (lambda d: d.update(resolution_skills=["magic"]), "resolution_skills", "unknown magic"),
        (lambda d: d.update(title=""), "title", "non-empty text"),
        (lambda d: d.pop("summary"), "summary", "is missing"),
        (lambda d: d.update(summary="x" * 91), "summary", "one line of at most 90"),
        (lambda d: d.pop("customer"), "customer", "is missing"),
        (
            lambda d: d["customer"]["needs"]["fast"].update(met_by=["hugs"]),
            "customer.needs.fast.met_by",
            "unknown hugs",
        ),
        (
            lambda d: d["customer"]["refuses"].update(teleport="No."),
            "customer.refuses.teleport",
            "is not an offer kind",
        ),
        (
            lambda d: d["customer"]["facts"]["order"].pop("answer"),
            "customer.facts.order.answer",
            "is missing",
        ),
        (
            lambda d: d["customer"]["needs"]["fast"].update(spoiled_by={"phrases": ["tomorrow"]}),
            "customer.needs.fast.spoiled_by.answer",
            "is missing",
        ),
        (
            lambda d: d["customer"]["needs"]["fast"].update(
                spoiled_by={"phrases": ["later"], "answer": "No.", "kinds": ["teleport"]}
            ),
            "customer.needs.fast.spoiled_by.kinds",
            "unknown teleport",
        ),
        (
            lambda d: d["customer"]["needs"]["fast"].update(
                spoiled_by=[{"phrases": ["later"], "answer": "No."}, {"phrases": ["soon"]}]
            ),
            "customer.needs.fast.spoiled_by[1].answer",
            "is missing",
        ),
        (
            lambda d: d["customer"].update(
                set_off_by=[{"phrases": ["we're busy"], "heard_as": "rude"}]
            ),
            "customer.set_off_by[0].heard_as",
            "must be one of",
        ),
        (
            lambda d: d["customer"]["brush_off"].pop("blame"),
            "customer.brush_off.blame",
            "is missing",
        ),
    ],
)
def test_a_broken_scenario_names_its_file_and_field(tmp_path, change, field, problem) -> None:
    target = write_broken(tmp_path, change)
    with pytest.raises(DataError) as raised:
        load_scenario(target, paths.SEEDS_DIR, SKILLS, KINDS)
    assert raised.value.path == target
    assert raised.value.field == field
    assert problem in raised.value.problem


def test_invalid_yaml_is_reported_with_its_file(tmp_path: Path) -> None:
    (tmp_path / "bad.yml").write_text("id: bad\ntitle: [unclosed\n")
    with pytest.raises(DataError, match=r"bad\.yml: \(file\): is not valid YAML"):
        load_scenarios(tmp_path, paths.SEEDS_DIR, SKILLS, KINDS)
