"""/trainer/: the list of conversations, its filters and sorting, and each trainer's saved
filters."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.store import dashboard, saved_filters
from bot.store.dashboard import SessionFilter
from bot.web.auth import signed_in
from bot.web.trainer.scoping import scope
from bot.web.trainer.state import state
from bot.web.trainer.views import checked_form, page, requires_trainer, whole_number

PER_PAGE = 25


@requires_trainer
async def conversations(request: Request) -> Response:
    return _listing(request, request.query_params)


def _listing(
    request: Request, params: QueryParams, extra: dict[str, Any] | None = None, status: int = 200
) -> Response:
    """The list as `params` ask; `extra` brings a form's error and what was typed."""
    shared = state(request)
    flt, problems = parse_filter(params, shared.titles)
    sort = params.get("sort", "started")
    descending = params.get("dir", "desc") != "asc"
    number = whole_number(params.get("page")) or 1
    with shared.sessions() as db:
        seen = scope(request, db)  # one lookup of the trainer's teams for the whole page
        found = dashboard.list_sessions(
            db, replace(flt, scope=seen), sort, descending, number, PER_PAGE, shared.titles
        )
        saved = saved_filters.of_trainer(db, signed_in(request) or "")
        employees = dashboard.known_employees(db, scope=seen)
    context = {
        "found": found, "params": params, "problems": problems, "sort": sort, "saved": saved,
        "descending": descending, "query": _query_without(params, "page"),
        "sort_query": _query_without(params, "sort", "dir", "page"), "titles": shared.titles,
        "employees": employees, "saving": {}, **(extra or {}),
    }  # fmt: skip
    return page(request, "trainer/sessions.html", context, status)


@requires_trainer
async def save_filter(request: Request) -> Response:
    form = await checked_form(request)
    name, query = str(form.get("name", "")).strip(), str(form.get("query", ""))
    if not name:
        saving = {"error": "Give the filter a name to save it under.", "name": name}
        return _listing(request, QueryParams(query), {"saving": saving}, status=400)
    with state(request).sessions.begin() as db:
        saved = saved_filters.save(db, signed_in(request) or "", name, query).query
    return RedirectResponse(f"/trainer/?{saved}", status_code=303)


@requires_trainer
async def delete_filter(request: Request) -> Response:
    await checked_form(request)
    with state(request).sessions.begin() as db:
        saved_filters.delete(db, signed_in(request) or "", request.path_params["filter_id"])
    return RedirectResponse("/trainer/", status_code=303)


def parse_filter(params: QueryParams, titles: Mapping[str, str]) -> tuple[SessionFilter, list[str]]:
    """The list's filters from the query string; a malformed value is ignored and named.
    Employees and scenarios match on part of a name or title, in any case."""
    problems: list[str] = []

    def day(name: str) -> date | None:
        raw = params.get(name, "").strip()
        try:
            return date.fromisoformat(raw) if raw else None
        except ValueError:
            problems.append(f"{name.replace('_', ' ')} {raw!r} is not a date (YYYY-MM-DD)")
            return None

    def score(name: str) -> int | None:
        raw = params.get(name, "").strip()
        value = whole_number(raw)
        if raw and (value is None or not 0 <= value <= 100):
            problems.append(f"{name.replace('_', ' ')} {raw!r} is not a score from 0 to 100")
            return None
        return value

    reviewed = {"yes": True, "no": False}.get(params.get("reviewed", ""))
    flt = SessionFilter(
        employee=params.get("employee", "").strip() or None,
        scenarios=scenarios_matching(params.get("scenario", ""), titles),
        outcome=params.get("outcome", "").strip() or None,
        date_from=day("date_from"),
        date_to=day("date_to"),
        score_min=score("score_min"),
        score_max=score("score_max"),
        text=params.get("q", "").strip() or None,
        reviewed=reviewed,
        tag=params.get("tag", "").strip() or None,
    )
    return flt, problems


def scenarios_matching(typed: str, titles: Mapping[str, str]) -> tuple[str, ...] | None:
    """The scenarios whose title or id holds what was typed, in any case; None for any."""
    needle = " ".join(typed.split()).casefold()
    if not needle:
        return None
    return tuple(
        sorted(id for id, title in titles.items() if needle in f"{title}\n{id}".casefold())
    )


def _query_without(params: QueryParams, *names: str) -> str:
    return urlencode([(k, v) for k, v in params.multi_items() if k not in names and v])


routes = [
    Route("/trainer/", conversations),
    Route("/trainer/filters", save_filter, methods=["POST"]),
    Route("/trainer/filters/{filter_id:int}/delete", delete_filter, methods=["POST"]),
]
