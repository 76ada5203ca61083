"""Progress: what an employee has played, how they score, where to practise next.

One summary serves the employee in chat ("how am I doing?") and the trainer's progress page,
so both show the same averages and name the same weakest skill. Plain data in, plain data
out: the store supplies the finished role-plays (with any trainer's score override applied),
the engine and the dashboard present the summary. A role-play counts once it has at least
one scored reply; one stopped before any reply says nothing about skill, so it is left out
of every figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.coaching.rubric import product_rubric

TREND_WINDOW = 3  # "empathy +12 over your last three sessions"


@dataclass(frozen=True)
class Played:
    """One finished role-play, as progress needs it."""

    scenario: str
    score: int
    skills: Mapping[str, int]
    turns: int

    def counts(self) -> bool:
        """Whether it says anything about skill: at least one reply was scored."""
        return self.turns > 0


@dataclass(frozen=True)
class Summary:
    sessions: int
    score: int
    skills: dict[str, int]  # each skill's average, rounded as people read it
    trend: dict[str, int]
    weakest: str | None
    suggested_scenario: str | None
    averages: dict[str, float] = field(default_factory=dict)  # the same, unrounded


def summarise(
    played: Sequence[Played],
    resolution_skills: Mapping[str, Sequence[str]],
    weights: Mapping[str, int] | None = None,
) -> Summary:
    """`played` oldest first; `resolution_skills` maps each scenario to the skills it needs;
    `weights` each skill's points (the product rubric's when not given), for ties.

    The one calculation of an employee's figures: the chat ("how am I doing?") and the
    trainer's progress page (`bot/store/dashboard.py: employee_progress`) both call it."""
    counted = [p for p in played if p.counts()]
    if not counted:
        return Summary(0, 0, {}, {}, None, None)
    averages = {skill: _mean(values) for skill, values in _by_skill(counted).items()}
    weakest = weakest_skill(averages, weights)
    return Summary(
        sessions=len(counted),
        score=round(_mean([p.score for p in counted])),
        skills={skill: round(value) for skill, value in averages.items()},
        trend=_trend(counted),
        weakest=weakest,
        suggested_scenario=_suggest(weakest, counted, resolution_skills),
        averages=averages,
    )


def weakest_skill(
    scores: Mapping[str, float], weights: Mapping[str, int] | None = None
) -> str | None:
    """The lowest score; a tie goes to the skill worth most points (it costs the most), then
    to the first by id, so it never depends on the order anything was read in. The debrief
    names its weakest skill with this too, so every screen agrees."""
    if not scores:
        return None
    if weights is None:
        weights = {name: skill.weight for name, skill in product_rubric().skills.items()}
    return min(scores, key=lambda skill: (scores[skill], -weights.get(skill, 0), skill))


def _trend(counted: Sequence[Played]) -> dict[str, int]:
    """Each skill's average over the last three role-plays minus the three before them (with
    fewer than six, the last half against the half before)."""
    window = min(TREND_WINDOW, len(counted) // 2)
    if window == 0:
        return {}
    now = _by_skill(counted[-window:])
    then = _by_skill(counted[-2 * window : -window])
    return {skill: round(_mean(now[skill]) - _mean(then[skill])) for skill in now if skill in then}


def _suggest(
    weakest: str | None,
    counted: Sequence[Played],
    resolution_skills: Mapping[str, Sequence[str]],
) -> str | None:
    """A scenario that needs the weakest skill to be won, the least played first; else the one
    where the employee scored that skill lowest; else the least played."""
    if not resolution_skills:
        return None
    times = {scenario: 0 for scenario in resolution_skills}
    for p in counted:
        if p.scenario in times:
            times[p.scenario] += 1
    needing = [s for s, needs in resolution_skills.items() if weakest in needs]
    if needing:
        return min(needing, key=lambda s: (times[s], s))
    scored = [p for p in counted if weakest in p.skills and p.scenario in times]
    if scored:
        return min(scored, key=lambda p: p.skills[weakest or ""]).scenario
    return min(times, key=lambda s: (times[s], s))


def _by_skill(played: Sequence[Played]) -> dict[str, list[int]]:
    values: dict[str, list[int]] = {}
    for p in played:
        for skill, value in p.skills.items():
            values.setdefault(skill, []).append(int(value))
    return values


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)
