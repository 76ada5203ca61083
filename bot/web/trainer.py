"""The trainer dashboard under /trainer/: sign-in, conversations, transcripts, notes,
progress, team view and exports. Nothing here is reachable without signing in, and every
form carries a CSRF token."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Awaitable, Callable, Mapping
from datetime import date
from typing import Any
from urllib.parse import urlencode

from sqlalchemy.orm import sessionmaker
from starlette.datastructures import FormData, QueryParams
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from bot.rate_limit import RateLimiter
from bot.store import dashboard, saved_filters
from bot.store.dashboard import SessionFilter
from bot.store.models import CoachingSession
from bot.web.assignments import assignment_routes
from bot.web.auth import account_name, authenticate, csrf_ok, csrf_token, signed_in, signed_in_as
from bot.web.charts import line_chart

Handler = Callable[[Request], Awaitable[Response]]
PER_PAGE = 25
# Password guessing: a few wrong passwords at once, then a handful a minute per name; a
# client trying many names gets a few times that. Successful sign-ins never count.
SIGN_INS_PER_MINUTE, SIGN_IN_BURST = 10, 10
TOO_MANY_ATTEMPTS = "Too many sign-in attempts. Wait a minute, then try again."
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TAG_SUGGESTIONS = ("exemplary", "needs-follow-up", "great-empathy", "blamed-customer")


def trainer_routes(
    templates: Jinja2Templates, sessions: sessionmaker, titles: Mapping[str, str]
) -> list[Route]:
    """`titles`: each scenario's id and title, for assigning scenarios."""
    attempts = RateLimiter(per_minute=SIGN_INS_PER_MINUTE, burst=SIGN_IN_BURST)
    clients = RateLimiter(per_minute=6 * SIGN_INS_PER_MINUTE, burst=3 * SIGN_IN_BURST)

    def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
        context = {"trainer": signed_in(request), "csrf": csrf_token(request), **context}
        return templates.TemplateResponse(request, name, context, status_code=status)

    def requires_trainer(handler: Handler) -> Handler:
        async def guarded(request: Request) -> Response:
            if signed_in(request) is None:
                target = urlencode({"next": request.url.path})
                return RedirectResponse(f"/trainer/login?{target}", status_code=303)
            return await handler(request)

        return guarded

    async def checked_form(request: Request) -> FormData:
        form = await request.form()
        if not csrf_ok(request, form.get("csrf_token")):
            raise HTTPException(403, "This form has expired. Reload the page and try again.")
        return form

    async def login_form(request: Request) -> Response:
        return page(request, "trainer/login.html", {"next": _safe_next(request.query_params)})

    async def login(request: Request) -> Response:
        form = await checked_form(request)
        username = str(form.get("username", ""))
        name = account_name(username)
        client = request.client.host if request.client else "?"
        if attempts.exhausted(name) or clients.exhausted(client):
            context = {"error": TOO_MANY_ATTEMPTS, "next": _safe_next(form)}
            return page(request, "trainer/login.html", context, status=429)
        with sessions() as db:
            trainer = authenticate(db, username, str(form.get("password", "")))
        if trainer is None:
            attempts.allow(name)  # only failures count
            clients.allow(client)
            context = {"error": "Wrong username or password.", "next": _safe_next(form)}
            return page(request, "trainer/login.html", context, status=401)
        request.session.clear()
        request.session.update({"trainer": trainer.username, "trainer_name": trainer.display_name})
        return RedirectResponse(_safe_next(form), status_code=303)

    async def logout(request: Request) -> Response:
        await checked_form(request)
        request.session.clear()
        return RedirectResponse("/trainer/login", status_code=303)

    async def conversations(request: Request) -> Response:
        params = request.query_params
        flt, problems = parse_filter(params)
        sort = params.get("sort", "started")
        descending = params.get("dir", "desc") != "asc"
        number = _int(params.get("page")) or 1
        with sessions() as db:
            found = dashboard.list_sessions(db, flt, sort, descending, number, PER_PAGE)
            saved = saved_filters.of_trainer(db, signed_in(request) or "")
        context = {
            "found": found, "params": params, "problems": problems, "sort": sort, "saved": saved,
            "descending": descending, "query": _query_without(params, "page"),
            "sort_query": _query_without(params, "sort", "dir", "page"),
        }  # fmt: skip
        return page(request, "trainer/sessions.html", context)

    async def session_view(request: Request) -> Response:
        with sessions() as db:
            found = dashboard.transcript(db, request.path_params["session_id"])
        if found is None:
            raise HTTPException(404, "No such conversation.")
        return page(request, "trainer/transcript.html", {"t": found, "tags": TAG_SUGGESTIONS})

    async def annotate(request: Request) -> Response:
        form = await checked_form(request)
        session_id, action = request.path_params["session_id"], request.path_params["action"]
        with sessions.begin() as db:
            if db.get(CoachingSession, session_id) is None:
                raise HTTPException(404, "No such conversation.")
            _apply(db, action, session_id, signed_in_as(request), form)
        return RedirectResponse(f"/trainer/sessions/{session_id}", status_code=303)

    async def save_filter(request: Request) -> Response:
        form = await checked_form(request)
        name, query = str(form.get("name", "")).strip(), str(form.get("query", ""))
        if not name:
            raise HTTPException(400, "A saved filter needs a name.")
        with sessions.begin() as db:
            saved = saved_filters.save(db, signed_in(request) or "", name, query).query
        return RedirectResponse(f"/trainer/?{saved}", status_code=303)

    async def delete_filter(request: Request) -> Response:
        await checked_form(request)
        with sessions.begin() as db:
            saved_filters.delete(db, signed_in(request) or "", request.path_params["filter_id"])
        return RedirectResponse("/trainer/", status_code=303)

    async def progress(request: Request) -> Response:
        employee = request.path_params["employee"]
        with sessions() as db:
            found = dashboard.employee_progress(db, employee)
        chart = None
        if found.points:
            lines = {"overall": [p.score for p in found.points]}
            for skill in sorted(found.averages):
                lines[skill] = [p.skills.get(skill, 0) for p in found.points]
            labels = [p.at.strftime("%d %b") for p in found.points]
            chart = line_chart(lines, labels)
        return page(request, "trainer/progress.html", {"p": found, "chart": chart})

    async def team(request: Request) -> Response:
        with sessions() as db:
            employees, scenarios = dashboard.team_rankings(db)
        return page(request, "trainer/team.html", {"employees": employees, "scenarios": scenarios})

    async def export(request: Request) -> Response:
        flt, _ = parse_filter(request.query_params)
        with sessions() as db:
            rows = dashboard.export_rows(db, flt)
        kind = request.path_params["kind"]
        if kind == "json":
            body = json.dumps({"conversations": rows}, ensure_ascii=False, indent=1)
            return _download(body, "application/json", "conversations.json")
        return _download(_csv(rows), "text/csv; charset=utf-8", "conversations.csv")

    return [
        Route("/trainer/login", login_form, methods=["GET"]),
        Route("/trainer/login", login, methods=["POST"]),
        Route("/trainer/logout", requires_trainer(logout), methods=["POST"]),
        Route("/trainer/", requires_trainer(conversations)),
        Route("/trainer/sessions/{session_id}", requires_trainer(session_view)),
        Route(
            "/trainer/sessions/{session_id}/{action:str}",
            requires_trainer(annotate),
            methods=["POST"],
        ),
        Route("/trainer/progress/{employee:path}", requires_trainer(progress)),
        Route("/trainer/team", requires_trainer(team)),
        Route("/trainer/export.{kind:str}", requires_trainer(export)),
        Route("/trainer/filters", requires_trainer(save_filter), methods=["POST"]),
        Route(
            "/trainer/filters/{filter_id:int}/delete",
            requires_trainer(delete_filter),
            methods=["POST"],
        ),
        *assignment_routes(page, requires_trainer, checked_form, sessions, titles),
    ]


