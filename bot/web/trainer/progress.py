"""/trainer/progress/<employee> and /trainer/team: one employee's scores over time as a chart
(and a table), and the team's rankings by employee (searched, sorted, a page at a time) and
by scenario."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from bot.settings import PROJECT_ROOT
from bot.store import dashboard
from bot.store.dashboard import RANKING_SORTS, Progress
from bot.web.charts import Chart, progress_chart
from bot.web.trainer.scoping import check_sees, scope
from bot.web.trainer.state import DashboardState, state
from bot.web.trainer.views import page, requires_trainer, whole_number

# Chart.js's self-contained build, from the npm package `make install` installs.
CHART_JS = PROJECT_ROOT / "node_modules" / "chart.js" / "dist" / "chart.umd.min.js"
TEAM_PAGE = 25


@requires_trainer
async def progress(request: Request) -> Response:
    employee = request.path_params["employee"]
    shared = state(request)
    with shared.sessions() as db:
        check_sees(request, db, employee, "employee")
        found = dashboard.employee_progress(db, employee)
    chart = _chart(found, shared) if found.points else None
    context = {
        "p": found, "chart": chart, "titles": shared.titles,
        "labels": shared.rubric.labels_of(shared.rubric.labels),
    }  # fmt: skip
    return page(request, "trainer/progress.html", context)


def _chart(found: Progress, shared: DashboardState) -> Chart:
    """Skills in the rubric's order (their order on every screen), then any it no longer has."""
    known = [s for s in shared.rubric.skills if s in found.averages]
    skills = known + sorted(set(found.averages) - set(known))
    by_skill = {skill: [p.skills.get(skill, 0) for p in found.points] for skill in skills}
    labels = shared.rubric.labels_of(skills)
    moments = [p.at for p in found.points]
    return progress_chart(moments, [p.score for p in found.points], by_skill, labels)


@requires_trainer
async def chart_script(request: Request) -> Response:
    return FileResponse(CHART_JS, media_type="application/javascript")


@requires_trainer
async def team(request: Request) -> Response:
    params, shared = request.query_params, state(request)
    search = params.get("q", "").strip()
    sort = params.get("sort", "average")
    sort = sort if sort in RANKING_SORTS else "average"
    descending = params.get("dir", "asc" if sort == "name" else "desc") != "asc"
    number = whole_number(params.get("page")) or 1
    with shared.sessions() as db:
        seen = scope(request, db)
        employees = dashboard.employee_rankings(
            db, search, sort, descending, number, TEAM_PAGE, seen
        )
        _, scenarios = dashboard.team_rankings(db, seen)
    keep = {"q": search} if search else {}
    context = {
        "employees": employees, "scenarios": scenarios, "titles": shared.titles,
        "search": search, "sort": sort, "descending": descending,
        "sort_query": urlencode(keep),
        "page_query": urlencode({**keep, "sort": sort, "dir": "desc" if descending else "asc"}),
    }  # fmt: skip
    return page(request, "trainer/team.html", context)


routes = [
    Route("/trainer/progress/{employee:path}", progress),
    Route("/trainer/team", team),
    Route("/trainer/vendor/chart.umd.min.js", chart_script),
]
