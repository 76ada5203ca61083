"""The end-of-role-play debrief: per-skill scores, best and weakest reply, a model answer
and the true story that teaches the weakest skill."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from bot.coaching.progress import weakest_skill as lowest
from bot.coaching.rubric import Rubric
from bot.coaching.scoring import replies_showing, scores_of
from bot.knowledge.anecdotes import Anecdote, anecdote_for_skill
from bot.roleplay.customer import Need
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
    needs: tuple[NeedMet, ...] = ()
    facts_asked: dict[str, int] = field(default_factory=dict)  # fact id -> the reply that asked
    # skill -> (replies that showed it, replies where it counts): what each bar is made of
    shown: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def counted(self) -> bool:
        """A role-play stopped before any reply says nothing about skill: no score, no
        comparison, and it is left out of progress."""
        return self.turns > 0


@dataclass(frozen=True)
class NeedMet:
    id: str
    label: str
    turn: int | None  # the reply that met it; None when it never was

    @property
    def met(self) -> bool:
        return self.turn is not None


def skill_scores(rubric: Rubric, history: Sequence[ReplyRecord]) -> dict[str, int]:
    return scores_of(rubric, [record.skills for record in history])


def build_debrief(
    rubric: Rubric,
    state: RoleplayState,
    outcome: str,
    scenario: Scenario,
    anecdotes: Sequence[Anecdote],
    needs: Sequence[Need] = (),
    told: Collection[str] = (),
) -> Debrief:
    """`told`: the stories this conversation has heard already, not told again if another
    one teaches the weakest skill."""
    history = state.history
    scores = skill_scores(rubric, history)
    weakest_skill = lowest(scores, {name: s.weight for name, s in rubric.skills.items()})
    best, weakest = best_and_weakest(history)
    skills_per_reply = [record.skills for record in history]
    return Debrief(
        scenario=scenario.id,
        title=scenario.title,
        difficulty=state.difficulty,
        outcome=outcome,
        turns=len(history),
        score=round(sum(r.score for r in history) / len(history)) if history else 0,
        skills=scores,
        weakest_skill=weakest_skill or "",
        best_reply=best.text if best else "",
        best_score=best.score if best else 0,
        weakest_reply=weakest.text if weakest else "",
        weakest_score=weakest.score if weakest else 0,
        model_answer=scenario.model_answer,
        anecdote=anecdote_for_skill(
            anecdotes, weakest_skill or "", prefer_source=scenario.source, told=told
        ),
        needs=tuple(NeedMet(n.id, n.label, state.needs_met.get(n.id)) for n in needs),
        facts_asked=dict(state.facts_told),
        shown={
            name: replies_showing(skill, skills_per_reply) for name, skill in rubric.skills.items()
        },
    )


def best_and_weakest(
    history: Sequence[ReplyRecord],
) -> tuple[ReplyRecord | None, ReplyRecord | None]:
    """The reply that moved the conversation most and the one that cost most. A reply with
    a red flag is never the best; with fewer than two replies, or when the best would say
    the same words as the weakest, there is no pair to compare, so neither is named."""
    if len(history) < 2:
        return None, None
    weakest = min(history, key=_setback)
    candidates = [r for r in history if not r.flags and r.text != weakest.text]
    best = max(candidates, key=_progress, default=None)
    if best is None or (not weakest.flags and _progress(best) <= _progress(weakest)):
        return None, weakest
    return best, weakest


FORWARD = {"accepted": 3, "answered": 2}


def _progress(record: ReplyRecord) -> tuple[int, int, int]:
    """The reply that moved the conversation most: a fix accepted, a fact learned, then how
    much warmer the customer got, then the score."""
    return (FORWARD.get(str(record.heard.get("verdict")), 0), record.mood_change, record.score)


def _setback(record: ReplyRecord) -> tuple[int, int, int]:
    """The reply that cost most: a red flag first, then the coldest, then the lowest score."""
    return (0 if record.flags else 1, record.mood_change, record.score)
