"""Scenarios trainers assign: created for one employee or several, listed for the employee,
marked done by the role-play that completes them, and shown to trainers with their state.

An assignment is done by the employee's first role-play of the same scenario, at the assigned
difficulty or a harder one, that has at least one scored reply: a role-play stopped before any
reply shows nothing, so it completes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.roleplay.difficulty import DIFFICULTIES
from bot.store.clock import utcnow
from bot.store.models import Assignment, CoachingSession
from bot.store.scope import EVERYONE, Scope

MAX_EMPLOYEES_AT_ONCE = 500


@dataclass(frozen=True)
class Assigned:
    """An open assignment, as the employee's chat shows it."""

    scenario: str
    difficulty: str
    due: date | None
    note: str
    by: str


@dataclass(frozen=True)
class AssignmentState:
    """One assignment as the trainer's list shows it."""

    assignment: Assignment
    state: str  # "open", "overdue" or "done"
    score: int | None  # the completing role-play's final score
    verdict: str | None


def employees_in(raw: str) -> list[str]:
    """Employee ids typed into the form: separated by commas, semicolons or new lines."""
    seen: dict[str, None] = {}
    for part in raw.replace(";", ",").replace("\n", ",").split(","):
        name = part.strip()
        if name:
            seen[name[:255]] = None
    return list(seen)


def assign(
    db: Session,
    employees: Sequence[str],
    scenario: str,
    difficulty: str,
    due: date | None,
    note: str,
    trainer: tuple[str, str],
) -> list[Assignment]:
    """One assignment per employee; `trainer` is (username, display name)."""
    username, display_name = trainer
    created = [
        Assignment(
            employee=employee, scenario=scenario, difficulty=difficulty, due=due,
            note=note.strip()[:1000], assigned_by=username, assigned_by_name=display_name,
            assigned_at=utcnow(),
        )
        for employee in employees[:MAX_EMPLOYEES_AT_ONCE]
    ]  # fmt: skip
    db.add_all(created)
    return created


def open_for(db: Session, employee: str) -> list[Assigned]:
    """The employee's open assignments, soonest due first, undated last."""
    rows = db.execute(
        select(Assignment)
        .where(Assignment.employee == employee, Assignment.done_session_id.is_(None))
        .order_by(Assignment.due.is_(None), Assignment.due, Assignment.assigned_at)
    ).scalars()
    return [Assigned(a.scenario, a.difficulty, a.due, a.note, a.assigned_by_name) for a in rows]


def complete(db: Session, session: CoachingSession) -> Assignment | None:
    """Mark the oldest open assignment this ended role-play fulfils as done by it."""
    if session.turns <= 0:
        return None
    found = db.execute(
        select(Assignment)
        .where(
            Assignment.employee == session.employee,
            Assignment.scenario == session.scenario,
            Assignment.difficulty.in_(_as_hard_or_easier(session.difficulty)),
            Assignment.done_session_id.is_(None),
            Assignment.assigned_at <= session.started_at,
        )
        .order_by(Assignment.assigned_at, Assignment.id)
        .limit(1)
    ).scalar_one_or_none()
    if found is not None:
        found.done_session_id = session.id
        found.done_at = utcnow()
    return found


def _as_hard_or_easier(played: str) -> list[str]:
    """The assigned difficulties a role-play at `played` satisfies."""
    if played not in DIFFICULTIES:
        return [played]
    return list(DIFFICULTIES[: DIFFICULTIES.index(played) + 1])


def board(
    db: Session, today: date, employee: str | None = None, scope: Scope = EVERYONE
) -> list[AssignmentState]:
    """Every assignment the trainer sees, open and overdue first (soonest due first), then
    the done ones."""
    query = select(Assignment).order_by(Assignment.assigned_at.desc(), Assignment.id.desc())
    query = scope.limit(query, Assignment.employee)
    if employee:
        query = query.where(Assignment.employee == employee)
    states = [_state(a, today) for a in db.execute(query).scalars()]
    order = {"overdue": 0, "open": 1, "done": 2}
    return sorted(states, key=lambda s: (order[s.state], s.assignment.due or date.max))


def _state(assignment: Assignment, today: date) -> AssignmentState:
    done = assignment.done_session
    if done is not None:
        return AssignmentState(assignment, "done", done.final_score, done.verdict)
    late = assignment.due is not None and assignment.due < today
    return AssignmentState(assignment, "overdue" if late else "open", None, None)


def withdraw(db: Session, assignment_ids: Iterable[int], scope: Scope = EVERYONE) -> int:
    """Remove open assignments of employees the trainer sees (a done one stays, as the
    record of what was practised)."""
    removed = 0
    for assignment_id in assignment_ids:
        found = db.get(Assignment, assignment_id)
        if found is not None and found.done_session_id is None and scope.sees(db, found.employee):
            db.delete(found)
            removed += 1
    return removed
