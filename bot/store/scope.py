"""Which employees a trainer sees: an admin everyone, any other trainer the employees of the
teams they train. Every dashboard query that lists, reads or changes an employee's practice
goes through one `Scope`, built per request from the signed-in trainer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from bot.store.models import Employee
from bot.store.people import trainer_team_ids


@dataclass(frozen=True)
class Scope:
    everyone: bool
    teams: frozenset[int] = frozenset()

    def employees(self) -> Select:
        """The ids of the employees of the teams trained (only for a scope that is limited)."""
        return select(Employee.id).where(Employee.team_id.in_(sorted(self.teams)))

    def limit(self, query: Select, column: Any) -> Select:
        """`query` kept to rows whose `column` (an employee id) this trainer sees."""
        return query if self.everyone else query.where(column.in_(self.employees()))

    def sees(self, db: Session, employee: str) -> bool:
        if self.everyone:
            return True
        team = db.scalar(select(Employee.team_id).where(Employee.id == employee))
        return team is not None and team in self.teams


EVERYONE = Scope(everyone=True)


def scope_of(db: Session, trainer: str) -> Scope:
    admin, teams = trainer_team_ids(db, trainer)
    return EVERYONE if admin else Scope(everyone=False, teams=teams)
