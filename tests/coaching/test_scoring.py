"""Reply scores and tips: the numbers a trainee sees after every reply."""

from __future__ import annotations

from bot.coaching.scoring import PRAISE, assess, choose_tip, score_reply


def test_a_complete_reply_scores_full_marks(content) -> None:
    rubric = content.rubric
    assert score_reply(rubric, ["empathy", "apology", "ownership", "solution"], [], 2) == 100


def test_an_empty_reply_scores_zero_and_flags_cannot_go_below_it(content) -> None:
    assert score_reply(content.rubric, [], [], 1) == 0
    assert score_reply(content.rubric, ["solution"], ["blame", "dismissive"], 2) == 0


def test_a_greeting_only_counts_in_the_opening_reply(content) -> None:
    rubric = content.rubric
    assert score_reply(rubric, ["greeting"], [], 1) > score_reply(rubric, ["greeting"], [], 3)


def test_the_tip_addresses_the_worst_flag_first(content) -> None:
    rubric = content.rubric
    tip = choose_tip(rubric, ["solution"], ["policy_hiding", "dismissive"], 2, [])
    assert tip == rubric.flags["dismissive"].tip


def test_the_tip_names_the_most_useful_missing_skill(content) -> None:
    rubric = content.rubric
    assert choose_tip(rubric, ["solution"], [], 2, []) == rubric.skills["empathy"].tip
    assert choose_tip(rubric, ["empathy"], [], 2, ["solution"]) == rubric.skills["apology"].tip


def test_a_reply_with_everything_that_matters_is_praised(content) -> None:
    everything = list(content.rubric.skills)
    assert choose_tip(content.rubric, everything, [], 2, []) == PRAISE


def test_a_first_reply_without_a_greeting_is_coached_on_it_but_only_there(content) -> None:
    rubric = content.rubric
    greeting_tip = rubric.skills["greeting"].tip
    assert choose_tip(rubric, ["empathy"], [], 1, []) == greeting_tip
    assert choose_tip(rubric, [], [], 1, []) == rubric.skills["empathy"].tip, "nothing: bigger tip"
    assert choose_tip(rubric, ["empathy"], [], 2, []) != greeting_tip, "too late to greet"


def test_a_tip_just_given_gives_way_to_the_next_missing_skill(content) -> None:
    rubric = content.rubric
    again = choose_tip(rubric, ["solution"], [], 2, [], tipped_before={"empathy"})
    assert again == rubric.skills["apology"].tip
    both = choose_tip(rubric, ["solution"], [], 3, [], tipped_before={"empathy", "apology"})
    assert both == rubric.skills["ownership"].tip


def test_when_every_missing_skill_was_just_tipped_the_most_useful_comes_back(content) -> None:
    rubric = content.rubric
    skills = [s for s in rubric.skills if s != "empathy"]
    assert choose_tip(rubric, skills, [], 2, [], tipped_before={"empathy"}) == (
        rubric.skills["empathy"].tip
    )


def test_a_flag_is_coached_however_often_it_was_before(content) -> None:
    rubric = content.rubric
    assessment = assess(rubric, [], ["blame"], 2, [], tipped_before={"empathy"})
    assert assessment.tip == rubric.flags["blame"].tip and assessment.tipped is None
