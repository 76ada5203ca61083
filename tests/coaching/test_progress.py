"""An employee's progress figures, trends and the scenario suggested for their weakest skill."""

from __future__ import annotations

from bot.coaching.progress import Played, summarise

NEEDS = {"latte": ["solution"], "slow_counter": ["solution", "timeliness"], "spa": ["above"]}


def played(scenario: str, score: int, turns: int = 3, **skills: int) -> Played:
    return Played(scenario, score, skills, turns)


def test_no_sessions_means_no_figures() -> None:
    summary = summarise([], NEEDS)
    assert (summary.sessions, summary.skills, summary.weakest) == (0, {}, None)


def test_a_role_play_stopped_before_any_reply_counts_for_nothing() -> None:
    summary = summarise([played("latte", 0, turns=0, empathy=0)], NEEDS)
    assert summary.sessions == 0 and summary.suggested_scenario is None


def test_averages_weakest_and_a_scenario_that_needs_it() -> None:
    history = [
        played("latte", 60, empathy=80, timeliness=20),
        played("latte", 70, empathy=60, timeliness=40),
    ]
    summary = summarise(history, NEEDS)
    assert (summary.sessions, summary.score) == (2, 65)
    assert summary.skills == {"empathy": 70, "timeliness": 30}
    assert summary.weakest == "timeliness"
    assert summary.suggested_scenario == "slow_counter"


def test_trend_is_the_last_three_against_the_three_before() -> None:
    empathy = [40, 40, 40, 50, 52, 54]  # +12 over the last three
    history = [played("latte", 50, empathy=e) for e in empathy]
    assert summarise(history, NEEDS).trend == {"empathy": 12}
    assert summarise(history[:2], NEEDS).trend == {"empathy": 0}
    assert summarise(history[:1], NEEDS).trend == {}


def test_a_weak_skill_no_scenario_needs_points_to_where_it_scored_lowest() -> None:
    history = [played("spa", 50, empathy=30), played("latte", 50, empathy=10, solution=90)]
    assert summarise(history, NEEDS).suggested_scenario == "latte"


def test_a_tie_for_weakest_goes_to_the_skill_worth_most_points() -> None:
    history = [played("latte", 40, greeting=0, solution=0, empathy=60)]
    assert summarise(history, NEEDS).weakest == "solution"  # 30 points a reply, greeting 10
    assert summarise(history, NEEDS, weights={"greeting": 50}).weakest == "greeting"


def test_a_falling_skill_has_a_negative_trend() -> None:
    history = [played("latte", 50, empathy=e) for e in (80, 80, 80, 40, 40, 40)]
    assert summarise(history, NEEDS).trend == {"empathy": -40}


def test_a_role_play_with_no_reply_does_not_move_the_trend() -> None:
    history = [played("latte", 60, empathy=60), played("latte", 60, empathy=60)]
    stopped = played("latte", 0, turns=0, empathy=0)
    assert summarise([*history, stopped], NEEDS).trend == {"empathy": 0}
    assert summarise([*history, stopped], NEEDS).score == 60
