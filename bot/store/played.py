"""The finished role-plays progress is computed from, read one way for the employee's own
progress and for the trainer's progress page, so the two can never disagree on what counts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.coaching.progress import Played
from bot.store.models import CoachingSession


def finished_sessions(db: Session, employee: str) -> list[CoachingSession]:
    """The employee's ended role-plays, oldest first: their own, and only theirs."""
    return list(
        db.execute(
            select(CoachingSession)
            .where(CoachingSession.employee == employee, CoachingSession.score.is_not(None))
            .order_by(CoachingSession.started_at, CoachingSession.id)
        ).scalars()
    )


def as_played(session: CoachingSession) -> Played:
    """A trainer's score override, when there is one, is the role-play's score."""
    return Played(
        session.scenario, session.final_score or 0, dict(session.skill_scores or {}), session.turns
    )
