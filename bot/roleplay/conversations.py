"""Scripted role-play conversations with the customer's expected reactions, and how well the
customer meets them (`make eval`).

Each file holds one scenario's conversations: each employee turn says what the customer
should do (answer a fact, refuse an offer, push back...), and each conversation whether the
customer should end won over. The held-out set (tests/roleplay/conversations/) was written
blind, before the customer's rules, and is never read by anything that tunes them; the dev
set (data/roleplay/dev_conversations/) is the one to tune on.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.yaml_data import Fields

EXPECTATIONS = (
    "answers_fact", "doesnt_know", "accepts_offer", "refuses_offer", "pushes_back",
    "notices_repetition", "angry_at_brushoff", "confused", "asks_who", "any",
)  # fmt: skip
# What the customer's reaction (`customer_heard`, or no reply played) must be for each.
MET_WHEN: dict[str, Callable[[dict[str, str | None]], bool]] = {
    "answers_fact": lambda h: h.get("verdict") == "answered",
    "doesnt_know": lambda h: h.get("move") == "question" and h.get("verdict") == "unknown",
    "accepts_offer": lambda h: h.get("verdict") == "accepted",
    "refuses_offer": lambda h: h.get("move") == "offer" and h.get("verdict") == "rejected",
    "pushes_back": lambda h: h.get("verdict") == "pushed_back",
    "notices_repetition": lambda h: h.get("verdict") == "noticed",
    "angry_at_brushoff": lambda h: h.get("move") == "brush_off",
    "confused": lambda h: h.get("move") == "nonsense",
    "asks_who": lambda h: h.get("move") == "to_coach",
    "any": lambda h: True,
}


@dataclass(frozen=True)
class Turn:
    employee: str
    expect: str
    mentions: tuple[str, ...]


@dataclass(frozen=True)
class Conversation:
    id: str
    scenario: str
    difficulty: str
    turns: tuple[Turn, ...]
    won_over: bool

    @property
    def seed(self) -> int:
        return zlib.crc32(self.id.encode())


def load_conversations(folder: Path, scenarios: set[str]) -> list[Conversation]:
    found: list[Conversation] = []
    for path in sorted(folder.glob("*.yml")):
        root = Fields.of_file(path)
        scenario = root.choice("scenario", scenarios)
        found.extend(_conversation(entry, scenario) for entry in root.items("conversations"))
    return found


def _conversation(fields: Fields, scenario: str) -> Conversation:
    turns = tuple(
        Turn(t.text("employee"), t.choice("expect", EXPECTATIONS),
             tuple(m.lower() for m in t.texts("mentions", minimum=0, default=[])))
        for t in fields.items("turns")
    )  # fmt: skip
    return Conversation(
        id=fields.text("id"),
        scenario=scenario,
        difficulty=fields.choice("difficulty", ("calm", "frustrated", "furious")),
        turns=turns,
        won_over=fields.choice("outcome", ("won_over", "not_won_over")) == "won_over",
    )


@dataclass(frozen=True)
class TurnCheck:
    conversation: str
    turn: int
    expect: str
    met: bool
    said: str  # the customer's line (or the coach's question)


@dataclass
class Scorecard:
    """Per expectation: turns met / turns; per conversation: the outcome as expected."""

    turns: list[TurnCheck]
    outcomes: list[tuple[Conversation, bool, int | None]]  # (conv, won, reply that won)

    def rate(self, expect: str) -> tuple[int, int]:
        checks = [t for t in self.turns if t.expect == expect]
        return sum(t.met for t in checks), len(checks)

    def right_fix_wins(self, difficulty: str | None = None) -> tuple[int, int]:
        """Conversations written to be won: won, within four replies of the accepted fix."""
        chosen = [(c, won, at) for c, won, at in self.outcomes
                  if c.won_over and (difficulty is None or c.difficulty == difficulty)]  # fmt: skip
        return sum(won for _, won, _ in chosen), len(chosen)

    def vague_wins(self) -> tuple[int, int]:
        """Conversations with a vague promise and no accepted fix that still won (want 0)."""
        vague = [(c, won) for c, won, _ in self.outcomes if _vague_only(c)]
        return sum(won for _, won in vague), len(vague)

    def wrong_outcomes(self) -> list[str]:
        return [c.id for c, won, _ in self.outcomes if won != c.won_over]

    def misses(self) -> Counter[str]:
        return Counter(t.expect for t in self.turns if not t.met)


def _vague_only(conversation: Conversation) -> bool:
    expects = {t.expect for t in conversation.turns}
    return "pushes_back" in expects and "accepts_offer" not in expects
