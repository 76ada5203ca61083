"""The tip names what this reply missed, not one tip for the whole role-play."""

from __future__ import annotations

from bot.engine import CoachEngine

NO_FEELINGS_NAMED = [  # none of these names the customer's feeling
    "Hello, I'm Sam.",
    "I'll remake it now.",
    "It will be ready in two minutes.",
]


def test_the_tip_changes_while_the_same_skill_stays_missing(engine: CoachEngine) -> None:
    coach = CoachEngine(engine.content, engine.detector, None)  # nothing to store
    state = coach.start("latte", "calm", 5, "tip-tester", "rest").state
    tips = []
    for reply in NO_FEELINGS_NAMED:
        played = coach.reply(state, "", reply)
        assert played.result is not None
        feedback = played.messages[0]["custom"]
        assert "empathy" not in feedback["skills"]
        tips.append(feedback["tip"])
        state = played.result.state
    assert tips[0] == engine.content.rubric.skills["empathy"].tip
    assert len(set(tips)) == len(tips), "each reply gets a tip it did not just get"
