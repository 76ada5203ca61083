"""Writing role-plays and scored turns for trainers to review later."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from bot.coaching.progress import Played
from bot.store.assignments import Assigned, complete, open_for
from bot.store.clock import utcnow
from bot.store.database import session_factory
from bot.store.models import CoachingSession, CoachingTurn
from bot.store.played import played


@dataclass(frozen=True)
class Review:
    """A trainer's override of one of the employee's role-plays, as the employee sees it."""

    scenario: str
    score: int | None
    verdict: str | None
    reason: str
    by: str


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
        sender: str | None = None,
    ) -> None:
        with self.sessions.begin() as db:
            if db.get(CoachingSession, session_id) is None:
                db.add(
                    CoachingSession(
                        id=session_id,
                        employee=employee,
                        channel=channel,
                        sender_id=sender,
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
                complete(db, session)

    def previous_attempt(self, session_id: str) -> tuple[int, dict[str, int]] | None:
        """Score and skills of the employee's last finished go at the same scenario and
        difficulty before `session_id`, for "+12 since last time"."""
        with Session(self.engine, future=True) as db:
            current = db.get(CoachingSession, session_id)
            if current is None:
                return None
            earlier = db.execute(
                select(CoachingSession)
                .where(
                    CoachingSession.employee == current.employee,
                    CoachingSession.scenario == current.scenario,
                    CoachingSession.difficulty == current.difficulty,
                    CoachingSession.score.is_not(None),
                    CoachingSession.turns > 0,
                    CoachingSession.id != current.id,
                    CoachingSession.started_at <= current.started_at,
                )
                .order_by(CoachingSession.started_at.desc(), CoachingSession.id.desc())
                .limit(1)
            ).scalar_one_or_none()
            if earlier is None:
                return None
            return earlier.score or 0, dict(earlier.skill_scores or {})

    def finished_role_plays(self, employee: str) -> list[Played]:
        """The employee's ended role-plays, oldest first: their own, and only theirs."""
        with Session(self.engine, future=True) as db:
            return played(db, employee)

    def reviews_for(self, employee: str, limit: int = 3) -> list[Review]:
        """The employee's own role-plays a trainer scored or judged, newest first."""
        with Session(self.engine, future=True) as db:
            rows = db.execute(
                select(CoachingSession)
                .where(
                    CoachingSession.employee == employee,
                    CoachingSession.overridden_at.is_not(None),
                )
                .order_by(CoachingSession.overridden_at.desc())
                .limit(limit)
            ).scalars()
            return [
                Review(s.scenario, s.override_score, s.verdict, s.override_reason or "",
                       s.overridden_by or "your trainer")
                for s in rows
            ]  # fmt: skip

    def assignments_for(self, employee: str) -> list[Assigned]:
        """The employee's open assignments, soonest due first."""
        with Session(self.engine, future=True) as db:
            return open_for(db, employee)

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