def _apply(db: Any, action: str, session_id: str, who: tuple[str, str], form: FormData) -> None:
    """`who` is the signed-in trainer's (username, display name)."""
    trainer = who[0]
    if action == "override":
        score, verdict, reason = _override(form)
        dashboard.set_override(db, session_id, who[1], score, verdict, reason)
    elif action == "notes":
        body = str(form.get("body", "")).strip()
        if not body:
            raise HTTPException(400, "A note needs some text.")
        dashboard.add_note(db, session_id, trainer, body[:5000], _int(form.get("turn")))
    elif action == "tags":
        tag = str(form.get("tag", "")).strip().lower().replace(" ", "-")[:48]
        if not tag:
            raise HTTPException(400, "A tag needs a name.")
        dashboard.add_tag(db, session_id, tag, trainer)
    elif action == "untag":
        dashboard.remove_tag(db, session_id, str(form.get("tag", "")))
    elif action == "review":
        dashboard.set_reviewed(db, session_id, trainer, form.get("reviewed") == "1")
    else:
        raise HTTPException(404, "Unknown action.")


def _override(form: FormData) -> tuple[int | None, str | None, str]:
    """A trainer's score needs a reason, so employees learn why; "clear" removes both."""
    if form.get("clear"):
        return None, None, ""
    raw = str(form.get("score", "")).strip()
    score = _int(raw)
    if raw and (score is None or not 0 <= score <= 100):
        raise HTTPException(400, f"The score must be a whole number from 0 to 100, not {raw!r}.")
    verdict = str(form.get("verdict", "")).strip() or None
    if verdict not in (None, *dashboard.VERDICTS):
        raise HTTPException(400, "The verdict must be pass or fail.")
    reason = str(form.get("reason", "")).strip()[:2000]
    if score is None and verdict is None:
        raise HTTPException(400, "Give a score, a verdict, or both.")
    if score is not None and not reason:
        raise HTTPException(400, "Say why you changed the score: the employee sees your reason.")
    return score, verdict, reason


