"""How a role-play can end: the ids the engine records, which the rubric must put words to."""

from __future__ import annotations

WON_OVER, WALKED_OUT, STOPPED, TURN_LIMIT = "won_over", "walked_out", "stopped", "turn_limit"
OUTCOMES = (WON_OVER, WALKED_OUT, STOPPED, TURN_LIMIT)
