"""A role-play, turn by turn, as pure functions: deterministic, and ending for the right reasons."""

from __future__ import annotations

from bot.coaching.scoring import Assessment
from bot.roleplay.listening import needs_of
from bot.roleplay.mood import describe
from bot.roleplay.reaction import NEED_MET_BOOST, Heard, Reaction
from bot.roleplay.turn import (
    TURN_LIMIT,
    WALKED_OUT,
    WON_OVER,
    RoleplayState,
    play_turn,
    start,
)

GREAT = Assessment(100, ("empathy", "apology", "ownership", "solution"), (), "tip")
WARM_BUT_NO_FIX = Assessment(100, ("empathy", "apology", "positive_tone"), (), "tip")
POOR = Assessment(0, (), (), "tip")
BLAME = Assessment(0, (), ("blame",), "tip")


def heard(assessment: Assessment, needs, met) -> Reaction:
    """How the customer hears each kind of reply: a great one meets every need left."""
    if assessment is GREAT:
        newly = tuple(n.id for n in needs if n.id not in met)
        return Reaction(Heard("offer", "remake", "accepted"), None, newly, None,
                        NEED_MET_BOOST * len(newly))  # fmt: skip
    if assessment.flags:
        return Reaction(Heard("brush_off", assessment.flags[0], "rejected"), None, (), None, 0)
    return Reaction(Heard("reply"), None, (), None, 0)


def play(content, scenario_id: str, level: str, seed: int, replies, understanding) -> list:
    scenario, difficulty = content.scenarios[scenario_id], content.difficulties[level]
    needs = needs_of(scenario, difficulty, understanding)
    state, _ = start(scenario, difficulty, seed)
    results = []
    for assessment in replies:
        penalty = sum(content.rubric.flags[f].penalty for f in assessment.flags)
        reaction = heard(assessment, needs, state.needs_met)
        result = play_turn(state, "reply", assessment, penalty, scenario, difficulty, reaction,
                           (), needs)  # fmt: skip
        results.append(result)
        state = result.state
        if result.finished:
            break
    return results


def test_the_same_seed_replays_the_same_run(content, understanding) -> None:
    replies = [POOR, GREAT, WARM_BUT_NO_FIX, GREAT]
    first = play(content, "latte", "furious", 1234, replies, understanding)
    again = play(content, "latte", "furious", 1234, replies, understanding)
    assert [r.customer_line for r in first] == [r.customer_line for r in again]
    assert [r.state for r in first] == [r.state for r in again]


def test_the_opening_line_depends_on_difficulty(content) -> None:
    scenario = content.scenarios["latte"]
    for level, difficulty in content.difficulties.items():
        _, line = start(scenario, difficulty, 5)
        assert line in scenario.openings[level]


def test_great_replies_win_the_customer_over(content, understanding) -> None:
    results = play(content, "diet_coke", "frustrated", 1, [GREAT] * 8, understanding)
    assert results[-1].outcome == WON_OVER
    assert results[-1].customer_line in content.scenarios["diet_coke"].lines["resolved"]


def test_warmth_without_a_fix_never_wins(content, understanding) -> None:
    results = play(content, "latte", "calm", 1, [WARM_BUT_NO_FIX] * 20, understanding)
    assert all(r.outcome != WON_OVER for r in results)
    assert results[-1].outcome == TURN_LIMIT
    assert results[-1].state.mood == 100


def test_blame_makes_the_customer_walk_out(content, understanding) -> None:
    results = play(content, "slow_counter", "furious", 3, [BLAME] * 5, understanding)
    assert results[-1].outcome == WALKED_OUT
    assert len(results) <= 3
    assert results[-1].customer_line in content.scenarios["slow_counter"].lines["walking_out"]


def test_one_blow_up_leaves_a_last_chance_to_recover(content, understanding) -> None:
    results = play(
        content, "diet_coke", "furious", 3, [BLAME, GREAT, GREAT, GREAT, GREAT], understanding
    )
    assert results[0].state.mood == 0 and results[0].outcome is None
    assert results[-1].outcome == WON_OVER


def test_mood_direction_picks_calming_or_escalating_lines(content, understanding) -> None:
    lines = content.scenarios["theme_park"].lines
    [better] = play(content, "theme_park", "furious", 9, [WARM_BUT_NO_FIX], understanding)
    [worse] = play(content, "theme_park", "furious", 9, [POOR], understanding)
    assert better.customer_line in lines["calming"]
    assert worse.customer_line in lines["escalating"]


def test_state_survives_a_round_trip_through_slots(content, understanding) -> None:
    [result] = play(content, "latte", "calm", 4, [GREAT], understanding)[:1]
    assert RoleplayState.from_dict(result.state.to_dict()) == result.state


def test_a_role_play_saved_before_tips_were_remembered_still_loads(content, understanding) -> None:
    [result] = play(content, "latte", "calm", 4, [POOR], understanding)
    saved = result.state.to_dict()
    for record in saved["history"]:
        del record["tipped"]  # what a slot written by the previous release holds
    loaded = RoleplayState.from_dict(saved)
    assert loaded.history[0].text == result.state.history[0].text
    assert loaded.recently_tipped == set()


def test_a_customer_who_accepts_a_fix_is_not_angry_on_the_bar(content, understanding) -> None:
    """A curt reply ("ok remake") can still meet the need: the customer says "Oat milk this
    time, please. Thank you." and the mood bar must not read angry beside it."""
    curt_fix = Assessment(5, ("solution",), (), "tip")
    for scenario_id, scenario in content.scenarios.items():
        difficulty = content.difficulties["furious"]
        needs = needs_of(scenario, difficulty, understanding)
        state, _ = start(scenario, difficulty, 4)
        need = scenario.customer.needs[0]
        reaction = Reaction(Heard("offer", "remake", "accepted"), need.accepted, (need.id,), None,
                            NEED_MET_BOOST)  # fmt: skip
        result = play_turn(state, "ok remake", curt_fix, 0, scenario, difficulty, reaction, (),
                           needs)  # fmt: skip
        assert need.accepted in result.customer_line
        assert describe(result.state.mood) not in ("furious", "angry"), scenario_id


def test_a_fix_the_coach_flags_but_the_customer_accepts_still_wins(content, understanding) -> None:
    """The coach may hear a policy in "we've none in the bar, so I'll fetch one from the shop";
    Marion hears her Diet Coke fetched, and she is won over by it."""
    scenario, difficulty = content.scenarios["diet_coke"], content.difficulties["frustrated"]
    needs = needs_of(scenario, difficulty, understanding)
    state, _ = start(scenario, difficulty, 4)
    flagged_fix = Assessment(40, ("solution",), ("policy_hiding",), "tip")
    need = needs[0]
    reaction = Reaction(Heard("offer", "fetch", "accepted"), need.accepted, (need.id,), None,
                        NEED_MET_BOOST)  # fmt: skip
    result = play_turn(state, "I'll fetch one", flagged_fix, 0, scenario, difficulty, reaction,
                       (), needs)  # fmt: skip
    assert result.outcome == WON_OVER
