"""The coaching log: every role-play and turn stored once, even when a write is repeated."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from bot.store.coaching_log import CoachingLog
from bot.store.database import MIGRATIONS, make_engine, prepare_database

TURN = {
    "reply": "I'm sorry, let me fix it.", "score": 65, "skills": ["apology", "solution"],
    "flags": [], "tip": "Name the feeling.", "mood_before": 35, "mood_after": 45,
    "customer_line": "Okay, thanks.",
}  # fmt: skip


def test_a_role_play_is_stored_with_its_turns_and_outcome(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    prepare_database(url)
    log = CoachingLog(make_engine(url))
    log.record_start("s1", "dana", "rest", "latte", "furious", 42)
    log.record_turn("s1", 1, TURN)
    log.record_turn("s1", 2, {**TURN, "score": 80})
    log.record_end("s1", "won_over", 72, {"empathy": 50}, "best", "weakest")
    session, turns = log.session_with_turns("s1")
    assert (session.employee, session.scenario, session.difficulty) == ("dana", "latte", "furious")
    assert (session.outcome, session.score, session.turns) == ("won_over", 72, 2)
    assert [t.score for t in turns] == [65, 80]
    assert turns[0].skills == ["apology", "solution"]


def test_repeating_a_write_stores_nothing_twice(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    prepare_database(url)
    log = CoachingLog(make_engine(url))
    for _ in range(2):
        log.record_start("s2", "sam", "rest", "latte", "calm", 1)
        log.record_turn("s2", 1, TURN)
        log.record_end("s2", "stopped", 65, {}, "a", "b")
    session, turns = log.session_with_turns("s2")
    assert len(turns) == 1 and session.turns == 1


EVIDENCE = {"apology": [{"start": 4, "end": 9, "text": "sorry"}], "solution": []}


def test_a_turn_keeps_the_words_that_showed_its_skills(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    prepare_database(url)
    log = CoachingLog(make_engine(url))
    log.record_start("s3", "ana", "rest", "latte", "calm", 1)
    log.record_turn("s3", 1, {**TURN, "evidence": EVIDENCE})
    _, [turn] = log.session_with_turns("s3")
    assert turn.evidence == EVIDENCE


def test_turns_stored_before_evidence_existed_survive_the_upgrade(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        connection.exec_driver_sql(
            "INSERT INTO coaching_sessions (id, employee, channel, scenario, difficulty, seed,"
            " started_at, turns, reviewed) VALUES ('old', 'ben', 'rest', 'latte', 'calm', 1,"
            " '2026-01-05 09:00:00', 1, 0)"
        )
        connection.exec_driver_sql(
            "INSERT INTO coaching_turns (session_id, turn, reply, score, skills, flags, tip,"
            " mood_before, mood_after, customer_line, created_at) VALUES ('old', 1, 'Sorry.',"
            " 20, '[\"apology\"]', '[]', 't', 30, 35, 'Hm.', '2026-01-05 09:01:00')"
        )
    engine.dispose()
    prepare_database(url)
    log = CoachingLog(make_engine(url))
    _, [old] = log.session_with_turns("old")
    assert (old.reply, old.skills, old.evidence) == ("Sorry.", ["apology"], None)
    log.record_turn("old", 2, {**TURN, "evidence": EVIDENCE})
    assert log.session_with_turns("old")[1][1].evidence == EVIDENCE
