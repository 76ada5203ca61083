"""Trying a scenario again: the next debrief shows the change since the last attempt."""

from __future__ import annotations

import uuid

from bot.engine import CoachEngine

WEAK = "ok"
STRONG = "I'm so sorry! I'll remake it with oat milk right now, and it's on us."


def attempt(engine: CoachEngine, employee: str, reply: str, difficulty: str = "frustrated"):
    started = engine.start("latte", difficulty, 9, employee, "rest")
    played = engine.reply(started.state, started.session_id, reply)
    return engine.finish(played.result.state, "stopped", started.session_id)


def test_the_second_attempt_is_compared_with_the_first(engine: CoachEngine) -> None:
    employee = f"again-{uuid.uuid4().hex[:6]}"
    first = attempt(engine, employee, WEAK)[1]["custom"]
    assert first["previous"] is None, "nothing to compare the first time"
    text, card, _ = attempt(engine, employee, STRONG)
    second = card["custom"]
    assert second["previous"]["score"] == first["score"]
    assert second["previous"]["change"] == second["score"] - first["score"] > 0
    assert second["previous"]["skills"]["apology"] > 0
    assert f"you scored {first['score']}: +" in text["text"]


def test_another_difficulty_or_employee_is_not_compared(engine: CoachEngine) -> None:
    employee = f"again-{uuid.uuid4().hex[:6]}"
    attempt(engine, employee, WEAK)
    assert attempt(engine, employee, STRONG, difficulty="calm")[1]["custom"]["previous"] is None
    assert attempt(engine, f"other-{employee}", STRONG)[1]["custom"]["previous"] is None
