"""Assignments, trainers' overrides and progress figures on a real (SQLite) database."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.coaching.progress import summarise
from bot.engine import CoachEngine
from bot.store import assignments, dashboard, saved_filters
from bot.store.coaching_log import CoachingLog
from bot.store.database import make_engine, prepare_database

TURN = {
    "reply": "I'm sorry, let me fix it.", "score": 65, "skills": ["apology"], "flags": [],
    "tip": "Name the feeling.", "mood_before": 35, "mood_after": 45, "customer_line": "Okay.",
}  # fmt: skip
DANA = ("dana", "Dana Lee")
NEEDS = {"latte": ["solution"], "slow_counter": ["timeliness"]}


@pytest.fixture()
def log(tmp_path: Path) -> CoachingLog:
    url = f"sqlite:///{tmp_path / 'coach.db'}"
    prepare_database(url)
    return CoachingLog(make_engine(url))


def play(log: CoachingLog, sid: str, employee: str, scenario: str = "latte",
         difficulty: str = "frustrated", replies: int = 1, score: int = 60) -> None:  # fmt: skip
    log.record_start(sid, employee, "rest", scenario, difficulty, 1)
    for turn in range(1, replies + 1):
        log.record_turn(sid, turn, TURN)
    log.record_end(sid, "stopped", score, {"empathy": score, "solution": score // 2}, "b", "w")


def assign(log: CoachingLog, employees: list[str], scenario: str = "latte",
           difficulty: str = "frustrated", due: date | None = None) -> None:  # fmt: skip
    with log.sessions.begin() as db:
        assignments.assign(db, employees, scenario, difficulty, due, "Try the apology", DANA)


def test_an_employee_with_no_sessions_has_no_figures(log: CoachingLog) -> None:
    summary = summarise(log.finished_role_plays("nobody"), NEEDS)
    assert (summary.sessions, summary.score, summary.weakest) == (0, 0, None)


def test_a_role_play_stopped_before_any_reply_counts_for_nothing(log: CoachingLog) -> None:
    play(log, "s1", "quitter", replies=0, score=0)
    summary = summarise(log.finished_role_plays("quitter"), NEEDS)
    assert summary.sessions == 0 and summary.skills == {}


def test_figures_come_from_the_employee_own_role_plays_only(log: CoachingLog) -> None:
    play(log, "a1", "ana", score=40)
    play(log, "a2", "ana", score=80)
    play(log, "b1", "ben", score=10)
    summary = summarise(log.finished_role_plays("ana"), NEEDS)
    assert (summary.sessions, summary.score) == (2, 60)
    assert summary.skills == {"empathy": 60, "solution": 30}
    assert summary.trend == {"empathy": 40, "solution": 20}
    assert summary.weakest == "solution" and summary.suggested_scenario == "latte"


def test_a_trainer_override_changes_the_employee_score_and_is_shown(log: CoachingLog) -> None:
    play(log, "a1", "ana", score=40)
    with log.sessions.begin() as db:
        dashboard.set_override(db, "a1", "Dana Lee", 75, "pass", "Great recovery at the end")
    assert summarise(log.finished_role_plays("ana"), NEEDS).score == 75
    [review] = log.reviews_for("ana")
    assert (review.score, review.verdict, review.by) == (75, "pass", "Dana Lee")
    assert review.reason == "Great recovery at the end"
    assert log.reviews_for("ben") == []
    with log.sessions.begin() as db:
        dashboard.set_override(db, "a1", "Dana Lee", None, None, "")
    assert summarise(log.finished_role_plays("ana"), NEEDS).score == 40
    assert log.reviews_for("ana") == []


def test_assigning_to_a_group_lists_it_for_each_soonest_due_first(log: CoachingLog) -> None:
    soon, later = date.today() + timedelta(days=2), date.today() + timedelta(days=9)
    assign(log, assignments.employees_in("ana, ben\nana"), due=later)
    assign(log, ["ana"], scenario="slow_counter", difficulty="furious", due=soon)
    assign(log, ["ana"], scenario="diet_coke")
    listed = log.assignments_for("ana")
    assert [(a.scenario, a.due) for a in listed] == [
        ("slow_counter", soon), ("latte", later), ("diet_coke", None)
    ]  # fmt: skip
    assert listed[0].by == "Dana Lee" and listed[0].note == "Try the apology"
    assert [a.scenario for a in log.assignments_for("ben")] == ["latte"]


def test_finishing_a_role_play_marks_the_assignment_done(log: CoachingLog) -> None:
    assign(log, ["ana", "ben"], difficulty="frustrated")
    play(log, "easier", "ana", difficulty="calm")  # too easy: still open
    play(log, "other", "ana", scenario="diet_coke")  # another scenario: still open
    play(log, "quit", "ana", replies=0)  # stopped before any reply: still open
    assert [a.scenario for a in log.assignments_for("ana")] == ["latte"]
    play(log, "harder", "ana", difficulty="furious", score=70)
    assert log.assignments_for("ana") == []
    assert [a.scenario for a in log.assignments_for("ben")] == ["latte"]
    with log.sessions() as db:
        rows = {row.assignment.employee: row for row in assignments.board(db, date.today())}
    assert (rows["ana"].state, rows["ana"].score) == ("done", 70)
    assert rows["ana"].assignment.done_session_id == "harder"
    assert rows["ben"].state == "open" and rows["ben"].score is None


def test_an_assignment_past_its_due_date_is_overdue(log: CoachingLog) -> None:
    assign(log, ["cleo"], due=date.today() - timedelta(days=1))
    with log.sessions() as db:
        [row] = assignments.board(db, date.today())
    assert row.state == "overdue"
    play(log, "late", "cleo", score=55)
    with log.sessions.begin() as db:
        dashboard.set_override(db, "late", "Dana Lee", 65, None, "Better than it looks")
    with log.sessions() as db:
        [row] = assignments.board(db, date.today())
    assert (row.state, row.score) == ("done", 65)


def test_a_done_assignment_cannot_be_withdrawn_an_open_one_can(log: CoachingLog) -> None:
    assign(log, ["ana", "ben"])
    play(log, "done", "ana")
    with log.sessions.begin() as db:
        ids = [row.assignment.id for row in assignments.board(db, date.today())]
        assert assignments.withdraw(db, ids) == 1
    with log.sessions() as db:
        assert [r.state for r in assignments.board(db, date.today())] == ["done"]


def test_saved_filters_belong_to_their_trainer(log: CoachingLog) -> None:
    with log.sessions.begin() as db:
        saved_filters.save(db, "dana", "Low latte scores", "?scenario=latte&score_max=40")
        saved_filters.save(db, "dana", "Low latte scores", "scenario=latte&score_max=50")
        saved_filters.save(db, "eve", "Mine", "outcome=walked_out")
    with log.sessions.begin() as db:
        [mine] = saved_filters.of_trainer(db, "dana")
        assert (mine.name, mine.query) == ("Low latte scores", "scenario=latte&score_max=50")
        assert not saved_filters.delete(db, "eve", mine.id), "only its owner deletes it"
        assert saved_filters.delete(db, "dana", mine.id)


def test_the_employee_and_the_trainer_see_the_same_progress(log: CoachingLog, engine) -> None:
    """One history, one summary: "how am I doing?" in chat and the trainer's progress page
    agree on the averages, the trend and the weakest skill, the override included."""
    tied = [{"empathy": 40, "apology": 40}, {"empathy": 70, "apology": 40}]
    for i, skills in enumerate([*tied, {"empathy": 10, "apology": 40}]):
        log.record_start(f"p{i}", "eve", "rest", "latte", "calm", 1)
        log.record_turn(f"p{i}", 1, TURN)
        log.record_end(f"p{i}", "won_over", 50, skills, "b", "w")
    log.record_start("p9", "eve", "rest", "latte", "calm", 1)  # stopped before any reply
    log.record_end("p9", "stopped", 0, {"empathy": 0, "apology": 0}, "", "")
    with log.sessions.begin() as db:
        dashboard.set_override(db, "p1", "Dana Lee", 80, None, "Better than it looks")
    mine = CoachEngine(engine.content, engine.detector, log).progress("eve")[1]["custom"]
    with log.sessions() as db:
        trainer = dashboard.employee_progress(db, "eve")
    assert mine["weakest"] == trainer.weakest_skill == "empathy", "a tie: the skill worth more"
    assert mine["skills"] == {s: round(v) for s, v in trainer.averages.items()}
    assert mine["skills"] == {"empathy": 40, "apology": 40}
    assert mine["trend"] == trainer.trend
    assert mine["sessions"] == len(trainer.points) == 3
    assert [p.score for p in trainer.points] == [50, 80, 50] and mine["score"] == 60
