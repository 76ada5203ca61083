"""Employees and teams: created by trainers (one at a time or from a CSV), or on first OIDC
sign-in; their personal sign-in links; and Slack users linked to them.

A sign-in link's secret is shown once, when it is made; only its SHA-256 is stored, so
reading the database signs nobody in.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.identity import clean_employee_id
from bot.store.clock import utcnow
from bot.store.models import Employee, SignInLink, SlackLink, Team, Trainer, TrainerTeam

MAX_CSV_ROWS = 5000
SLACK_CODE_MINUTES = 15
CSV_COLUMNS = ("id", "name", "email", "team")


class PeopleError(ValueError):
    """An employee or team cannot be created as asked; the message says why."""


@dataclass(frozen=True)
class NewEmployee:
    id: str
    name: str
    email: str | None = None
    team: str | None = None


def checked(raw_id: str, name: str, email: str = "", team: str = "") -> NewEmployee:
    """What a trainer typed (or a CSV row said), or PeopleError naming what to fix."""
    employee_id = clean_employee_id(raw_id)
    if employee_id is None:
        raise PeopleError(
            f"Employee id {raw_id!r}: use 1 to 64 letters, digits, spaces, dots, @ or dashes."
        )
    address = email.strip().lower() or None
    if address is not None and not re.match(r"^[^@\s]+@[^@\s]+$", address):
        raise PeopleError(f"Email {email!r} of {employee_id} is not an email address.")
    team_name = " ".join(team.split())[:64] or None
    return NewEmployee(employee_id, " ".join(name.split())[:128] or employee_id, address, team_name)


def team_named(db: Session, name: str) -> Team:
    """The team called `name`, created the first time it is named."""
    team = db.execute(select(Team).where(Team.name == name)).scalar_one_or_none()
    if team is None:
        team = Team(name=name)
        db.add(team)
        db.flush()
    return team


def add_employee(db: Session, new: NewEmployee, by: str) -> Employee:
    if db.get(Employee, new.id) is not None:
        raise PeopleError(f"There is already an employee {new.id!r}.")
    employee = Employee(
        id=new.id, name=new.name, email=new.email, created_at=utcnow(), created_by=by[:64],
        team_id=team_named(db, new.team).id if new.team else None,
    )  # fmt: skip
    db.add(employee)
    db.flush()
    return employee


def read_csv(text: str) -> tuple[list[NewEmployee], list[str]]:
    """Rows of `id,name,email,team` (a header line naming them, in any order); the rows that
    are fine, and a problem per row that is not, by line number."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "id" not in header:
        return [], ["The first line must name the columns: id,name,email,team (id is needed)."]
    reader.fieldnames = header
    rows, problems, seen = [], [], set()
    for line, row in enumerate(reader, start=2):
        if line > MAX_CSV_ROWS + 1:
            problems.append(f"Only the first {MAX_CSV_ROWS} rows were read.")
            break
        try:
            new = checked(*(str(row.get(c) or "") for c in CSV_COLUMNS))
        except PeopleError as problem:
            problems.append(f"Line {line}: {problem}")
            continue
        if new.id in seen:
            problems.append(f"Line {line}: {new.id} appears twice.")
            continue
        seen.add(new.id)
        rows.append(new)
    return rows, problems


def import_employees(db: Session, rows: Iterable[NewEmployee], by: str) -> tuple[int, list[str]]:
    """Adds each new employee; one who exists already is named, not changed."""
    added, problems = 0, []
    for new in rows:
        try:
            add_employee(db, new, by)
            added += 1
        except PeopleError as problem:
            problems.append(str(problem))
    return added, problems


# --- sign-in links ---------------------------------------------------------------------


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _issue(db: Session, employee_id: str, purpose: str, secret: str, by: str,
           lifetime: timedelta) -> str:  # fmt: skip
    """Store a one-time secret's hash; the employee's older unused ones for the same
    purpose stop working."""
    revoke_links(db, employee_id, purpose)
    now = utcnow()
    db.add(
        SignInLink(
            employee_id=employee_id, token_hash=_digest(secret), purpose=purpose,
            created_at=now, created_by=by[:64], expires_at=now + lifetime,
        )
    )  # fmt: skip
    return secret


def issue_link(db: Session, employee_id: str, by: str, hours: int) -> str:
    """A new sign-in link's secret (shown once)."""
    return _issue(db, employee_id, "web", secrets.token_urlsafe(32), by, timedelta(hours=hours))


def revoke_links(db: Session, employee_id: str, purpose: str = "web") -> int:
    result = db.execute(
        update(SignInLink)
        .where(
            SignInLink.employee_id == employee_id,
            SignInLink.purpose == purpose,
            SignInLink.used_at.is_(None),
            SignInLink.revoked_at.is_(None),
        )
        .values(revoked_at=utcnow())
    )
    return result.rowcount or 0


def usable_link(db: Session, secret: str, purpose: str = "web") -> SignInLink | None:
    """The secret's row if it still works: never used, not revoked, not expired."""
    link = db.execute(
        select(SignInLink).where(
            SignInLink.token_hash == _digest(secret), SignInLink.purpose == purpose
        )
    ).scalar_one_or_none()
    if link is None or link.used_at or link.revoked_at or link.expires_at <= utcnow():
        return None
    return link


