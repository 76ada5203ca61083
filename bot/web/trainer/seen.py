"""A transcript as the employee saw it: the choice they clicked instead of the payload it
sent, one card where a card restates the text before it, and each reply's score card beside
the reply instead of a row of its own."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.store.dashboard import Line
from bot.store.models import CoachingTurn

# Cards sent after a text that says the same; the widget shows only the card.
RESTATING = ("roleplay_start",)


@dataclass(frozen=True)
class Shown:
    """One row of the transcript: who, when, what they saw, and for an employee's reply
    the score card it got (`turn`, as stored, or `feedback`, the card as sent)."""

    line: Line
    speaker: str  # the employee's name, the customer's, or "Coach"
    text: str  # what was said, without the speaker's name in front
    choice: str | None = None  # for a clicked button or command: what it read
    feedback: Mapping[str, Any] | None = None

    @property
    def turn(self) -> CoachingTurn | None:
        return self.line.turn


def as_seen(lines: Sequence[Line], titles: Mapping[str, str], employee: str) -> list[Shown]:
    """`lines` (a transcript's, in order) as `employee` saw them."""
    shown: list[Shown] = []
    offered: dict[str, str] = {}  # a button's payload -> its title, from the latest choices
    customer = ""
    for line in lines:
        if line.speaker == "employee":
            choice = chosen(line.text, offered, titles)
            shown.append(Shown(line, employee, line.text, choice=choice))
            continue
        card = line.card or {}
        if card.get("type") == "reply_feedback":
            _attach(shown, card)
            continue
        if _restated(shown, card):
            shown.pop()
        customer = str(card.get("customer") or customer)
        if line.buttons:
            offered = {str(b.get("payload", "")): str(b.get("title", "")) for b in line.buttons}
        shown.append(_bot(line, customer))
    return shown


def _bot(line: Line, customer: str) -> Shown:
    """The customer's lines come as "Jordan: ..."; everything else is the coach's."""
    name, colon, rest = line.text.partition(": ")
    if customer and colon and name == customer:
        return Shown(line, customer, rest)
    return Shown(line, "Coach", line.text)


def chosen(text: str, offered: Mapping[str, str], titles: Mapping[str, str]) -> str | None:
    """What a message that is a command (`/intent{...}`) read on screen: the button's title
    when one sent it, else the scenario and difficulty it starts, else the intent in words;
    None for what the employee typed."""
    said = text.strip()
    if not said.startswith("/"):
        return None
    if offered.get(said):
        return offered[said]
    intent, _, raw = said[1:].partition("{")
    values = _entities("{" + raw) if raw else {}
    if intent == "start_roleplay" and values.get("scenario"):
        scenario = str(values["scenario"])
        title = titles.get(scenario, scenario.replace("_", " "))
        return f"{title} ({values['difficulty']})" if values.get("difficulty") else title
    return intent.replace("_", " ").capitalize() or said


def _entities(raw: str) -> dict[str, Any]:
    try:
        found = json.loads(raw)
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _restated(shown: list[Shown], card: Mapping[str, Any]) -> bool:
    """The row before is the bot's text without choices, and `card` says the same: it says
    so (`replaces_text`), or it is a role-play's start whose text names its title."""
    last = shown[-1].line if shown else None
    if last is None or last.speaker != "bot" or last.card or last.buttons or not card:
        return False
    title = str(card.get("title") or "")
    return bool(card.get("replaces_text")) or (card.get("type") in RESTATING and title in last.text)


def _attach(shown: list[Shown], card: Mapping[str, Any]) -> None:
    """A reply's score card goes with the latest reply; a reply already matched to its
    stored turn shows that (with trainers' corrections) instead."""
    for index in range(len(shown) - 1, -1, -1):
        row = shown[index]
        if row.line.speaker == "employee":
            if row.turn is None and row.feedback is None:
                shown[index] = replace(row, feedback=card)
            return
