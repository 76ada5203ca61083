"""The custom payloads every channel renders (the contract), and their plain-text forms
for channels that show only text.

A payload with `"replaces_text": true` says the same as the text message just before it;
a channel that renders the card (the widget) drops that text. Payloads carry the rubric's
words (`labels`: skill or flag id -> label, `outcome_label`), so channels only render and
a new skill needs no code in any of them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from bot.coaching.debrief import Debrief, NeedMet
from bot.coaching.progress import Summary
from bot.coaching.rubric import Rubric
from bot.coaching.scoring import Assessment
from bot.knowledge.anecdotes import Anecdote
from bot.roleplay.mood import describe
from bot.roleplay.reaction import Reaction
from bot.roleplay.scenarios import Scenario
from bot.roleplay.turn import RoleplayState
from bot.store.assignments import Assigned
from bot.store.coaching_log import Review

Previous = tuple[int, dict[str, int]]  # an earlier attempt's score and skill scores


def roleplay_start(scenario: Scenario, state: RoleplayState, max_turns: int = 0) -> dict[str, Any]:
    """Says what `roleplay_intro_text` says (`replaces_text`); `max_turns`: how many replies
    the role-play allows, for "reply 3 of 8"."""
    return {
        "type": "roleplay_start",
        "replaces_text": True,
        "max_turns": max_turns,
        "summary": scenario.summary,
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
    scenario_id: str, state: RoleplayState, assessment: Assessment, rubric: Rubric
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
        "labels": rubric.labels_of([*assessment.skills, *assessment.flags]),
    }


def evidence(reply: str, spans: Mapping[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """What `reply_feedback` adds to explain its score: the reply as scored, and for each
    skill and flag the words of it that showed it ({`start`, `end`, `text`}, character
    offsets into `reply`; an empty list when no words clearly did)."""
    return {"reply": reply, "evidence": {label: list(found) for label, found in spans.items()}}


def heard(moves: tuple[str, ...], state: RoleplayState, reaction: Reaction) -> dict[str, Any]:
    """What `reply_feedback` adds about the customer: the reply's moves, the needs met so
    far, and what the customer reacted to."""
    return {
        "moves": list(moves),
        "needs_met": list(state.needs_met),
        "customer_heard": reaction.heard.to_dict(),
    }


ADDRESSEE_QUESTION = "Was that for the customer, or for me?"


def addressee_question(text: str) -> dict[str, Any]:
    """Asked when a role-play message reads as a question to the coach; the buttons carry
    the message, so the answer decides without anything being scored twice."""
    return {
        "text": ADDRESSEE_QUESTION,
        "buttons": [
            {"title": "For the customer", "payload": addressed("customer", text)},
            {"title": "For the coach", "payload": addressed("coach", text)},
        ],
    }


ADDRESSED = "/roleplay_reply"


def addressed(to: str, text: str) -> str:
    return ADDRESSED + json.dumps({"to": to, "said": text}, ensure_ascii=False)


def parse_addressed(text: str) -> tuple[str, str] | None:
    """(who, what was said) from an answer to `addressee_question`, else None."""
    if not text.startswith(ADDRESSED + "{"):
        return None
    try:
        data = json.loads(text[len(ADDRESSED) :])
    except ValueError:
        return None
    said = str(data.get("said", "")).strip() if isinstance(data, dict) else ""
    to = data.get("to") if isinstance(data, dict) else None
    return (to, said) if to in ("customer", "coach") and said else None


def story(anecdote: Anecdote) -> dict[str, Any]:
    """A story as every payload carries it: `source` the file, `essay` its essay's title."""
    shown = {
        "title": anecdote.title,
        "text": anecdote.text,
        "source": anecdote.source,
        "essay": anecdote.essay,
    }
    if anecdote.translation:
        shown["original"] = anecdote.quote
    return shown


