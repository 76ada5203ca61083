"""The end-of-role-play debrief: per-skill scores, best and weakest reply, a model answer
and the true story that teaches the weakest skill."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from math import ceil

from bot.coaching.rubric import Rubric, Skill
from bot.knowledge.anecdotes import Anecdote, anecdote_for_skill
from bot.roleplay.scenarios import Scenario
from bot.roleplay.turn import ReplyRecord, RoleplayState


@dataclass(frozen=True)
class Debrief:
    scenario: str
    title: str
    difficulty: str
    outcome: str
    turns: int
    score: int
    skills: dict[str, int]
    weakest_skill: str
    best_reply: str
    best_score: int
    weakest_reply: str
    weakest_score: int
    model_answer: str
    anecdote: Anecdote | None


def skill_scores(rubric: Rubric, history: Sequence[ReplyRecord]) -> dict[str, int]:
    return {name: _skill_score(skill, history) for name, skill in rubric.skills.items()}


def _skill_score(skill: Skill, history: Sequence[ReplyRecord]) -> int:
    if not history:
        return 0
    shown = [skill.name in record.skills for record in history]
    if skill.expected == "first_turn":
        return 100 if shown[0] else 0
    if skill.expected == "once":
        return 100 if any(shown) else 0
    needed = ceil(len(history) / 2)
    return round(100 * min(1.0, sum(shown) / needed))


def build_debrief(
    rubric: Rubric,
    state: RoleplayState,
    outcome: str,
    scenario: Scenario,
    anecdotes: Sequence[Anecdote],
) -> Debrief:
    history = state.history
    scores = skill_scores(rubric, history)
    weakest_skill = min(rubric.skills.values(), key=lambda s: (scores[s.name], -s.weight)).name
    best = max(history, key=lambda r: r.score, default=None)
    weakest = min(history, key=lambda r: r.score, default=None)
    return Debrief(
        scenario=scenario.id,
        title=scenario.title,
        difficulty=state.difficulty,
        outcome=outcome,
        turns=len(history),
        score=round(sum(r.score for r in history) / len(history)) if history else 0,
        skills=scores,
        weakest_skill=weakest_skill,
        best_reply=best.text if best else "",
        best_score=best.score if best else 0,
        weakest_reply=weakest.text if weakest else "",
        weakest_score=weakest.score if weakest else 0,
        model_answer=scenario.model_answer,
        anecdote=anecdote_for_skill(anecdotes, weakest_skill, prefer_source=scenario.source),
    )
