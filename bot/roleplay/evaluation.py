"""`make eval`: how the customer reacts on scripted conversations, as rates.

`python -m bot.roleplay.evaluation` scores the held-out set (tests/roleplay/conversations/);
`--dev` scores the dev set, the only one to tune the customer's rules and lines on.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bot import paths
from bot.engine import CoachEngine
from bot.roleplay.conversations import (
    MET_WHEN,
    Conversation,
    Scorecard,
    TurnCheck,
    load_conversations,
)
from bot.roleplay.turn import start

HELD_OUT = paths.PROJECT_ROOT / "tests" / "roleplay" / "conversations"
DEV = paths.DATA_DIR / "roleplay" / "dev_conversations"


def play(
    engine: CoachEngine, conversation: Conversation
) -> tuple[list[TurnCheck], bool, int | None]:
    """Each employee turn through the engine as a role-play would run it; stops at the end."""
    scenario = engine.content.scenarios[conversation.scenario]
    state, _ = start(
        scenario, engine.content.difficulties[conversation.difficulty], conversation.seed
    )
    checks: list[TurnCheck] = []
    for number, turn in enumerate(conversation.turns, start=1):
        replied = engine.reply(state, "", turn.employee)
        if replied.result is None:
            said = replied.messages[0]["text"]
            heard = {"move": "to_coach" if "buttons" in replied.messages[0] else "nonsense"}
        else:
            said = replied.result.customer_line
            heard = replied.messages[0]["custom"]["customer_heard"]
            state = replied.result.state
        checks.append(TurnCheck(conversation.id, number, turn.expect,
                                _met(turn.expect, heard, said, turn.mentions), said))  # fmt: skip
        if replied.result is not None and replied.result.finished:
            won = replied.result.outcome == "won_over"
            return checks, won, state.turn if won else None
    return checks, False, None


def _met(expect: str, heard: dict, said: str, mentions: tuple[str, ...]) -> bool:
    if not MET_WHEN[expect](heard):
        return False
    if expect == "answers_fact" and mentions:
        return any(m in said.lower() for m in mentions)
    return True


def score(engine: CoachEngine, folder: Path) -> Scorecard:
    conversations = load_conversations(folder, set(engine.content.scenarios))
    card = Scorecard([], [])
    for conversation in conversations:
        checks, won, at = play(engine, conversation)
        card.turns.extend(checks)
        card.outcomes.append((conversation, won, at))
    return card


def report(card: Scorecard, title: str) -> str:
    def ratio(pair: tuple[int, int]) -> str:
        met, total = pair
        return f"{met / total:.2f} ({met}/{total})" if total else "n/a (0)"

    lines = [f"Role-play customer on {title}: {len(card.outcomes)} conversations"]
    for label, expect in (
        ("question-answer rate", "answers_fact"), ("don't-know rate", "doesnt_know"),
        ("right offer accepted", "accepts_offer"), ("wrong-offer refusal rate", "refuses_offer"),
        ("vague promise pushed back", "pushes_back"),
        ("repetition noticed rate", "notices_repetition"),
        ("brush-off answered", "angry_at_brushoff"), ("nonsense not scored", "confused"),
        ("coach question noticed", "asks_who"),
    ):  # fmt: skip
        lines.append(f"  {label:<28} {ratio(card.rate(expect))}")
    lines.append(f"  {'right-fix win rate':<28} {ratio(card.right_fix_wins())}")
    lines.append(f"  {'  at frustrated':<28} {ratio(card.right_fix_wins('frustrated'))}")
    lines.append(f"  {'vague-reply win rate (want 0)':<28} {ratio(card.vague_wins())}")
    wrong = card.wrong_outcomes()
    lines.append(f"  outcome as written: {len(card.outcomes) - len(wrong)}/{len(card.outcomes)}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dev", action="store_true", help="the dev set, for tuning")
    parser.add_argument("--misses", action="store_true", help="list each turn not as expected")
    args = parser.parse_args()
    engine = CoachEngine.load(None)
    folder, title = (DEV, "the dev set") if args.dev else (HELD_OUT, "the held-out set")
    card = score(engine, folder)
    print(report(card, title))
    if args.misses:
        for check in card.turns:
            if not check.met:
                print(f"  MISS {check.conversation} #{check.turn} {check.expect}: {check.said}")


if __name__ == "__main__":
    main()
