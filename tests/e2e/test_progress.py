"""Progress over REST: after a role-play, "how am I doing?" shows the asker's own figures."""

from __future__ import annotations

from typing import Any

from tests.rasa_client import RasaClient

START = '/start_roleplay{"scenario": "diet_coke", "difficulty": "calm", "seed": "2"}'
WINNER = (
    "Good evening! I'm so sorry we don't carry Diet Coke. I'll personally fetch you one from "
    "the shop across the road right away, on the house."
)


def custom(messages: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [m["custom"] for m in messages if m.get("custom", {}).get("type") == kind]


def test_after_a_role_play_my_progress_shows_it_and_only_mine(rasa: RasaClient) -> None:
    me, newcomer = "e2e-progress-me", "e2e-progress-newcomer"
    rasa.send(me, START)
    for _ in range(6):
        if custom(rasa.send(me, WINNER), "debrief"):
            break
    [debriefed] = custom(rasa.send(me, "how am I doing?"), "progress")
    assert debriefed["sessions"] == 1 and 0 <= debriefed["score"] <= 100
    assert debriefed["skills"] and debriefed["weakest"] in debriefed["skills"]

    theirs = rasa.send(newcomer, "how am I doing?")
    assert not custom(theirs, "progress")
    assert "haven't finished a role-play" in theirs[0]["text"]
