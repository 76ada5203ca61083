"""The customer's mood: good replies calm, poor ones escalate, flags hurt, furious is harder."""

from __future__ import annotations

from bot.roleplay.mood import next_mood


def test_a_good_reply_calms_and_a_poor_one_escalates(content) -> None:
    frustrated = content.difficulties["frustrated"]
    assert next_mood(35, 85, 0, frustrated) > 35
    assert next_mood(35, 0, 0, frustrated) < 35


def test_a_flag_escalates_more_than_a_merely_empty_reply(content) -> None:
    frustrated = content.difficulties["frustrated"]
    blame = content.rubric.flags["blame"].penalty
    assert next_mood(35, 0, blame, frustrated) < next_mood(35, 0, 0, frustrated)


def test_a_furious_customer_warms_slower_and_flares_faster(content) -> None:
    calm, furious = content.difficulties["calm"], content.difficulties["furious"]
    assert next_mood(50, 90, 0, furious) - 50 < next_mood(50, 90, 0, calm) - 50
    assert 50 - next_mood(50, 0, 40, furious) > 50 - next_mood(50, 0, 40, calm)


def test_mood_stays_between_0_and_100(content) -> None:
    furious = content.difficulties["furious"]
    assert next_mood(5, 0, 100, furious) == 0
    assert next_mood(99, 100, 0, content.difficulties["calm"]) == 100


def test_difficulty_sets_the_starting_mood_and_the_bar_to_win(content) -> None:
    levels = [content.difficulties[d] for d in ("calm", "frustrated", "furious")]
    assert [d.start_mood for d in levels] == sorted((d.start_mood for d in levels), reverse=True)
    assert all(d.win_mood > d.start_mood for d in levels)
