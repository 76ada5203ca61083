"""The customer's mood: 0 walks out, 100 delighted. It moves with every reply.

A reply above NEUTRAL calms the customer, one below it annoys them, and flags (blame,
policy, brush-offs) hurt on top. The difficulty scales both: a furious customer warms
slowly and flares up fast.
"""

from __future__ import annotations

from bot.roleplay.difficulty import Difficulty

NEUTRAL = 20
NOT_ANGRY = 35  # the lowest mood the bar no longer calls angry
LOWEST, HIGHEST = 0, 100


def next_mood(mood: int, score: int, flag_penalty: int, difficulty: Difficulty) -> int:
    change = difficulty.gain * (score - NEUTRAL) - difficulty.flag_factor * flag_penalty / 2
    return max(LOWEST, min(HIGHEST, round(mood + change)))


def describe(mood: int) -> str:
    """A word for the mood indicator."""
    for ceiling, word in ((15, "furious"), (NOT_ANGRY, "angry"), (55, "annoyed"), (75, "calmer")):
        if mood < ceiling:
            return word
    return "pleased"
