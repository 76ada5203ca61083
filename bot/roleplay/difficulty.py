"""How hard a customer is to win, per difficulty, from data/coaching/difficulties.yml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.yaml_data import DataError, Fields

DIFFICULTIES = ("calm", "frustrated", "furious")


@dataclass(frozen=True)
class Difficulty:
    name: str
    start_mood: int
    win_mood: int
    gain: float
    flag_factor: float
    max_turns: int
    needs_acknowledgement: bool  # the mistake must be owned up to before anything else wins


def load_difficulties(path: Path) -> dict[str, Difficulty]:
    root = Fields.of_file(path)
    missing = [name for name in DIFFICULTIES if name not in root.names()]
    if missing:
        raise DataError(path, "(file)", f"missing difficulties {', '.join(missing)}")
    return {name: _difficulty(root.sub(name), name) for name in DIFFICULTIES}


def _difficulty(fields: Fields, name: str) -> Difficulty:
    difficulty = Difficulty(
        name=name,
        start_mood=fields.integer("start_mood", 1, 99),
        win_mood=fields.integer("win_mood", 1, 100),
        gain=fields.number("gain", 0.05, 2.0),
        flag_factor=fields.number("flag_factor", 0.0, 5.0),
        max_turns=fields.integer("max_turns", 2, 30),
        needs_acknowledgement=bool(fields.data.get("needs_acknowledgement", False)),
    )
    if difficulty.win_mood <= difficulty.start_mood:
        raise DataError(fields.path, fields.name("win_mood"), "must be above start_mood")
    return difficulty
