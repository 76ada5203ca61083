"""The debrief: per-skill scores, best and weakest reply, model answer, a fitting true story."""

from __future__ import annotations

from bot.coaching.debrief import build_debrief, skill_scores
from bot.roleplay.turn import ReplyRecord, RoleplayState

HISTORY = (
    ReplyRecord("ok", 0, (), ()),
    ReplyRecord("I'm sorry, I'll remake it now.", 65, ("apology", "solution", "timeliness"), ()),
    ReplyRecord("I understand, it's on us.", 50, ("empathy", "above_and_beyond"), ()),
)


def state(history=HISTORY) -> RoleplayState:
    return RoleplayState("latte", "frustrated", 1, 40, len(history), True, history)


def test_skill_scores_follow_what_each_skill_expects(content) -> None:
    scores = skill_scores(content.rubric, HISTORY)
    assert scores["greeting"] == 0  # not in the opening reply
    assert scores["apology"] == 100  # once is enough
    assert scores["empathy"] == 50  # one of the two replies it should be in
    assert scores["ownership"] == 0


def test_best_weakest_model_answer_and_a_story_for_the_weakest_skill(content) -> None:
    scenario = content.scenarios["latte"]
    report = build_debrief(content.rubric, state(), "won_over", scenario, content.anecdotes)
    assert report.best_reply == HISTORY[1].text and report.weakest_reply == "ok"
    assert report.score == round((0 + 65 + 50) / 3)
    assert report.model_answer == scenario.model_answer
    assert report.skills[report.weakest_skill] == min(report.skills.values())
    assert report.anecdote is not None
    assert report.weakest_skill in report.anecdote.skills


def test_a_role_play_stopped_before_any_reply_still_debriefs(content) -> None:
    scenario = content.scenarios["spa_regular"]
    report = build_debrief(content.rubric, state(()), "stopped", scenario, content.anecdotes)
    assert report.score == 0 and report.turns == 0
    assert report.best_reply == "" and report.anecdote is not None


def test_every_skill_has_a_story_to_teach_it(content) -> None:
    taught = {skill for story in content.anecdotes for skill in story.skills}
    assert taught == set(content.rubric.skills)
