"""Routing accuracy through the running bot: does a question, asked outside a role-play as
the first message of a new conversation, come back with the right tip or story?

Unlike bot/knowledge/evaluation.py (the retriever alone), this measures everything a
question passes through: Rasa's NLU, the rules, the action and the librarian. A `none`
question succeeds when the bot answers honestly that it has no tip (or that it is outside
what it knows) and shows no tip or story.

`python -m bot.knowledge.routing [--dev | QUESTIONS.yml] [--misses]` against a running stack
(`make run`); misses are printed for dev sets only, never for the held-out one.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import paths
from bot.yaml_data import Fields

HELDOUT_FILE = paths.PROJECT_ROOT / "tests" / "knowledge" / "heldout_questions.yml"
DEV_FILE = paths.DATA_DIR / "knowledge_dev_questions.yml"
KINDS = ("tip", "story", "none")
CARDS = {"tip": "tip", "anecdote": "story"}
NO_TIP_ANSWERS = ("I don't have a tip", "That's outside what I know")

Send = Callable[[str, str], list[dict[str, Any]]]


@dataclass(frozen=True)
class Question:
    kind: str
    text: str
    expected: str | None


@dataclass(frozen=True)
class Routed:
    question: Question
    got: str | None  # "tip:<id>", "story:<id>", "no tip", or None for anything else

    @property
    def correct(self) -> bool:
        if self.question.kind == "none":
            return self.got == "no tip"
        return self.got == f"{self.question.kind}:{self.question.expected}"


def load_questions(path: Path) -> list[Question]:
    return [
        Question(e.choice("kind", KINDS), e.text("text"), e.optional_text("expected"))
        for e in Fields.of_file(path).items("queries")
    ]


def answer_of(messages: Iterable[dict[str, Any]]) -> str | None:
    """What the bot gave: the first tip or story card, else an honest "no tip", else None."""
    messages = list(messages)
    for message in messages:
        card = message.get("custom") or {}
        if card.get("type") in CARDS:
            return f"{CARDS[card['type']]}:{card.get('id')}"
    texts = [str(m.get("text") or "") for m in messages]
    if any(text.startswith(NO_TIP_ANSWERS) for text in texts):
        return "no tip"
    return None


def route(send: Send, questions: Iterable[Question], prefix: str = "routing") -> list[Routed]:
    """Each question as the first message of its own conversation."""
    run = uuid.uuid4().hex[:8]
    return [
        Routed(q, answer_of(send(f"{prefix}-{run}-{i}", q.text))) for i, q in enumerate(questions)
    ]


def accuracy(routed: list[Routed], kind: str | None = None) -> tuple[float, int]:
    """(top-1 accuracy, questions counted), overall or for one kind."""
    chosen = [r for r in routed if kind is None or r.question.kind == kind]
    return (sum(r.correct for r in chosen) / len(chosen) if chosen else 0.0), len(chosen)


def report(routed: list[Routed], name: str) -> str:
    overall, count = accuracy(routed)
    parts = []
    for kind in KINDS:
        score, counted = accuracy(routed, kind)
        parts.append(f"{kind} {score:.2f} ({counted})")
    heading = f"Routing through the bot, {name} ({count} questions): top-1 {overall:.2f}"
    return f"{heading}; {', '.join(parts)}"


def misses(routed: list[Routed]) -> list[str]:
    """For the dev set only: the held-out questions are never studied one by one."""
    return [
        f"  missed ({r.question.kind}): {r.question.text!r} wanted {r.question.expected}, "
        f"got {r.got}"
        for r in routed
        if not r.correct
    ]


def rest_sender(base_url: str) -> Send:
    """Rasa's REST channel, as a new user would reach it."""

    def send(sender: str, text: str) -> list[dict[str, Any]]:
        body = json.dumps({"sender": sender, "message": text}).encode("utf-8")
        request = urllib.request.Request(
            f"{base_url}/webhooks/rest/webhook",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)

    return send


def main(argv: list[str]) -> int:
    from bot.settings import SettingsError, load_settings

    files = [Path(arg) for arg in argv if arg.endswith(".yml")]
    path = files[0] if files else DEV_FILE if "--dev" in argv else HELDOUT_FILE
    dev = path.resolve() != HELDOUT_FILE.resolve()
    questions = load_questions(path)
    try:
        url = load_settings().rasa_url
        routed = route(rest_sender(url), questions)
    except (SettingsError, urllib.error.URLError):
        print("Routing through the bot: skipped, no bot is running (`make run`, then again).")
        return 0
    print(report(routed, path.name if dev else "held-out questions"))
    if dev and "--misses" in argv:
        print("\n".join(misses(routed)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
