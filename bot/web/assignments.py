"""/trainer/assignments: assign a scenario to one employee or several, and see each
assignment's state (open, overdue, or done with its score)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from datetime import date
from typing import Any

from sqlalchemy.orm import sessionmaker
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.roleplay.difficulty import DIFFICULTIES
from bot.store import assignments
from bot.web.auth import signed_in_as

Handler = Callable[[Request], Awaitable[Response]]
Page = Callable[..., Response]
FormReader = Callable[[Request], Awaitable[FormData]]


def assignment_routes(
    page: Page,
    guard: Callable[[Handler], Handler],
    checked_form: FormReader,
    sessions: sessionmaker,
    titles: Mapping[str, str],
) -> list[Route]:
    """`titles` maps each scenario id to its title, for the form and the list."""

    def board(request: Request, problems: list[str], form: Mapping[str, Any], status: int):
        employee = request.query_params.get("employee", "").strip() or None
        with sessions() as db:
            rows = assignments.board(db, date.today(), employee)
            context = {
                "rows": rows, "titles": titles, "difficulties": DIFFICULTIES,
                "problems": problems, "form": form, "employee": employee or "",
            }  # fmt: skip
            return page(request, "trainer/assignments.html", context, status)

    async def show(request: Request) -> Response:
        return board(request, [], {}, 200)

    async def create(request: Request) -> Response:
        form = await checked_form(request)
        employees, scenario, difficulty, due, problems = _parse(form, titles)
        if problems:
            return board(request, problems, form, 400)
        with sessions.begin() as db:
            assignments.assign(db, employees, scenario, difficulty, due,
                               str(form.get("note", "")), signed_in_as(request))  # fmt: skip
        return RedirectResponse("/trainer/assignments", status_code=303)

    async def withdraw(request: Request) -> Response:
        await checked_form(request)
        with sessions.begin() as db:
            assignments.withdraw(db, [request.path_params["assignment_id"]])
        return RedirectResponse("/trainer/assignments", status_code=303)

    return [
        Route("/trainer/assignments", guard(show), methods=["GET"]),
        Route("/trainer/assignments", guard(create), methods=["POST"]),
        Route(
            "/trainer/assignments/{assignment_id:int}/withdraw", guard(withdraw), methods=["POST"]
        ),
    ]


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
