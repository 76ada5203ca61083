"""A role-play stopped before any reply counts for nothing, on every screen that sums up
an employee; and the employee and their trainer are shown the same weakest skill."""

from __future__ import annotations

from datetime import timedelta

from bot.coaching.progress import summarise
from bot.store import dashboard
from bot.store.coaching_log import CoachingLog
from bot.store.database import make_engine, prepare_database, session_factory
from tests.store.seeding import BASE, session_row


def database(folder):
    url = f"sqlite:///{folder / 'uncounted.db'}"
    prepare_database(url)
    factory = session_factory(make_engine(url))
    played = session_row(0)  # ana, latte, two replies
    played.skill_scores = {"empathy": 50, "solution": 0, "greeting": 0}
    played.score = 80
    stopped = session_row(3)  # ana again, the same scenario, stopped before any reply
    stopped.scenario, stopped.turns, stopped.score = played.scenario, 0, 0
    stopped.started_at = BASE + timedelta(days=40)
    stopped.skill_scores = dict.fromkeys(played.skill_scores, 0)
    with factory.begin() as db:
        db.add_all([played, stopped])
    return url, factory, played, stopped


def test_a_role_play_with_no_reply_is_in_no_figure(tmp_path) -> None:
    url, factory, played, stopped = database(tmp_path)
    with factory() as db:
        employees, scenarios = dashboard.team_rankings(db)
        progress = dashboard.employee_progress(db, "ana")
    assert [(r.name, r.sessions, r.average) for r in employees] == [("ana", 1, 80.0)]
    assert [r.sessions for r in scenarios] == [1]
    assert [p.session_id for p in progress.points] == [played.id]
    assert CoachingLog(make_engine(url)).previous_attempt(stopped.id) is not None  # for the
    # next go, the last attempt with a reply; the stopped one itself is never compared


def test_the_trainer_and_the_employee_see_the_same_weakest_skill(tmp_path) -> None:
    url, factory, _, _ = database(tmp_path)
    with factory() as db:
        trainer = dashboard.employee_progress(db, "ana")
    employee = summarise(CoachingLog(make_engine(url)).finished_role_plays("ana"), {})
    assert trainer.weakest_skill == employee.weakest == "solution"  # tied at 0: worth more
    assert trainer.averages == employee.averages
