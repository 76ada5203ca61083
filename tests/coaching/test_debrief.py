"""The debrief: per-skill scores, best and weakest reply, model answer, a fitting true story."""

from __future__ import annotations

from bot import payloads
from bot.coaching.debrief import build_debrief, skill_scores
from bot.coaching.progress import weakest_skill
from bot.roleplay.turn import ReplyRecord, RoleplayState

HISTORY = (
    ReplyRecord("ok", 0, (), ()),
    ReplyRecord("I'm sorry, I'll remake it now.", 65, ("apology", "solution", "timeliness"), ()),
    ReplyRecord("I understand, it's on us.", 50, ("empathy", "above_and_beyond"), ()),
)


def state(history=HISTORY) -> RoleplayState:
    return RoleplayState("latte", "frustrated", 1, 40, len(history), True, history)


def test_each_bar_is_the_share_of_replies_that_showed_the_skill(content) -> None:
    scores = skill_scores(content.rubric, HISTORY)
    assert scores["greeting"] == 0  # not in the opening reply, the only one it counts in
    assert scores["apology"] == 33  # one reply of three: not 100
    assert scores["empathy"] == 33
    assert scores["ownership"] == 0


def test_a_skill_shown_once_in_six_replies_is_not_full_marks(content) -> None:
    history = [ReplyRecord("I'm sorry.", 20, ("apology",), ())] + [
        ReplyRecord(f"ok {i}", 0, (), ()) for i in range(5)
    ]
    report = build_debrief(
        content.rubric, state(tuple(history)), "turn_limit", content.scenarios["latte"], []
    )
    assert report.skills["apology"] == 17 and report.shown["apology"] == (1, 6)
    assert report.score == 3  # the overall and the bars tell the same story: little shown
    assert max(report.skills.values()) < 20
    shown = payloads.debrief(report, content.rubric)
    assert shown["counted"] is True and shown["skill_replies"]["apology"] == [1, 6]
    assert "the average score of your 6 replies" in shown["score_note"]
    assert "share of your replies that showed the skill" in shown["score_note"]


def test_bars_and_overall_are_both_full_when_every_reply_shows_every_skill(content) -> None:
    every = tuple(content.rubric.skills)
    history = tuple(ReplyRecord(f"reply {i}", 100, every, ()) for i in range(3))
    report = build_debrief(
        content.rubric, state(history), "won_over", content.scenarios["latte"], []
    )
    assert report.score == 100 and set(report.skills.values()) == {100}
    assert report.shown["greeting"] == (1, 1)  # the opening reply only


def test_a_reply_with_a_red_flag_is_the_weakest_and_never_the_best(content) -> None:
    flagged = ReplyRecord(
        "That's our policy. What milk was it?", 0, (), ("policy_hiding",),
        heard={"verdict": "answered"}, mood_change=-5,
    )  # fmt: skip
    history = (
        ReplyRecord("ok", 0, (), (), mood_change=-10),
        flagged,
        ReplyRecord("I'm sorry, I'll remake it.", 50, ("apology", "solution"), (), mood_change=10),
    )
    report = build_debrief(
        content.rubric, state(history), "won_over", content.scenarios["latte"], []
    )
    assert report.weakest_reply == flagged.text
    assert report.best_reply == history[2].text


def test_one_reply_names_no_best_and_weakest_pair(content) -> None:
    history = (ReplyRecord("I'm sorry, I'll remake it.", 50, ("apology",), ()),)
    report = build_debrief(
        content.rubric, state(history), "stopped", content.scenarios["latte"], []
    )
    assert (report.best_reply, report.weakest_reply) == ("", "")


def test_the_same_words_twice_are_not_both_best_and_weakest(content) -> None:
    history = (ReplyRecord("ok", 0, (), ()), ReplyRecord("ok", 0, (), ()))
    report = build_debrief(
        content.rubric, state(history), "stopped", content.scenarios["latte"], []
    )
    assert report.best_reply != report.weakest_reply
    assert report.best_reply == ""


def test_the_weakest_skill_is_the_one_progress_would_name(content) -> None:
    report = build_debrief(content.rubric, state(), "won_over", content.scenarios["latte"], [])
    assert report.weakest_skill == weakest_skill(report.skills)
    tied = [s for s, v in report.skills.items() if v == report.skills[report.weakest_skill]]
    weights = {s: content.rubric.skills[s].weight for s in tied}
    assert weights[report.weakest_skill] == max(weights.values())  # ties: worth most first


def test_best_weakest_model_answer_and_a_story_for_the_weakest_skill(content) -> None:
    scenario = content.scenarios["latte"]
    report = build_debrief(content.rubric, state(), "won_over", scenario, content.anecdotes)
    assert report.best_reply == HISTORY[1].text and report.weakest_reply == "ok"
    assert report.score == round((0 + 65 + 50) / 3)
    assert report.model_answer == scenario.model_answer
    assert report.skills[report.weakest_skill] == min(report.skills.values())
    assert report.anecdote is not None
    assert report.weakest_skill in report.anecdote.skills


def test_a_role_play_stopped_before_any_reply_still_debriefs_but_counts_for_nothing(
    content,
) -> None:
    scenario = content.scenarios["spa_regular"]
    report = build_debrief(content.rubric, state(()), "stopped", scenario, content.anecdotes)
    assert report.turns == 0 and not report.counted
    assert report.best_reply == "" and report.anecdote is not None
    shown = payloads.debrief(report, content.rubric, earlier=(95, {"empathy": 100}))
    assert shown["counted"] is False and shown["previous"] is None  # no "-95 now"
    assert "counts for nothing" in shown["score_note"]
    text = payloads.debrief_text(report, content.rubric, earlier=(95, {"empathy": 100}))
    assert "0/100" not in text and "-95" not in text and "counts for nothing" in text


def test_a_story_already_told_in_the_conversation_is_not_told_again(content) -> None:
    scenario = content.scenarios["latte"]
    first = build_debrief(content.rubric, state(), "won_over", scenario, content.anecdotes)
    again = build_debrief(
        content.rubric, state(), "won_over", scenario, content.anecdotes, told=[first.anecdote.id]
    )
    assert again.anecdote is not None and again.anecdote.id != first.anecdote.id
    assert first.weakest_skill in again.anecdote.skills


def test_a_story_names_its_essay_by_title_and_keeps_the_file(content) -> None:
    report = build_debrief(content.rubric, state(), "won_over", content.scenarios["latte"],
                           content.anecdotes)  # fmt: skip
    story = payloads.debrief(report, content.rubric)["anecdote"]
    assert story["source"].startswith("seeds/") and story["essay"]
    assert not story["essay"].startswith("seeds/")


def test_every_skill_has_a_story_to_teach_it(content) -> None:
    taught = {skill for story in content.anecdotes for skill in story.skills}
    assert taught == set(content.rubric.skills)
