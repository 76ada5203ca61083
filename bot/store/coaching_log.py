"""Writing role-plays and scored turns for trainers to review later."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.store.database import session_factory
from bot.store.models import CoachingSession, CoachingTurn


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


class CoachingLog:
    """Each write is one short transaction; repeating a write changes nothing.

    The tables come from the migrations `prepare_database` applies at start-up.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions: sessionmaker = session_factory(engine)

    def record_start(
        self,
        session_id: str,
        employee: str,
        channel: str,
        scenario: str,
        difficulty: str,
        seed: int,
    ) -> None:
        with self.sessions.begin() as db:
            if db.get(CoachingSession, session_id) is None:
                db.add(
                    CoachingSession(
                        id=session_id,
                        employee=employee,
                        channel=channel,
                        scenario=scenario,
                        difficulty=difficulty,
                        seed=seed,
                        started_at=utcnow(),
                        turns=0,
                    )
                )

    def record_turn(self, session_id: str, turn: int, fields: Mapping[str, Any]) -> None:
        with self.sessions.begin() as db:
            exists = db.execute(
                select(CoachingTurn.id).where(
                    CoachingTurn.session_id == session_id, CoachingTurn.turn == turn
                )
            ).first()
            if exists is None:
                db.add(
                    CoachingTurn(session_id=session_id, turn=turn, created_at=utcnow(), **fields)
                )
                session = db.get(CoachingSession, session_id)
                if session is not None:
                    session.turns = max(session.turns, turn)

    def record_end(
        self,
        session_id: str,
        outcome: str,
        score: int,
        skill_scores: Mapping[str, int],
        best_reply: str,
        weakest_reply: str,
    ) -> None:
        with self.sessions.begin() as db:
            session = db.get(CoachingSession, session_id)
            if session is not None and session.ended_at is None:
                session.ended_at = utcnow()
                session.outcome = outcome
                session.score = score
                session.skill_scores = dict(skill_scores)
                session.best_reply = best_reply
                session.weakest_reply = weakest_reply

    def session_with_turns(self, session_id: str) -> tuple[CoachingSession, Sequence[CoachingTurn]]:
        """For reviews and tests: the stored role-play and its turns in order."""
        with Session(self.engine, future=True) as db:
            session = db.get(CoachingSession, session_id)
            if session is None:
                raise KeyError(session_id)
            return session, turns_of(db, session_id)


def turns_of(db: Session, session_id: str) -> list[CoachingTurn]:
    """A role-play's scored turns, first to last."""
    return list(
        db.execute(
            select(CoachingTurn)
            .where(CoachingTurn.session_id == session_id)
            .order_by(CoachingTurn.turn)
        ).scalars()
    )
