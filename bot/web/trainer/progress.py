"""/trainer/progress/<employee> and /trainer/team: one employee's scores over time as a chart,
and the team's rankings by employee and by scenario."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.store import dashboard
from bot.web.charts import line_chart
from bot.web.trainer.scoping import check_sees, scope
from bot.web.trainer.state import state
from bot.web.trainer.views import page, requires_trainer


@requires_trainer
async def progress(request: Request) -> Response:
    employee = request.path_params["employee"]
    with state(request).sessions() as db:
        check_sees(request, db, employee, "employee")
        found = dashboard.employee_progress(db, employee)
    chart = None
    if found.points:
        lines = {"overall": [p.score for p in found.points]}
        for skill in sorted(found.averages):
            lines[skill] = [p.skills.get(skill, 0) for p in found.points]
        labels = [p.at.strftime("%d %b") for p in found.points]
        chart = line_chart(lines, labels)
    return page(request, "trainer/progress.html", {"p": found, "chart": chart})


@requires_trainer
async def team(request: Request) -> Response:
    with state(request).sessions() as db:
        employees, scenarios = dashboard.team_rankings(db, scope(request, db))
    return page(request, "trainer/team.html", {"employees": employees, "scenarios": scenarios})


routes = [
    Route("/trainer/progress/{employee:path}", progress),
    Route("/trainer/team", team),
]
