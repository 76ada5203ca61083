"""One role-play as pure functions of its state and the employee's reply.

The state is small and plain (it lives in Rasa slots between turns), and the same seed
always picks the same customer lines, so a run can be replayed exactly.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from bot.coaching.scoring import Assessment
from bot.roleplay.customer import Need
from bot.roleplay.difficulty import Difficulty
from bot.roleplay.mood import NOT_ANGRY, describe, next_mood
from bot.roleplay.outcomes import STOPPED as STOPPED  # re-exported for the actions
from bot.roleplay.outcomes import TURN_LIMIT, WALKED_OUT, WON_OVER
from bot.roleplay.reaction import Reaction
from bot.roleplay.scenarios import Scenario

# A customer walks out when the mood hits 0 from this close to it; from higher up, the
# first blow-up leaves them at 0 with one last chance, so a trainee can still recover.
LAST_STRAW = 15
ACKNOWLEDGED = "acknowledged"  # the furious customer's extra need (understanding.yml)
RECENT_TIPS = 2  # a missing skill tipped in this many last replies gives way to another
UNWARMED = ("pushed_back", "rejected")  # an apology heard beside an empty promise or a miss


@dataclass(frozen=True)
class ReplyRecord:
    text: str
    score: int
    skills: tuple[str, ...]
    flags: tuple[str, ...]
    moves: tuple[str, ...] = ()
    heard: dict[str, Any] = field(default_factory=dict)  # what the customer reacted to
    mood_change: int = 0
    tipped: str | None = None  # the missing skill the reply's tip coached, if any


@dataclass(frozen=True)
class RoleplayState:
    scenario: str
    difficulty: str
    seed: int
    mood: int
    turn: int = 0
    solved: bool = False
    history: tuple[ReplyRecord, ...] = field(default_factory=tuple)
    needs_met: dict[str, int] = field(default_factory=dict)  # need id -> the reply that met it
    facts_told: dict[str, int] = field(default_factory=dict)  # fact id -> the reply that asked

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> RoleplayState:
        history = tuple(
            ReplyRecord(
                r["text"], int(r["score"]), tuple(r["skills"]), tuple(r["flags"]),
                tuple(r.get("moves", ())), dict(r.get("heard") or {}), int(r.get("mood_change", 0)),
                str(r["tipped"]) if r.get("tipped") else None,
            )
            for r in data.get("history", ())
        )  # fmt: skip
        return cls(
            scenario=str(data["scenario"]),
            difficulty=str(data["difficulty"]),
            seed=int(data["seed"]),
            mood=int(data["mood"]),
            turn=int(data.get("turn", 0)),
            solved=bool(data.get("solved", False)),
            history=history,
            needs_met={str(k): int(v) for k, v in (data.get("needs_met") or {}).items()},
            facts_told={str(k): int(v) for k, v in (data.get("facts_told") or {}).items()},
        )

    @property
    def skills_shown(self) -> set[str]:
        return {skill for record in self.history for skill in record.skills}

    @property
    def recently_tipped(self) -> set[str]:
        """Skills whose tip the last replies got, so the next tip names something else."""
        return {r.tipped for r in self.history[-RECENT_TIPS:] if r.tipped}


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
    reaction: Reaction,
    moves: tuple[str, ...] = (),
    needs: tuple[Need, ...] = (),
) -> TurnResult:
    """Apply one scored reply: move the mood, meet needs, decide whether it ends, pick the line.

    The customer is won over only when every need is met and the mood is high enough for the
    difficulty; a question is listening, so it never sours the mood, and a repeat or an empty
    promise never warms it.
    """
    mood = next_mood(state.mood, assessment.score, flag_penalty, difficulty)
    mood = max(0, min(100, mood + round(difficulty.gain * reaction.mood_shift)))
    if reaction.heard.move == "question":
        mood = max(mood, state.mood)
    if reaction.heard.verdict in ("noticed", "pushed_back"):  # nothing new: no warmer
        mood = min(mood, state.mood)
    turn = state.turn + 1
    needs_met = {**state.needs_met, **{need: turn for need in reaction.newly_met}}
    facts = {**state.facts_told, **({reaction.fact: turn} if reaction.fact else {})}
    solved = bool(needs) and all(n.id in needs_met for n in needs)
    # A brush-off meets no need, so neither floor lifts it; a coach flag the customer did not
    # hear does not hold them back.
    if reaction.newly_met and reaction.heard.verdict not in UNWARMED:
        mood = max(mood, NOT_ANGRY)  # "Oat milk this time, please. Thank you": the bar agrees
    if solved and not state.solved:
        mood = max(mood, difficulty.win_mood)  # the problem really solved wins them
    record = ReplyRecord(reply, assessment.score, assessment.skills, assessment.flags, moves,
                         reaction.heard.to_dict(), mood - state.mood,
                         assessment.tipped)  # fmt: skip
    history = (*state.history, record)
    new_state = replace(state, mood=mood, turn=turn, solved=solved, history=history,
                        needs_met=needs_met, facts_told=facts)  # fmt: skip
    outcome, stage = _outcome_and_stage(state.mood, new_state, difficulty)
    line = _line(reaction, outcome, stage, scenario, state.seed, turn)
    return TurnResult(new_state, line, stage, outcome)


def _line(
    reaction: Reaction, outcome: str | None, stage: str, scenario: Scenario, seed: int, turn: int
) -> str:
    """The customer's words: what they react to, and how they end when it ends."""
    mood_line = pick_line(scenario.lines[stage], seed, turn, stage)
    if reaction.line is None:
        return mood_line
    if outcome in (WON_OVER, WALKED_OUT):
        return f"{reaction.line} {mood_line}"
    return reaction.line


def _outcome_and_stage(
    old_mood: int, state: RoleplayState, difficulty: Difficulty
) -> tuple[str | None, str]:
    if state.solved and state.mood >= difficulty.win_mood and _heard_out(state, difficulty):
        return WON_OVER, "resolved"
    if state.mood <= 0 and old_mood <= LAST_STRAW:
        return WALKED_OUT, "walking_out"
    # The words agree with the mood bar: an angry customer does not say "thank you".
    rising = state.mood >= old_mood and describe(state.mood) not in ("furious", "angry")
    stage = "calming" if rising else "escalating"
    if state.turn >= difficulty.max_turns:
        return TURN_LIMIT, stage
    return None, stage


def _heard_out(state: RoleplayState, difficulty: Difficulty) -> bool:
    """A furious customer needs the mistake acknowledged before the fix that wins them: one
    reply with everything in it calms them, it does not win them yet."""
    if not difficulty.needs_acknowledgement:
        return True
    acknowledged = state.needs_met.get(ACKNOWLEDGED)
    return acknowledged is not None and (
        acknowledged < state.turn or any(state.needs_met[n] < state.turn for n in state.needs_met)
    )


def pick_line(options: tuple[str, ...], seed: int, turn: int, stage: str) -> str:
    return random.Random(f"{seed}:{turn}:{stage}").choice(options)


def choose_scenario(scenario_ids: list[str], seed: int) -> str:
    """A random scenario that the seed decides, for "surprise me"."""
    return random.Random(f"{seed}:scenario").choice(sorted(scenario_ids))
