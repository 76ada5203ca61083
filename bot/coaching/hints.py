"""A coaching hint for the current moment of a role-play, without scoring anything."""

from __future__ import annotations

from bot.coaching.rubric import Rubric
from bot.roleplay.scenarios import Scenario
from bot.roleplay.turn import RoleplayState


def hint_for(rubric: Rubric, state: RoleplayState, scenario: Scenario) -> str:
    focus = _next_skill(rubric, state, scenario)
    persona = scenario.persona
    cue = f"What wins {persona.name} over: {', '.join(persona.wins_over[:2])}."
    avoid = f"Avoid {persona.sets_off[0]}."
    return f"{rubric.skills[focus].hint} {cue} {avoid}"


def _next_skill(rubric: Rubric, state: RoleplayState, scenario: Scenario) -> str:
    """In the rubric's hint order: before the first reply, the opening skill; then the
    skill every reply should show if the last one lacked it; then what solves the problem;
    then whatever has not been shown yet."""
    order = rubric.by_hint_priority()
    later = [s.name for s in order if not s.first_turn_only] or [s.name for s in order]
    if state.turn == 0:
        return next((s.name for s in order if s.first_turn_only), later[0])
    if later[0] not in state.history[-1].skills:
        return later[0]
    if not state.solved:
        return scenario.resolution_skills[0]
    shown = state.skills_shown
    return next((skill for skill in later if skill not in shown), later[-1])
