"""The rubric every reply is scored on, loaded from data/coaching/rubric.yml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.yaml_data import DataError, Fields

SKILLS = (
    "greeting",
    "empathy",
    "apology",
    "ownership",
    "solution",
    "above_and_beyond",
    "positive_tone",
    "timeliness",
)
FLAGS = ("blame", "policy_hiding", "dismissive")
EXPECTATIONS = ("first_turn", "once", "most_turns")


@dataclass(frozen=True)
class Skill:
    name: str
    description: str
    weight: int
    expected: str
    tip: str
    hint: str


@dataclass(frozen=True)
class Flag:
    name: str
    description: str
    penalty: int
    tip: str


@dataclass(frozen=True)
class Rubric:
    skills: dict[str, Skill]
    flags: dict[str, Flag]

    @property
    def labels(self) -> tuple[str, ...]:
        return (*self.skills, *self.flags)


def load_rubric(path: Path) -> Rubric:
    root = Fields.of_file(path)
    skills_fields, flags_fields = root.sub("skills"), root.sub("flags")
    _require_names(path, "skills", skills_fields.names(), SKILLS)
    _require_names(path, "flags", flags_fields.names(), FLAGS)
    skills = {name: _skill(skills_fields.sub(name), name) for name in skills_fields.names()}
    flags = {name: _flag(flags_fields.sub(name), name) for name in flags_fields.names()}
    return Rubric(skills=skills, flags=flags)


def _require_names(path: Path, field: str, found: list[str], required: tuple[str, ...]) -> None:
    missing = [name for name in required if name not in found]
    if missing:
        raise DataError(path, field, f"missing {', '.join(missing)}")


def _skill(fields: Fields, name: str) -> Skill:
    return Skill(
        name=name,
        description=fields.text("description"),
        weight=fields.integer("weight", 0, 100),
        expected=fields.choice("expected", EXPECTATIONS),
        tip=fields.text("tip"),
        hint=fields.text("hint"),
    )


def _flag(fields: Fields, name: str) -> Flag:
    return Flag(
        name=name,
        description=fields.text("description"),
        penalty=fields.integer("penalty", 0, 100),
        tip=fields.text("tip"),
    )