def _spend(db: Session, secret: str, purpose: str) -> str | None:
    """The employee a one-time secret names, once: a concurrent second use finds the row
    already marked and gets None."""
    link = usable_link(db, secret, purpose)
    if link is None:
        return None
    spent = db.execute(
        update(SignInLink)
        .where(SignInLink.id == link.id, SignInLink.used_at.is_(None))
        .values(used_at=utcnow())
    )
    return link.employee_id if spent.rowcount == 1 else None


def use_link(db: Session, secret: str) -> Employee | None:
    """Spend a sign-in link: the employee it signs in."""
    employee_id = _spend(db, secret, "web")
    return db.get(Employee, employee_id) if employee_id else None


def link_states(db: Session, employee_ids: list[str]) -> dict[str, str]:
    """Each employee's newest link as the dashboard shows it: unused until ..., used, revoked."""
    states: dict[str, str] = {}
    if not employee_ids:
        return states
    rows = db.execute(
        select(SignInLink)
        .where(SignInLink.employee_id.in_(employee_ids), SignInLink.purpose == "web")
        .order_by(SignInLink.created_at, SignInLink.id)
    ).scalars()
    now = utcnow()
    for link in rows:
        if link.used_at:
            states[link.employee_id] = f"used {link.used_at:%d %b %H:%M}"
        elif link.revoked_at:
            states[link.employee_id] = "revoked"
        elif link.expires_at <= now:
            states[link.employee_id] = "expired"
        else:
            states[link.employee_id] = f"unused, valid until {link.expires_at:%d %b %H:%M} UTC"
    return states


# --- OIDC and Slack ------------------------------------------------------------------------


def employee_from_claims(
    db: Session, employee_id: str, name: str, email: str | None, team: str | None, create: bool
) -> Employee | None:
    """The employee an OIDC sign-in names; created on first sign-in only when allowed."""
    employee = db.get(Employee, employee_id)
    if employee is None and create:
        employee = add_employee(db, checked(employee_id, name, email or "", team or ""), "oidc")
    elif employee is not None and team:
        employee.team_id = team_named(db, team).id  # the provider's word is the newest
    return employee


def trainer_from_claims(
    db: Session, username: str, name: str, teams: list[str], admin: bool
) -> Trainer:
    """The trainer an OIDC sign-in names, with the teams and role the provider gives now."""
    trainer = db.execute(select(Trainer).where(Trainer.username == username)).scalar_one_or_none()
    if trainer is None:
        trainer = Trainer(username=username, display_name=name[:128] or username,
                          password_hash="", created_at=utcnow())  # fmt: skip
        db.add(trainer)
    trainer.is_admin = admin
    trainer.teams = [team_named(db, team) for team in dict.fromkeys(teams)]
    db.flush()
    return trainer


def set_trainer_teams(db: Session, trainer: Trainer, teams: Iterable[str]) -> None:
    trainer.teams = [
        team_named(db, t) for t in dict.fromkeys(" ".join(t.split()) for t in teams) if t
    ]
    trainer.is_admin = not trainer.teams


def slack_employee(db: Session, slack_user: str) -> str | None:
    link = db.get(SlackLink, slack_user)
    return link.employee_id if link else None


def link_slack_by_email(db: Session, slack_user: str, email: str) -> str | None:
    """Link the Slack user to the one employee with this email; None when there is none."""
    found = db.execute(
        select(Employee.id).where(func.lower(Employee.email) == email.strip().lower())
    ).all()
    if len(found) != 1:
        return None
    db.add(SlackLink(slack_user=slack_user, employee_id=found[0][0], linked_at=utcnow(),
                     via="email"))  # fmt: skip
    return found[0][0]


def issue_slack_code(db: Session, employee_id: str) -> str:
    """A code the signed-in employee types in Slack within SLACK_CODE_MINUTES, once."""
    lifetime = timedelta(minutes=SLACK_CODE_MINUTES)
    return _issue(db, employee_id, "slack", secrets.token_hex(5), "employee", lifetime)


def link_slack_by_code(db: Session, slack_user: str, code: str) -> str | None:
    """Link the Slack user to the code's employee (replacing an earlier link); None when the
    code is unknown, used or expired."""
    employee_id = _spend(db, code.strip().lower(), "slack")
    if employee_id is None:
        return None
    link = db.get(SlackLink, slack_user)
    if link is None:
        link = SlackLink(slack_user=slack_user, employee_id=employee_id)
        db.add(link)
    link.employee_id, link.linked_at, link.via = employee_id, utcnow(), "command"
    return employee_id


def trainer_team_ids(db: Session, username: str) -> tuple[bool, frozenset[int]]:
    """(is admin, ids of the teams trained) of a signed-in trainer; an unknown one sees none."""
    trainer = db.execute(select(Trainer).where(Trainer.username == username)).scalar_one_or_none()
    if trainer is None:
        return False, frozenset()
    teams = db.execute(
        select(TrainerTeam.team_id).where(TrainerTeam.trainer_id == trainer.id)
    ).scalars()
    return bool(trainer.is_admin), frozenset(teams)
