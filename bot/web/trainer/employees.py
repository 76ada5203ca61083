"""/trainer/employees: the employees a trainer sees, adding one or a CSV of them, and (with
EMPLOYEE_AUTH=links) each one's personal sign-in link: made, re-issued or revoked here, and
shown once, when made."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.store import people
from bot.store.models import Employee, Team
from bot.store.scope import Scope
from bot.web.auth import signed_in
from bot.web.trainer.scoping import check_sees, scope
from bot.web.trainer.state import state
from bot.web.trainer.views import checked_form, page, requires_trainer

MAX_CSV_BYTES = 1_000_000


def _mode(request: Request) -> str:
    return request.app.state.settings.employee_auth


def _listing(db: Session, seen: Scope) -> list[Employee]:
    query = seen.limit(select(Employee).order_by(Employee.name, Employee.id), Employee.id)
    return list(db.execute(query).scalars())


def _teams(db: Session, seen: Scope) -> list[str]:
    query = select(Team.name).order_by(Team.name)
    if not seen.everyone:
        query = query.where(Team.id.in_(sorted(seen.teams)))
    return list(db.execute(query).scalars())


def _board(request: Request, extra: Mapping[str, Any], status: int = 200) -> Response:
    with state(request).sessions() as db:
        seen = scope(request, db)
        listed = _listing(db, seen)
        context = {
            "employees": listed, "teams": _teams(db, seen), "everyone": seen.everyone,
            "links": people.link_states(db, [e.id for e in listed]), "mode": _mode(request),
            "problems": [], "form": {}, **extra,
        }  # fmt: skip
        return page(request, "trainer/employees.html", context, status)


@requires_trainer
async def show(request: Request) -> Response:
    return _board(request, {})


def _team_problem(db: Session, seen: Scope, team: str | None) -> str | None:
    """A trainer of some teams adds employees to those teams only."""
    if seen.everyone:
        return None
    if team is None or team not in _teams(db, seen):
        return "Put the employee in one of the teams you train."
    return None


@requires_trainer
async def add(request: Request) -> Response:
    form = await checked_form(request)
    typed = {k: str(form.get(k, "")) for k in ("id", "name", "email", "team")}
    try:
        new = people.checked(typed["id"], typed["name"], typed["email"], typed["team"])
        with state(request).sessions.begin() as db:
            problem = _team_problem(db, scope(request, db), new.team)
            if problem:
                raise people.PeopleError(problem)
            people.add_employee(db, new, signed_in(request) or "")
    except people.PeopleError as problem:
        return _board(request, {"problems": [str(problem)], "form": typed}, 400)
    return RedirectResponse("/trainer/employees", status_code=303)


@requires_trainer
async def import_csv(request: Request) -> Response:
    """One employee per row; the good rows are added, each bad one is named by its line."""
    form = await checked_form(request)
    upload = form.get("file")
    raw = await upload.read(MAX_CSV_BYTES + 1) if hasattr(upload, "read") else b""
    if not raw or len(raw) > MAX_CSV_BYTES:
        message = "Choose a CSV file (at most 1 MB) with the columns id,name,email,team."
        return _board(request, {"problems": [message]}, 400)
    try:
        rows, problems = people.read_csv(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return _board(request, {"problems": ["Save the CSV as UTF-8, then try again."]}, 400)
    with state(request).sessions.begin() as db:
        seen = scope(request, db)
        wrong_team = [r for r in rows if _team_problem(db, seen, r.team)]
        problems += [f"{r.id}: put them in one of the teams you train." for r in wrong_team]
        rows = [r for r in rows if r not in wrong_team]
        added, refused = people.import_employees(db, rows, signed_in(request) or "")
    summary = f"Added {added} employee{'s' if added != 1 else ''}."
    return _board(request, {"imported": summary, "problems": problems + refused})


@requires_trainer
async def new_link(request: Request) -> Response:
    """A personal link, shown on this page only now; it replaces the employee's older ones."""
    await checked_form(request)
    employee = request.path_params["employee"]
    if _mode(request) != "links":
        return _board(request, {"problems": ["Sign-in links need EMPLOYEE_AUTH=links."]}, 400)
    with state(request).sessions.begin() as db:
        check_sees(request, db, employee, "employee")
        hours = request.app.state.settings.sign_in_link_hours
        secret = people.issue_link(db, employee, signed_in(request) or "", hours)
    url = f"{str(request.base_url).rstrip('/')}/signin/{secret}"
    return _board(request, {"new_link": {"employee": employee, "url": url, "hours": hours}})


@requires_trainer
async def revoke(request: Request) -> Response:
    await checked_form(request)
    employee = request.path_params["employee"]
    with state(request).sessions.begin() as db:
        check_sees(request, db, employee, "employee")
        people.revoke_links(db, employee)
    return RedirectResponse("/trainer/employees", status_code=303)


routes = [
    Route("/trainer/employees", show, methods=["GET"]),
    Route("/trainer/employees", add, methods=["POST"]),
    Route("/trainer/employees/import", import_csv, methods=["POST"]),
    Route("/trainer/employees/{employee:path}/link", new_link, methods=["POST"]),
    Route("/trainer/employees/{employee:path}/revoke", revoke, methods=["POST"]),
]
