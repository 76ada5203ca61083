"""The customer on the blind held-out conversations (tests/roleplay/conversations/), with the
trained reader: a floor under each rate `make eval` reports, just under what was measured, so
a change that makes the customer listen worse fails. The aims (0.9 and more, no vague win) are
not all reached; the README says where it falls short."""

from __future__ import annotations

import pytest

from bot.engine import CoachEngine
from bot.roleplay.conversations import Scorecard
from bot.roleplay.evaluation import HELD_OUT, score

# Measured 2026-12-02 on all 208 conversations (the first 156 and round G's 52). Before the
# changes round G judges: 0.84, 0.95, 0.96, 0.74, 0.83, 0.94, 0.90, 0.94, 0.73; right-fix
# wins 0.94; vague-reply wins 2 of 54. After them: 0.91, 0.95, 0.95, 0.77, 0.85, 0.94, 0.86,
# 0.94, 0.86; 0.94; 2 of 54.
FLOORS = {
    "answers_fact": 0.89, "doesnt_know": 0.95, "accepts_offer": 0.93, "refuses_offer": 0.75,
    "pushes_back": 0.83, "notices_repetition": 0.9, "angry_at_brushoff": 0.84, "confused": 0.88,
    "asks_who": 0.8,
}  # fmt: skip
RIGHT_FIX_WINS = 0.92
VAGUE_WINS_AT_MOST = 2  # the aim is none


@pytest.fixture(scope="module")
def card(engine: CoachEngine) -> Scorecard:
    assert engine.understanding.learned is not None, "no trained reader: run `make train`"
    return score(engine, HELD_OUT)


@pytest.mark.parametrize("expect", sorted(FLOORS))
def test_the_customer_reacts_as_the_held_out_conversations_expect(card, expect) -> None:
    met, total = card.rate(expect)
    assert total and met / total >= FLOORS[expect], (expect, met, total)


def test_the_right_fix_wins_and_a_vague_promise_almost_never_does(card) -> None:
    won, total = card.right_fix_wins()
    assert won / total >= RIGHT_FIX_WINS, (won, total)
    assert card.vague_wins()[0] <= VAGUE_WINS_AT_MOST, card.vague_wins()
