"""From detected skills and flags to a 0-100 score and the one tip worth giving now."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from bot.coaching.rubric import Rubric, Skill

PRAISE = "Great reply: you covered what matters. Keep that warmth and keep it concrete."


@dataclass(frozen=True)
class Assessment:
    score: int
    skills: tuple[str, ...]
    flags: tuple[str, ...]
    tip: str
    tipped: str | None = None  # the missing skill the tip coaches; None for a flag or praise


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
    tipped_before: Collection[str] = (),
) -> str:
    """The worst flag's tip; else the tip of the missing skill `tip_skill` picks; else praise."""
    if flags:
        worst = max(flags, key=lambda f: rubric.flags[f].penalty)
        return rubric.flags[worst].tip
    skill = tip_skill(rubric, skills, turn, shown_before, tipped_before)
    return rubric.skills[skill].tip if skill is not None else PRAISE


def tip_skill(
    rubric: Rubric,
    skills: Collection[str],
    turn: int,
    shown_before: Iterable[str],
    tipped_before: Collection[str] = (),
) -> str | None:
    """The missing skill first in the rubric's tip priority, preferring one whose tip was not
    just given (`tipped_before`): the same tip every turn stops being read. A first-turn
    skill is only coached in an opening reply that got something else right (one that got
    nothing needs a bigger tip), and a skill needed once, once shown, is not asked for again."""
    earlier = set(shown_before)
    missing = [
        skill.name
        for skill in rubric.by_tip_priority()
        if skill.name not in skills
        and not (skill.first_turn_only and not (turn == 1 and skills))
        and not (skill.expected == "once" and skill.name in earlier)
    ]
    fresh = [name for name in missing if name not in tipped_before]
    return (fresh or missing or [None])[0]


def assess(
    rubric: Rubric,
    skills: Collection[str],
    flags: Collection[str],
    turn: int,
    shown_before: Iterable[str],
    tipped_before: Collection[str] = (),
) -> Assessment:
    shown = list(shown_before)
    return Assessment(
        score=score_reply(rubric, skills, flags, turn),
        skills=tuple(skills),
        flags=tuple(flags),
        tip=choose_tip(rubric, skills, flags, turn, shown, tipped_before),
        tipped=None if flags else tip_skill(rubric, skills, turn, shown, tipped_before),
    )


def scores_of(rubric: Rubric, skills_per_reply: Sequence[Collection[str]]) -> dict[str, int]:
    """Each skill's 0-100 from the skills of each reply in order: also what a role-play's
    skills become once a trainer corrected some replies' labels."""
    return {name: _skill_score(skill, skills_per_reply) for name, skill in rubric.skills.items()}


def replies_showing(skill: Skill, history: Sequence[Collection[str]]) -> tuple[int, int]:
    """(replies that showed the skill where it counts, replies where it could count): a
    first-turn skill counts in the opening reply only, every other skill in every reply."""
    counted = history[:1] if skill.first_turn_only else history
    return sum(skill.name in skills for skills in counted), len(counted)


def _skill_score(skill: Skill, history: Sequence[Collection[str]]) -> int:
    """The share of the replies that showed the skill, as the overall score is built: each
    reply earns the points of the skills it shows, so a skill shown in one reply of six
    gave a sixth of what it could (17), never 100, and the bars agree with the overall."""
    shown, out_of = replies_showing(skill, history)
    return round(100 * shown / out_of) if out_of else 0