def debrief(report: Debrief, rubric: Rubric, earlier: Previous | None = None) -> dict[str, Any]:
    """`counted` false: stopped before any reply, so `score` and `skills` mean nothing and
    there is no `previous`; `skill_replies` ({skill: [shown, out of]}) is what each bar is,
    and `score_note` says so in words."""
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
        "anecdote": story(report.anecdote) if report.anecdote is not None else None,
        "previous": _compared(report, earlier),
        "outcome_label": rubric.outcome_label(report.outcome),
        "labels": rubric.labels_of([*report.skills, report.weakest_skill]),
        "needs": [
            {"id": n.id, "label": n.label, "met": n.met, "turn": n.turn} for n in report.needs
        ],
        "facts_asked": [{"fact": fact, "turn": turn} for fact, turn in report.facts_asked.items()],
        "counted": report.counted,
        "replies": report.turns,
        "skill_replies": {name: list(pair) for name, pair in report.shown.items()},
        "score_note": debrief_score_note(report),
    }


NOT_COUNTED = (
    "You stopped before your first reply, so there is nothing to score: this role-play "
    "counts for nothing in your progress."
)


def debrief_score_note(report: Debrief) -> str:
    """What the overall score and the skill bars mean, so a low overall above full bars
    never looks like a contradiction."""
    if not report.counted:
        return NOT_COUNTED
    replies = "your reply" if report.turns == 1 else f"your {report.turns} replies"
    return (
        f"Overall: the average score of {replies}; each reply earns the points of the skills "
        "it shows, minus red flags. Each bar: the share of your replies that showed the skill "
        "(greeting: your first reply only)."
    )


PROGRESS_NOTE = (
    "Average: your role-plays' scores (a trainer's score where they gave one). Each bar: the "
    "average of that skill over your role-plays; the figure beside it, how it changed in "
    "your last role-plays (up to three) against as many before them."
)


def _need_line(need: NeedMet) -> str:
    return f"{need.label}: met at reply {need.turn}" if need.met else f"{need.label}: missed"


