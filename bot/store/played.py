"""The finished role-plays progress is computed from, read one way for the employee's own
progress and for the trainer's progress page, so the two can never disagree on what counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.coaching.progress import Played
from bot.coaching.rubric import product_rubric
from bot.coaching.scoring import scores_of
from bot.store.corrections import corrected
from bot.store.models import CoachingSession, CoachingTurn

Scores = Mapping[str, dict[str, int]]  # role-play id -> skill -> 0-100


def finished_sessions(db: Session, employee: str) -> list[CoachingSession]:
    """The employee's ended role-plays, oldest first: their own, and only theirs."""
    return list(
        db.execute(
            select(CoachingSession)
            .where(CoachingSession.employee == employee, CoachingSession.score.is_not(None))
            .order_by(CoachingSession.started_at, CoachingSession.id)
        ).scalars()
    )


def corrected_skills(db: Session, sessions: Sequence[CoachingSession]) -> Scores:
    """The skill scores of the role-plays where a trainer corrected a reply's skills: each
    corrected skill recomputed from the replies' labels, the other skills as the coach
    scored them."""
    turns = _turns_of(db, [s.id for s in sessions])
    fixed = corrected(db, [t for ts in turns.values() for t in ts])
    scores: dict[str, dict[str, int]] = {}
    for session in sessions:
        mine = [fixed[t.id] for t in turns.get(session.id, []) if t.id in fixed]
        changed = {c.label for f in mine for c in f.differs}
        if changed:
            shown = [fixed[t.id].labels if t.id in fixed else t.skills for t in turns[session.id]]
            redone = scores_of(product_rubric(), shown)
            coach = dict(session.skill_scores or {})
            scores[session.id] = {**coach, **{k: v for k, v in redone.items() if k in changed}}
    return scores


def _turns_of(db: Session, session_ids: list[str]) -> dict[str, list[CoachingTurn]]:
    found: dict[str, list[CoachingTurn]] = {}
    rows = db.execute(
        select(CoachingTurn)
        .where(CoachingTurn.session_id.in_(session_ids))
        .order_by(CoachingTurn.session_id, CoachingTurn.turn)
    ).scalars()
    for turn in rows:
        found.setdefault(turn.session_id, []).append(turn)
    return found


def skills_of(session: CoachingSession, corrections: Scores) -> dict[str, int]:
    """The trainer-corrected skill scores when there are some, else the coach's."""
    return dict(corrections.get(session.id) or session.skill_scores or {})


def as_played(session: CoachingSession, corrections: Scores | None = None) -> Played:
    """A trainer's score override, when there is one, is the role-play's score, and
    corrected labels make its skills (`corrections`, from `corrected_skills`)."""
    skills = skills_of(session, corrections or {})
    return Played(session.scenario, session.final_score or 0, skills, session.turns)


def played(db: Session, employee: str) -> list[Played]:
    """The employee's finished role-plays as progress reads them, trainers' word applied."""
    sessions = finished_sessions(db, employee)
    fixed = corrected_skills(db, sessions)
    return [as_played(s, fixed) for s in sessions]
