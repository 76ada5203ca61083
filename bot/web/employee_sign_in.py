"""Employees signing in to practise (EMPLOYEE_AUTH links or oidc), signing out, and the
widget's token.

The employee's id and name live in the web app's signed session cookie; the widget gets a
short-lived token for it from /auth/widget-token (bot/widget_token.py), which the socket.io
channel checks. A personal link (/signin/<secret>) shows a button before it is spent, so a
mail scanner or a chat preview that opens the link does not use it up.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from bot import widget_token
from bot.settings import Settings
from bot.store import people
from bot.store.models import Employee
from bot.web.auth import csrf_ok, csrf_token

LINK_UNUSABLE = (
    "This sign-in link has already been used, was replaced or revoked, or has expired. "
    "Ask your trainer for a new one."
)


def signed_in_employee(request: Request) -> tuple[str, str] | None:
    """The signed-in employee's (id, name), from the session cookie."""
    employee = request.session.get("employee")
    if not isinstance(employee, str):
        return None
    return employee, str(request.session.get("employee_name") or employee)


def sign_in(request: Request, employee: str, name: str) -> None:
    """A fresh session for the employee (a trainer signed in on this browser stays so)."""
    kept = {k: request.session[k] for k in ("trainer", "trainer_name") if k in request.session}
    request.session.clear()
    request.session.update({"employee": employee, "employee_name": name, **kept})


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    templates = request.app.state.dashboard.templates
    context = {"csrf": csrf_token(request), "mode": settings_of(request).employee_auth, **context}
    return templates.TemplateResponse(request, name, context, status_code=status)


async def link_page(request: Request) -> Response:
    """The link's confirmation page; nothing is spent until the button is pressed."""
    if settings_of(request).employee_auth != "links":
        raise HTTPException(404, "Sign-in links are not used here.")
    with request.app.state.dashboard.sessions() as db:
        link = people.usable_link(db, request.path_params["secret"])
        employee = db.get(Employee, link.employee_id) if link else None
    if employee is None:
        return page(request, "signin.html", {"error": LINK_UNUSABLE}, status=410)
    return page(request, "signin.html", {"employee": employee})


async def use_link(request: Request) -> Response:
    if settings_of(request).employee_auth != "links":
        raise HTTPException(404, "Sign-in links are not used here.")
    form = await request.form()
    if not csrf_ok(request, form.get("csrf_token")):
        raise HTTPException(403, "This form has expired. Open your link again.")
    with request.app.state.dashboard.sessions.begin() as db:
        employee = people.use_link(db, request.path_params["secret"])
        found = (employee.id, employee.name) if employee else None
    if found is None:
        return page(request, "signin.html", {"error": LINK_UNUSABLE}, status=410)
    sign_in(request, *found)
    return RedirectResponse("/", status_code=303)


async def sign_out(request: Request) -> Response:
    form = await request.form()
    if not csrf_ok(request, form.get("csrf_token")):
        raise HTTPException(403, "This form has expired. Reload the page and try again.")
    for key in ("employee", "employee_name"):
        request.session.pop(key, None)
    return RedirectResponse("/?signed_out=1", status_code=303)


async def slack_code(request: Request) -> Response:
    """A one-time code for `/coach link CODE`, so Slack practice joins the web's."""
    form = await request.form()
    who = signed_in_employee(request)
    if who is None or not csrf_ok(request, form.get("csrf_token")):
        raise HTTPException(403, "Sign in on the practice page first.")
    with request.app.state.dashboard.sessions.begin() as db:
        code = people.issue_slack_code(db, who[0])
    context = {"slack_code": code, "minutes": people.SLACK_CODE_MINUTES}
    return page(request, "signin.html", context)


async def token(request: Request) -> Response:
    """A fresh widget token for the signed-in employee; the widget asks at every connect."""
    headers = {"Cache-Control": "no-store"}
    who = signed_in_employee(request)
    if who is None:
        return JSONResponse({"error": "Sign in first."}, status_code=401, headers=headers)
    secret = settings_of(request).widget_token_secret
    body = {
        "token": widget_token.mint(secret, who[0]),
        "employee": who[0],
        "name": who[1],
        "expires_in": widget_token.LIFETIME_S,
    }
    return JSONResponse(body, headers=headers)


routes = [
    Route("/signin/{secret}", link_page, methods=["GET"]),
    Route("/signin/{secret}", use_link, methods=["POST"]),
    Route("/signout", sign_out, methods=["POST"]),
    Route("/slack-code", slack_code, methods=["POST"]),
    Route("/auth/widget-token", token, methods=["GET"]),
]
