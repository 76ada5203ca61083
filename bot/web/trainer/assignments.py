"""/trainer/assignments: assign a scenario to one employee or several, and see each
assignment's state (open, overdue, or done with its score)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.roleplay.difficulty import DIFFICULTIES
from bot.store import assignments, dashboard
from bot.web.auth import signed_in_as
from bot.web.trainer.scoping import scope
from bot.web.trainer.state import state
from bot.web.trainer.views import checked_form, page, requires_trainer


@requires_trainer
async def show(request: Request) -> Response:
    return _board(request, [], {}, 200)


@requires_trainer
async def create(request: Request) -> Response:
    form = await checked_form(request)
    shared = state(request)
    employees, scenario, difficulty, due, problems = _parse(form, shared.titles)
    with shared.sessions() as db:
        seen = scope(request, db)
        problems += [f"You do not train {e!r}." for e in employees if not seen.sees(db, e)]
    if problems:
        return _board(request, problems, form, 400)
    with shared.sessions.begin() as db:
        assignments.assign(db, employees, scenario, difficulty, due,
                           str(form.get("note", "")), signed_in_as(request))  # fmt: skip
    return RedirectResponse("/trainer/assignments", status_code=303)


@requires_trainer
async def withdraw(request: Request) -> Response:
    await checked_form(request)
    with state(request).sessions.begin() as db:
        assignments.withdraw(db, [request.path_params["assignment_id"]], scope(request, db))
    return RedirectResponse("/trainer/assignments", status_code=303)


def _board(request: Request, problems: list[str], form: Mapping[str, Any], status: int) -> Response:
    """The assignments page; after a wrong form, with what to fix and what was typed."""
    shared = state(request)
    employee = request.query_params.get("employee", "").strip() or None
    with shared.sessions() as db:
        rows = assignments.board(db, date.today(), employee, scope(request, db))
        context = {
            "rows": rows, "titles": shared.titles, "difficulties": DIFFICULTIES,
            "problems": problems, "form": form, "employee": employee or "",
            "employees": dashboard.known_employees(db),
        }  # fmt: skip
        return page(request, "trainer/assignments.html", context, status)


def _parse(
    form: FormData, titles: Mapping[str, str]
) -> tuple[list[str], str, str, date | None, list[str]]:
    """The form's values, and what is wrong with them in words a trainer can act on."""
    problems: list[str] = []
    employees = assignments.employees_in(str(form.get("employees", "")))
    if not employees:
        problems.append("Name at least one employee (their id, as in the conversation list).")
    elif len(employees) > assignments.MAX_EMPLOYEES_AT_ONCE:
        problems.append(f"At most {assignments.MAX_EMPLOYEES_AT_ONCE} employees at once.")
    scenario = str(form.get("scenario", ""))
    if scenario not in titles:
        problems.append("Pick a scenario from the list.")
    difficulty = str(form.get("difficulty", ""))
    if difficulty not in DIFFICULTIES:
        problems.append(f"Pick a difficulty: {', '.join(DIFFICULTIES)}.")
    raw_due = str(form.get("due", "")).strip()
    due = None
    if raw_due:
        try:
            due = date.fromisoformat(raw_due)
        except ValueError:
            problems.append(f"The due date {raw_due!r} is not a date (YYYY-MM-DD).")
    return employees, scenario, difficulty, due, problems


routes = [
    Route("/trainer/assignments", show, methods=["GET"]),
    Route("/trainer/assignments", create, methods=["POST"]),
    Route("/trainer/assignments/{assignment_id:int}/withdraw", withdraw, methods=["POST"]),
]