def parse_filter(params: QueryParams) -> tuple[SessionFilter, list[str]]:
    """The list's filters from the query string; a malformed value is ignored and named."""
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
        value = _int(raw)
        if raw and (value is None or not 0 <= value <= 100):
            problems.append(f"{name.replace('_', ' ')} {raw!r} is not a score from 0 to 100")
            return None
        return value

    reviewed = {"yes": True, "no": False}.get(params.get("reviewed", ""))
    flt = SessionFilter(
        employee=params.get("employee", "").strip() or None,
        scenario=params.get("scenario", "").strip() or None,
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


def _int(raw: Any) -> int | None:
    try:
        return int(str(raw).strip())
    except (TypeError, ValueError):
        return None


def _safe_next(values: Any) -> str:
    """Only ever redirect within the dashboard after signing in."""
    target = str(values.get("next", "") or "")
    return target if target.startswith("/trainer/") and "//" not in target else "/trainer/"


def _query_without(params: QueryParams, *names: str) -> str:
    return urlencode([(k, v) for k, v in params.multi_items() if k not in names and v])


def _csv(rows: list[dict[str, Any]]) -> str:
    """One row per scored turn (or one per conversation without turns)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([
        "conversation", "employee", "channel", "scenario", "difficulty", "started_at", "outcome",
        "score", "reviewed", "tags", "turn", "reply", "reply_score", "skills", "flags",
        "trainer_score", "verdict", "trainer_reason",
    ])  # fmt: skip
    for row in rows:
        head = [
            row["id"], row["employee"], row["channel"], row["scenario"], row["difficulty"],
            row["started_at"], row["outcome"], row["score"], row["reviewed"], " ".join(row["tags"]),
        ]  # fmt: skip
        judged = [
            row["override_score"] if row["override_score"] is not None else "",
            row["verdict"] or "", row["override_reason"] or "",
        ]  # fmt: skip
        for turn in row["turns"] or [None]:
            if turn is None:
                cells = [*head, "", "", "", "", "", *judged]
            else:
                cells = [
                    *head, turn["turn"], turn["reply"], turn["score"],
                    " ".join(turn["skills"]), " ".join(turn["flags"]), *judged,
                ]  # fmt: skip
            writer.writerow([_safe_cell(cell) for cell in cells])
    return out.getvalue()


def _safe_cell(cell: Any) -> Any:
    """Spreadsheets run a text cell that starts with = + - @ (or a tab or CR, which some
    skip) as a formula, and employees and trainers choose ids, tags and text: quote those."""
    return f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


def _download(body: str, media_type: str, filename: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(body, media_type=media_type, headers=headers)
