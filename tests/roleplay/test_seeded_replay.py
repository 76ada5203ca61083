"""A role-play replays exactly: the same customer, seed and replies give the same lines, the
same reactions and the same state, so a trainer can reproduce what an employee saw."""

from __future__ import annotations

from bot.engine import CoachEngine
from bot.roleplay.turn import start

REPLIES = [
    "Hi, sorry about this. Which milk did you want?",
    "Would you like a refund?",
    "I'll sort it out.",
    "I'll sort it out.",
    "I'm sorry, I'll remake it with oat milk right now, no queue.",
]


def played(shared: CoachEngine, seed: int) -> list[tuple[str, dict, dict]]:
    engine = CoachEngine(shared.content, shared.detector, None)  # nothing to store
    latte = engine.content.scenarios["latte"]
    state, opening = start(latte, engine.content.difficulties["furious"], seed)
    seen = [(opening, {}, {})]
    for reply in REPLIES:
        result = engine.reply(state, "", reply).result
        assert result is not None
        state = result.state
        seen.append((result.customer_line, result.state.history[-1].heard, state.to_dict()))
    return seen


def test_the_same_seed_replays_the_same_role_play(engine: CoachEngine) -> None:
    first, again = played(engine, 99), played(engine, 99)
    assert first == again
    heard = [step[1].get("verdict") for step in first[1:]]
    assert heard == ["answered", "rejected", "pushed_back", "noticed", "accepted"]


def test_another_seed_words_the_shared_lines_its_own_way(engine: CoachEngine) -> None:
    lines = {tuple(line for line, _, _ in played(engine, seed)) for seed in range(12)}
    assert len(lines) > 1, "the customer does not say the same words in every run"
