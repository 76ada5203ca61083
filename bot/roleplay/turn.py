"""One role-play as pure functions of its state and the employee's reply.

The state is small and plain (it lives in Rasa slots between turns), and the same seed
always picks the same customer lines, so a run can be replayed exactly.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from bot.coaching.scoring import Assessment
from bot.roleplay.difficulty import Difficulty
from bot.roleplay.mood import next_mood
from bot.roleplay.outcomes import STOPPED as STOPPED  # re-exported for the actions
from bot.roleplay.outcomes import TURN_LIMIT, WALKED_OUT, WON_OVER
from bot.roleplay.scenarios import Scenario

# A customer walks out when the mood hits 0 from this close to it; from higher up, the
# first blow-up leaves them at 0 with one last chance, so a trainee can still recover.
LAST_STRAW = 15


@dataclass(frozen=True)
class ReplyRecord:
    text: str
    score: int
    skills: tuple[str, ...]
    flags: tuple[str, ...]


@dataclass(frozen=True)
class RoleplayState:
    scenario: str
    difficulty: str
    seed: int
    mood: int
    turn: int = 0
    solved: bool = False
    history: tuple[ReplyRecord, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RoleplayState:
        history = tuple(
            ReplyRecord(r["text"], int(r["score"]), tuple(r["skills"]), tuple(r["flags"]))
            for r in data.get("history", ())
        )
        return cls(
            scenario=str(data["scenario"]),
            difficulty=str(data["difficulty"]),
            seed=int(data["seed"]),
            mood=int(data["mood"]),
            turn=int(data.get("turn", 0)),
            solved=bool(data.get("solved", False)),
            history=history,
        )

    @property
    def skills_shown(self) -> set[str]:
        return {skill for record in self.history for skill in record.skills}


@dataclass(frozen=True)
class TurnResult:
    state: RoleplayState
    customer_line: str
    stage: str
    outcome: str | None

    @property
    def finished(self) -> bool:
        return self.outcome is not None


def start(scenario: Scenario, difficulty: Difficulty, seed: int) -> tuple[RoleplayState, str]:
    state = RoleplayState(scenario.id, difficulty.name, seed, difficulty.start_mood)
    return state, pick_line(scenario.openings[difficulty.name], seed, 0, "opening")


def play_turn(
    state: RoleplayState,
    reply: str,
    assessment: Assessment,
    flag_penalty: int,
    scenario: Scenario,
    difficulty: Difficulty,
) -> TurnResult:
    """Apply one scored reply: move the mood, decide whether it ends, pick the line."""
    mood = next_mood(state.mood, assessment.score, flag_penalty, difficulty)
    solved = state.solved or any(s in scenario.resolution_skills for s in assessment.skills)
    record = ReplyRecord(reply, assessment.score, assessment.skills, assessment.flags)
    turn = state.turn + 1
    new_state = replace(
        state, mood=mood, turn=turn, solved=solved, history=(*state.history, record)
    )
    outcome, stage = _outcome_and_stage(state.mood, new_state, difficulty)
    line = pick_line(scenario.lines[stage], state.seed, turn, stage)
    return TurnResult(new_state, line, stage, outcome)


def _outcome_and_stage(
    old_mood: int, state: RoleplayState, difficulty: Difficulty
) -> tuple[str | None, str]:
    if state.solved and state.mood >= difficulty.win_mood:
        return WON_OVER, "resolved"
    if state.mood <= 0 and old_mood <= LAST_STRAW:
        return WALKED_OUT, "walking_out"
    stage = "calming" if state.mood >= old_mood else "escalating"
    if state.turn >= difficulty.max_turns:
        return TURN_LIMIT, stage
    return None, stage


def pick_line(options: tuple[str, ...], seed: int, turn: int, stage: str) -> str:
    return random.Random(f"{seed}:{turn}:{stage}").choice(options)


def choose_scenario(scenario_ids: list[str], seed: int) -> str:
    """A random scenario that the seed decides, for "surprise me"."""
    return random.Random(f"{seed}:scenario").choice(sorted(scenario_ids))
