"""The custom payloads every channel renders (the contract), and their plain-text forms
for channels that show only text.

A payload with `"replaces_text": true` says the same as the text message just before it;
a channel that renders the card (the widget) drops that text.
"""

from __future__ import annotations

from typing import Any

from bot.coaching.debrief import Debrief
from bot.coaching.scoring import Assessment
from bot.roleplay.mood import describe
from bot.roleplay.scenarios import Scenario
from bot.roleplay.turn import RoleplayState

OUTCOME_WORDS = {
    "won_over": "you won the customer over",
    "walked_out": "the customer walked out",
    "stopped": "you stopped early",
    "turn_limit": "you ran out of turns before it was resolved",
}


def roleplay_start(scenario: Scenario, state: RoleplayState) -> dict[str, Any]:
    return {
        "type": "roleplay_start",
        "scenario": scenario.id,
        "title": scenario.title,
        "difficulty": state.difficulty,
        "customer": scenario.persona.name,
        "situation": scenario.persona.situation,
        "mood": state.mood,
        "mood_label": describe(state.mood),
        "source": scenario.source,
    }


def reply_feedback(
    scenario_id: str, state: RoleplayState, assessment: Assessment
) -> dict[str, Any]:
    return {
        "type": "reply_feedback",
        "scenario": scenario_id,
        "turn": state.turn,
        "score": assessment.score,
        "skills": list(assessment.skills),
        "flags": list(assessment.flags),
        "tip": assessment.tip,
        "mood": state.mood,
        "mood_label": describe(state.mood),
    }


def debrief(report: Debrief) -> dict[str, Any]:
    story = report.anecdote
    anecdote = None
    if story is not None:
        anecdote = {"title": story.title, "text": story.text, "source": story.source}
        if story.translation:
            anecdote["original"] = story.quote
    return {
        "type": "debrief",
        "replaces_text": True,
        "scenario": report.scenario,
        "outcome": report.outcome,
        "score": report.score,
        "skills": dict(report.skills),
        "weakest_skill": report.weakest_skill,
        "best_reply": report.best_reply,
        "weakest_reply": report.weakest_reply,
        "model_answer": report.model_answer,
        "anecdote": anecdote,
    }


def roleplay_intro_text(scenario: Scenario, state: RoleplayState) -> str:
    persona = scenario.persona
    return (
        f"Role-play: {scenario.title} ({state.difficulty}). You are serving {persona.name}. "
        f'{persona.situation} Reply as you would on the floor. Say "hint" for a coaching '
        f'hint, or "stop" to end and get your debrief.'
    )


def customer_text(scenario: Scenario, line: str) -> str:
    return f"{scenario.persona.name}: {line}"


def debrief_text(report: Debrief) -> str:
    skills = ", ".join(f"{name.replace('_', ' ')} {score}" for name, score in report.skills.items())
    lines = [
        f"Debrief: {report.title} ({report.difficulty}). In {report.turns} replies, "
        f"{OUTCOME_WORDS[report.outcome]}. Overall score {report.score}/100.",
        f"Skills: {skills}.",
    ]
    if report.turns:
        lines.append(f'Best reply ({report.best_score}): "{report.best_reply}"')
        lines.append(f'Weakest reply ({report.weakest_score}): "{report.weakest_reply}"')
    lines.append(f'A model answer: "{report.model_answer}"')
    if report.anecdote is not None:
        story = report.anecdote
        lines.append(
            f"To work on {report.weakest_skill.replace('_', ' ')}, a true story, "
            f'"{story.title}" ({story.source}): "{story.text}" {story.lesson}'
        )
    return "\n".join(lines)
