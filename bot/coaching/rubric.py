"""The rubric every reply is scored on, and the product's words for it, loaded from
data/coaching/rubric.yml.

The file, not the code, names the skills, flags and outcomes: their labels, their order
(the display order), which tip and hint come first, and which skill counts in the opening
reply only. Adding a skill is editing the file.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.roleplay.outcomes import OUTCOMES
from bot.yaml_data import DataError, Fields

EXPECTATIONS = ("first_turn", "once", "most_turns")
MAX_PRIORITY = 1000


@dataclass(frozen=True)
class Skill:
    name: str
    label: str
    description: str
    weight: int
    expected: str
    tip_priority: int
    hint_priority: int
    tip: str
    hint: str

    @property
    def first_turn_only(self) -> bool:
        """Shown in the opening reply or not at all, like a greeting."""
        return self.expected == "first_turn"


@dataclass(frozen=True)
class Flag:
    name: str
    label: str
    description: str
    penalty: int
    tip: str


@dataclass(frozen=True)
class Rubric:
    skills: dict[str, Skill]
    flags: dict[str, Flag]
    outcomes: dict[str, str]  # outcome id -> its label

    @property
    def labels(self) -> tuple[str, ...]:
        """The ids the coach's classifier is trained on: every skill, then every flag."""
        return (*self.skills, *self.flags)

    def label(self, name: str) -> str:
        """A skill's or flag's label; an id the rubric no longer has (an old role-play's)
        still reads as words."""
        known = self.skills.get(name) or self.flags.get(name)
        return known.label if known else name.replace("_", " ")

    def labels_of(self, names: Iterable[str]) -> dict[str, str]:
        return {name: self.label(name) for name in names}

    def outcome_label(self, outcome: str) -> str:
        return self.outcomes.get(outcome) or outcome.replace("_", " ")

    def by_tip_priority(self) -> list[Skill]:
        return sorted(self.skills.values(), key=lambda s: s.tip_priority)

    def by_hint_priority(self) -> list[Skill]:
        return sorted(self.skills.values(), key=lambda s: s.hint_priority)


@functools.cache
def product_rubric() -> Rubric:
    """data/coaching/rubric.yml, read once, for code that is handed no rubric (the store's
    corrected labels, the dashboard)."""
    from bot import paths  # paths reads the settings; importing it late keeps this module light

    return load_rubric(paths.RUBRIC_FILE)


def load_rubric(path: Path, outcomes: Collection[str] = OUTCOMES) -> Rubric:
    """`outcomes`: the ids a role-play can end with, each of which needs a label."""
    root = Fields.of_file(path)
    skills_fields, flags_fields = root.sub("skills"), root.sub("flags")
    if not skills_fields.names():
        raise DataError(path, "skills", "needs at least one skill")
    both = set(skills_fields.names()) & set(flags_fields.names())
    if both:
        raise DataError(path, "flags", f"{', '.join(sorted(both))} is also a skill")
    skills = {name: _skill(skills_fields.sub(name), name) for name in skills_fields.names()}
    flags = {name: _flag(flags_fields.sub(name), name) for name in flags_fields.names()}
    return Rubric(skills=skills, flags=flags, outcomes=_outcomes(root, outcomes))


def _skill(fields: Fields, name: str) -> Skill:
    return Skill(
        name=name,
        label=fields.text("label"),
        description=fields.text("description"),
        weight=fields.integer("weight", 0, 100),
        expected=fields.choice("expected", EXPECTATIONS),
        tip_priority=fields.integer("tip_priority", 1, MAX_PRIORITY),
        hint_priority=fields.integer("hint_priority", 1, MAX_PRIORITY),
        tip=fields.text("tip"),
        hint=fields.text("hint"),
    )


def _flag(fields: Fields, name: str) -> Flag:
    return Flag(
        name=name,
        label=fields.text("label"),
        description=fields.text("description"),
        penalty=fields.integer("penalty", 1, 100),
        tip=fields.text("tip"),
    )


def _outcomes(root: Fields, required: Collection[str]) -> dict[str, str]:
    """Every way a role-play can end has its words, and no words name an unknown end."""
    fields = root.sub("outcomes")
    found = fields.names()
    missing = [o for o in required if o not in found]
    if missing:
        raise DataError(root.path, "outcomes", f"missing {', '.join(missing)}")
    unknown = [o for o in found if o not in required]
    if unknown:
        raise DataError(
            root.path, "outcomes", f"unknown {', '.join(unknown)}; known: {', '.join(required)}"
        )
    return {outcome: fields.sub(outcome).text("label") for outcome in found}
