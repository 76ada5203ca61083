"""From detected skills and flags to a 0-100 score and the one tip worth giving now."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from bot.coaching.rubric import Rubric

PRAISE = "Great reply: you covered what matters. Keep that warmth and keep it concrete."
# The order in which missing skills are worth coaching, most useful first.
TIP_PRIORITY = (
    "empathy",
    "solution",
    "apology",
    "ownership",
    "timeliness",
    "positive_tone",
    "above_and_beyond",
)


@dataclass(frozen=True)
class Assessment:
    score: int
    skills: tuple[str, ...]
    flags: tuple[str, ...]
    tip: str


def score_reply(rubric: Rubric, skills: Collection[str], flags: Collection[str], turn: int) -> int:
    """Skill weights earned, minus flag penalties, within 0-100.

    A greeting only earns points in the opening reply, where it belongs.
    """
    earned = sum(rubric.skills[s].weight for s in skills if s != "greeting" or turn == 1)
    lost = sum(rubric.flags[f].penalty for f in flags)
    return max(0, min(100, earned - lost))


def choose_tip(
    rubric: Rubric,
    skills: Collection[str],
    flags: Collection[str],
    turn: int,
    shown_before: Iterable[str],
) -> str:
    """The worst flag's tip; else the most useful skill still missing; else praise."""
    if flags:
        worst = max(flags, key=lambda f: rubric.flags[f].penalty)
        return rubric.flags[worst].tip
    if turn == 1 and skills and "greeting" not in skills:
        return rubric.skills["greeting"].tip
    earlier = set(shown_before)
    for skill in TIP_PRIORITY:
        once_is_enough = rubric.skills[skill].expected == "once" and skill in earlier
        if skill not in skills and not once_is_enough:
            return rubric.skills[skill].tip
    return PRAISE


def assess(
    rubric: Rubric,
    skills: Collection[str],
    flags: Collection[str],
    turn: int,
    shown_before: Iterable[str],
) -> Assessment:
    return Assessment(
        score=score_reply(rubric, skills, flags, turn),
        skills=tuple(skills),
        flags=tuple(flags),
        tip=choose_tip(rubric, skills, flags, turn, shown_before),
    )
