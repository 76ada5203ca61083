"""A seeded coaching database for the dashboard tests: known employees, scenarios,
outcomes, dates and scores, plus the Rasa events of one conversation."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import sessionmaker

from bot.store.dashboard import epoch
from bot.store.database import make_engine, prepare_database, session_factory
from bot.store.models import CoachingSession, CoachingTurn
from bot.store.rasa_events import events

BASE = datetime(2026, 3, 2, 9, 0)
EMPLOYEES = ("ana", "ben", "cleo")
SCENARIOS = ("latte", "diet_coke", "slow_counter")
OUTCOMES = ("won_over", "walked_out", "stopped", "turn_limit")


def seeded_database(folder: Path, count: int = 30) -> sessionmaker:
    url = f"sqlite:///{folder / 'seeded.db'}"
    prepare_database(url)
    factory = session_factory(make_engine(url))
    with factory.begin() as db:
        for i in range(count):
            db.add(session_row(i))
            for turn in (1, 2):
                db.add(turn_row(i, turn))
    return factory


def session_row(i: int) -> CoachingSession:
    """Session i: employee, scenario and outcome cycle; score and day grow with i."""
    return CoachingSession(
        id=f"s{i:04d}",
        employee=EMPLOYEES[i % 3],
        channel="rest" if i % 2 else "socketio",
        scenario=SCENARIOS[i % 3],
        difficulty="frustrated",
        seed=i,
        started_at=BASE + timedelta(days=i),
        ended_at=BASE + timedelta(days=i, minutes=5),
        outcome=OUTCOMES[i % 4],
        score=i * 3 % 101,
        turns=2,
        skill_scores={"empathy": (i * 7) % 101, "solution": 100 - (i * 5) % 101},
        best_reply="best",
        weakest_reply="weakest",
    )


def turn_row(i: int, turn: int) -> CoachingTurn:
    reply = "I am so sorry, 100% my fault" if i == 7 and turn == 1 else f"reply {i}-{turn}"
    return CoachingTurn(
        session_id=f"s{i:04d}", turn=turn, reply=reply, score=50, skills=["apology"],
        flags=[], tip="tip", mood_before=30, mood_after=40,
        customer_line="Fine." if turn == 2 else "Where is my latte?",
        created_at=BASE + timedelta(days=i, minutes=turn),
    )  # fmt: skip


def add_rasa_events(factory: sessionmaker, session_id: str, said: list[str]) -> None:
    """What Rasa's tracker store holds for a conversation: user lines and bot answers."""
    with factory.begin() as db:
        session = db.get(CoachingSession, session_id)
        at = epoch(session.started_at) + 1
        for offset, text in enumerate(said):
            user = {"event": "user", "text": text, "timestamp": at + offset}
            bot = {"event": "bot", "text": f"Customer: answer {offset}", "timestamp": at + offset}
            for kind, data in (("user", user), ("bot", bot)):
                db.execute(
                    events.insert().values(
                        sender_id=session.employee, type_name=kind,
                        timestamp=at + offset + (0.5 if kind == "bot" else 0),
                        data=json.dumps(data),
                    )
                )  # fmt: skip
