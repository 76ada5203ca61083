"""From detected skills and flags to a 0-100 score and the one tip worth giving now."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from bot.coaching.rubric import Rubric

PRAISE = "Great reply: you covered what matters. Keep that warmth and keep it concrete."


@dataclass(frozen=True)
class Assessment:
    score: int
    skills: tuple[str, ...]
    flags: tuple[str, ...]
    tip: str


def score_reply(rubric: Rubric, skills: Collection[str], flags: Collection[str], turn: int) -> int:
    """Skill weights earned, minus flag penalties, within 0-100.

    A first-turn skill (a greeting) only earns points in the opening reply, where it belongs.
    """
    earned = sum(
        rubric.skills[s].weight for s in skills if turn == 1 or not rubric.skills[s].first_turn_only
    )
    lost = sum(rubric.flags[f].penalty for f in flags)
    return max(0, min(100, earned - lost))


def choose_tip(
    rubric: Rubric,
    skills: Collection[str],
    flags: Collection[str],
    turn: int,
    shown_before: Iterable[str],
) -> str:
    """The worst flag's tip; else the missing skill first in the rubric's tip priority; else
    praise. A first-turn skill is only coached in an opening reply that got something else
    right (one that got nothing needs a bigger tip), and a skill needed once, once shown,
    is not asked for again."""
    if flags:
        worst = max(flags, key=lambda f: rubric.flags[f].penalty)
        return rubric.flags[worst].tip
    earlier = set(shown_before)
    for skill in rubric.by_tip_priority():
        if skill.name in skills:
            continue
        if skill.first_turn_only and not (turn == 1 and skills):
            continue
        if skill.expected == "once" and skill.name in earlier:
            continue
        return skill.tip
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
