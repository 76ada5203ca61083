"""A coaching hint for the current moment of a role-play, without scoring anything."""

from __future__ import annotations

from bot.coaching.rubric import Rubric
from bot.roleplay.scenarios import Scenario
from bot.roleplay.turn import RoleplayState

# What a good reply needs next, in the order a customer notices it.
HINT_ORDER = ("empathy", "apology", "solution", "ownership", "timeliness", "above_and_beyond")


def hint_for(rubric: Rubric, state: RoleplayState, scenario: Scenario) -> str:
    focus = _next_skill(state, scenario)
    persona = scenario.persona
    cue = f"What wins {persona.name} over: {', '.join(persona.wins_over[:2])}."
    avoid = f"Avoid {persona.sets_off[0]}."
    return f"{rubric.skills[focus].hint} {cue} {avoid}"


def _next_skill(state: RoleplayState, scenario: Scenario) -> str:
    if state.turn == 0:
        return "greeting"
    last = set(state.history[-1].skills)
    shown = state.skills_shown
    if "empathy" not in last:
        return "empathy"
    if not state.solved:
        return scenario.resolution_skills[0]
    for skill in HINT_ORDER:
        if skill not in shown:
            return skill
    return "positive_tone"
