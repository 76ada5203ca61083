"""Scenarios: the difficult customers, one YAML file each in data/scenarios/.

Adding a scenario is adding a file; everything about it is checked here at load time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.roleplay.customer import Customer, load_customer
from bot.roleplay.difficulty import DIFFICULTIES
from bot.seeds import source_essay
from bot.yaml_data import DataError, Fields

STAGES = ("escalating", "calming", "resolved", "walking_out")


@dataclass(frozen=True)
class Persona:
    name: str
    situation: str
    wants: str
    sets_off: tuple[str, ...]
    wins_over: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    source: str
    summary: str  # one line for the picker: who the customer is and what went wrong
    topics: tuple[str, ...]
    resolution_skills: tuple[str, ...]
    persona: Persona
    openings: dict[str, tuple[str, ...]]
    lines: dict[str, tuple[str, ...]]
    model_answer: str
    customer: Customer


def load_scenarios(
    folder: Path, seeds_dir: Path, skills: Iterable[str], offer_kinds: Iterable[str]
) -> dict[str, Scenario]:
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise DataError(folder, "(folder)", "holds no scenario files (*.yml)")
    known_skills, kinds = tuple(skills), frozenset(offer_kinds)
    scenarios = [load_scenario(path, seeds_dir, known_skills, kinds) for path in files]
    return {scenario.id: scenario for scenario in scenarios}


def load_scenario(
    path: Path, seeds_dir: Path, skills: tuple[str, ...], offer_kinds: frozenset[str]
) -> Scenario:
    fields = Fields.of_file(path)
    scenario_id = fields.text("id")
    if scenario_id != path.stem:
        raise DataError(path, "id", f"must match the file name ({path.stem!r})")
    lines = fields.sub("lines")
    openings = lines.sub("opening")
    return Scenario(
        id=scenario_id,
        title=fields.text("title"),
        source=source_essay(fields, seeds_dir)[0],
        summary=_one_line(fields, "summary"),
        topics=tuple(fields.texts("topics")),
        resolution_skills=tuple(fields.choices("resolution_skills", skills)),
        persona=_persona(fields.sub("persona")),
        openings={d: tuple(openings.texts(d)) for d in DIFFICULTIES},
        lines={stage: tuple(lines.texts(stage, minimum=2)) for stage in STAGES},
        model_answer=fields.text("model_answer"),
        customer=load_customer(fields.sub("customer"), offer_kinds),
    )


SUMMARY_MAX = 90  # fits one line of the picker at phone width, in two at most


def _one_line(fields: Fields, field: str) -> str:
    text = fields.text(field)
    if "\n" in text or len(text) > SUMMARY_MAX:
        raise DataError(
            fields.path, fields.name(field), f"must be one line of at most {SUMMARY_MAX} characters"
        )
    return text


def _persona(fields: Fields) -> Persona:
    return Persona(
        name=fields.text("name"),
        situation=fields.text("situation"),
        wants=fields.text("wants"),
        sets_off=tuple(fields.texts("sets_off")),
        wins_over=tuple(fields.texts("wins_over")),
    )
