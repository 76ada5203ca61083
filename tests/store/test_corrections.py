"""Trainers' corrections of a reply's skills and flags: the latest word per label wins, and
the corrected labels replace the coach's in transcripts, exports and progress."""

from __future__ import annotations

from datetime import timedelta

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from bot.store import corrections, dashboard
from bot.store.coaching_log import CoachingLog
from bot.store.corrections import all_corrected, correct
from bot.store.dashboard import SessionFilter
from bot.store.database import MIGRATIONS
from bot.store.models import Base, CoachingTurn
from tests.store.seeding import seeded_database

DANA = ("dana", "Dana Lee")


@pytest.fixture
def sessions(tmp_path):
    return seeded_database(tmp_path, count=6)


def turn_of(db, session_id: str, number: int) -> CoachingTurn:
    return db.execute(
        select(CoachingTurn).where(
            CoachingTurn.session_id == session_id, CoachingTurn.turn == number
        )
    ).scalar_one()


def test_the_migration_makes_the_table_the_model_describes(sessions) -> None:
    with sessions.kw["bind"].connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in differences if "label_corrections" in repr(d)] == []
    columns = {c["name"] for c in inspect(sessions.kw["bind"]).get_columns("label_corrections")}
    assert {"turn_id", "label", "present", "reason", "by", "by_name", "at"} <= columns


def test_the_migration_downgrades_cleanly(sessions) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with sessions.kw["bind"].begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0005")
        assert "label_corrections" not in inspect(connection).get_table_names()
        command.upgrade(config, "head")
        assert "label_corrections" in inspect(connection).get_table_names()


def test_the_latest_correction_per_label_wins(sessions) -> None:
    with sessions.begin() as db:
        turn = turn_of(db, "s0001", 1)
        correct(db, turn, "solution", True, "offered a remake", DANA)
        correct(db, turn, "empathy", True, "", ("eve", "Eve Park"))
        db.flush()
        later = correct(db, turn, "solution", False, "no, only a promise", DANA)
        later.at += timedelta(seconds=1)
        correct(db, turn, "apology", False, "sarcastic", DANA)
    with sessions() as db:
        [(session, fixed)] = all_corrected(db)
    assert session.id == "s0001"
    assert fixed.coach == {"apology"}
    assert fixed.labels == {"empathy"}
    assert {(c.label, c.present, c.by) for c in fixed.differs} == {
        ("empathy", True, "Eve Park"), ("apology", False, "Dana Lee")
    }  # fmt: skip
    assert [c.reason for c in fixed.changes if c.label == "solution"] == ["no, only a promise"]


def test_exports_carry_the_coach_and_the_corrected_labels(sessions, monkeypatch) -> None:
    monkeypatch.setattr(corrections, "IDS_PER_QUERY", 1)  # batches as a 50,000-row export does
    with sessions.begin() as db:
        turn = turn_of(db, "s0002", 2)
        correct(db, turn, "empathy", True, "warm", DANA)
        correct(db, turn, "dismissive", True, "", DANA)
        correct(db, turn_of(db, "s0005", 1), "blame", True, "", DANA)
    with sessions() as db:
        rows = dashboard.export_rows(db, SessionFilter(employee="cleo"))
    [row] = [r for r in rows if r["id"] == "s0002"]
    first, second = row["turns"]
    assert (first["skills"], first["corrected_skills"], first["corrections"]) == (
        ["apology"], ["apology"], []
    )  # fmt: skip
    assert second["skills"] == ["apology"] and second["flags"] == []
    assert second["corrected_skills"] == ["apology", "empathy"]
    assert second["corrected_flags"] == ["dismissive"]
    [other] = [r for r in rows if r["id"] == "s0005"]
    assert other["turns"][0]["corrected_flags"] == ["blame"]
    assert [(c["label"], c["by"], c["reason"]) for c in second["corrections"]] == [
        ("empathy", "Dana Lee", "warm"), ("dismissive", "Dana Lee", "")
    ]  # fmt: skip


def test_progress_counts_a_corrected_skill_as_the_trainer_says(sessions) -> None:
    """s0003 is ana's: the coach gave empathy 21 and solution 85 over two replies."""
    with sessions.begin() as db:
        correct(db, turn_of(db, "s0003", 1), "empathy", True, "named the worry", DANA)
    with sessions() as db:
        found = dashboard.employee_progress(db, "ana")
    [point] = [p for p in found.points if p.session_id == "s0003"]
    # one reply of the two now shows empathy: half its bar; solution stays the coach's
    assert point.skills == {"empathy": 50, "solution": 85}, "only the corrected skill moves"
    [other] = [p for p in found.points if p.session_id == "s0000"]
    assert other.skills == {"empathy": 0, "solution": 100}
    assert found.averages["empathy"] == 25.0
    played = CoachingLog(sessions.kw["bind"]).finished_role_plays("ana")
    assert [p.skills["empathy"] for p in played] == [0, 50], "the employee sees the same"