def _compared(report: Debrief, earlier: Previous | None) -> dict[str, Any] | None:
    """The last attempt at the same scenario and difficulty, and what changed since; none
    for a role-play with no reply, which says nothing to compare."""
    if earlier is None or not report.counted:
        return None
    score, skills = earlier
    return {
        "score": score,
        "change": report.score - score,
        "skills": {k: v - skills[k] for k, v in report.skills.items() if k in skills},
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


def debrief_text(report: Debrief, rubric: Rubric, earlier: Previous | None = None) -> str:
    if not report.counted:
        return _uncounted_text(report, rubric)
    skills = ", ".join(f"{rubric.label(name)} {score}" for name, score in report.skills.items())
    lines = [
        f"Debrief: {report.title} ({report.difficulty}). "
        f"In {report.turns} repl{'y' if report.turns == 1 else 'ies'}, "
        f"{_mid_sentence(rubric.outcome_label(report.outcome))}. "
        f"Overall score {report.score}/100.",
        f"Skills (the share of your replies that showed each): {skills}.",
    ]
    if earlier is not None:
        lines.append(
            f"Last time at this scenario you scored {earlier[0]}: "
            f"{report.score - earlier[0]:+d} now."
        )
    if report.needs:
        lines.append("What the customer needed: " + "; ".join(_need_line(n) for n in report.needs))
    if report.best_reply:
        lines.append(f'Best reply ({report.best_score}): "{report.best_reply}"')
    if report.weakest_reply:
        lines.append(f'Weakest reply ({report.weakest_score}): "{report.weakest_reply}"')
    lines.append(f'A model answer: "{report.model_answer}"')
    lines.extend(_story_line(report, rubric))
    return "\n".join(lines)


def _uncounted_text(report: Debrief, rubric: Rubric) -> str:
    lines = [
        f"Debrief: {report.title} ({report.difficulty}). {NOT_COUNTED}",
        f'A model answer: "{report.model_answer}"',
    ]
    return "\n".join([*lines, *_story_line(report, rubric)])


def _story_line(report: Debrief, rubric: Rubric) -> list[str]:
    told = report.anecdote
    if told is None:
        return []
    return [
        f"To work on {rubric.label(report.weakest_skill)}, a true story, "
        f'"{told.title}" (from "{told.essay}", {told.source}): "{told.text}" {told.lesson}'
    ]


def _mid_sentence(label: str) -> str:
    """Outcome labels start a sentence ("You won the customer over"); inside one they don't."""
    return label[:1].lower() + label[1:]


def start_roleplay(**fields: str) -> str:
    """The button payload that starts a role-play: `/start_roleplay{"scenario": "latte"}`."""
    return "/start_roleplay" + (json.dumps(fields) if fields else "")


def progress(
    summary: Summary, reviews: Sequence[Review], titles: Mapping[str, str], rubric: Rubric
) -> dict[str, Any]:
    skills = in_rubric_order(rubric, summary.skills)
    return {
        "type": "progress",
        "sessions": summary.sessions,
        "score": summary.score,
        "skills": skills,
        "trend": summary.trend,
        "weakest": summary.weakest,
        "suggested_scenario": summary.suggested_scenario,
        "reviews": [
            {"scenario": r.scenario, "title": titles.get(r.scenario, r.scenario),
             "score": r.score, "verdict": r.verdict, "reason": r.reason, "by": r.by}
            for r in reviews
        ],
        "replaces_text": True,
        "labels": rubric.labels_of([*skills, *([summary.weakest] if summary.weakest else [])]),
        "score_note": PROGRESS_NOTE,
    }  # fmt: skip


def in_rubric_order(rubric: Rubric, values: Mapping[str, int]) -> dict[str, int]:
    """The rubric's order is the display order; skills it no longer has come last."""
    rank = {name: index for index, name in enumerate(rubric.skills)}
    return dict(sorted(values.items(), key=lambda item: (rank.get(item[0], len(rank)), item[0])))


def reviews_text(reviews: Sequence[Review], titles: Mapping[str, str]) -> str:
    """A trainer's overrides, in the employee's own progress."""
    parts = []
    for r in reviews:
        judged = [
            f"{r.score}/100" if r.score is not None else "",
            _VERDICT.get(r.verdict or "", ""),
        ]
        what = ", ".join(word for word in judged if word)
        reason = f' ("{r.reason}")' if r.reason else ""
        title = titles.get(r.scenario, r.scenario)
        parts.append(f'{r.by} reviewed your role-play "{title}": {what}{reason}.')
    return "From your trainers: " + " ".join(parts)


_VERDICT = {"pass": "passed", "fail": "not passed yet"}


def assignments_text(assigned: Sequence[Assigned], titles: Mapping[str, str], today: date) -> str:
    """ "Assigned to you by Dana: The $5 latte (furious), due Friday." """
    lines = []
    for a in assigned:
        line = f"by {a.by}: {titles.get(a.scenario, a.scenario)} ({a.difficulty})"
        if a.due is not None:
            line += f", {due_words(a.due, today)}"
        if a.note:
            line += f'. "{a.note}"'
        lines.append(line)
    if len(lines) == 1:
        return f"Assigned to you {lines[0]}."
    return "Assigned to you:\n" + "\n".join(f"- {line}" for line in lines)


def due_words(due: date, today: date) -> str:
    days = (due - today).days
    if days < 0:
        return f"overdue since {due.strftime('%A %d %B').replace(' 0', ' ')}"
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    if days < 7:
        return f"due {due.strftime('%A')}"
    return f"due {due.strftime('%d %B').lstrip('0')}"


def progress_text(summary: Summary, suggested: Scenario | None, rubric: Rubric) -> str:
    if summary.sessions == 0:
        return (
            "You haven't finished a role-play with a scored reply yet, so there's no progress "
            "to show. Play one and ask again!"
        )
    plural = "" if summary.sessions == 1 else "s"
    lines = [f"Your progress: {summary.sessions} role-play{plural}, average {summary.score}/100."]
    skills = ", ".join(
        f"{rubric.label(name)} {value}{_trend_words(summary.trend.get(name))}"
        for name, value in sorted(summary.skills.items(), key=lambda item: -item[1])
    )
    lines.append(f"Skills: {skills}.")
    if summary.weakest:
        practise = f": practise {suggested.title}" if suggested else ""
        lines.append(f"Your weakest skill is {rubric.label(summary.weakest)}{practise}.")
    return " ".join(lines)


def _trend_words(delta: int | None) -> str:
    if not delta:
        return ""
    return f" ({delta:+d} over your last sessions)"
