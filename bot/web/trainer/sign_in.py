"""/trainer/login and /trainer/logout: signing in with a limit on wrong passwords, per account
name and per client, and signing out."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.web.auth import account_name, authenticate
from bot.web.trainer.state import state
from bot.web.trainer.views import checked_form, page, requires_trainer

TOO_MANY_ATTEMPTS = "Too many sign-in attempts. Wait a minute, then try again."
WRONG = "Wrong username or password. Check both and try again."


async def login_form(request: Request) -> Response:
    return page(request, "trainer/login.html", {"next": _safe_next(request.query_params)})


async def login(request: Request) -> Response:
    form = await checked_form(request)
    username = str(form.get("username", ""))
    name, shared = account_name(username), state(request)
    client = request.client.host if request.client else "?"
    if shared.names.exhausted(name) or shared.clients.exhausted(client):
        context = {"error": TOO_MANY_ATTEMPTS, "next": _safe_next(form), "username": username}
        return page(request, "trainer/login.html", context, status=429)
    with shared.sessions() as db:
        trainer = authenticate(db, username, str(form.get("password", "")))
    if trainer is None:
        shared.names.allow(name)  # only failures count
        shared.clients.allow(client)
        context = {"error": WRONG, "next": _safe_next(form), "username": username}
        return page(request, "trainer/login.html", context, status=401)
    request.session.clear()
    request.session.update({"trainer": trainer.username, "trainer_name": trainer.display_name})
    return RedirectResponse(_safe_next(form), status_code=303)


@requires_trainer
async def logout(request: Request) -> Response:
    await checked_form(request)
    request.session.clear()
    return RedirectResponse("/trainer/login", status_code=303)


def _safe_next(values: Any) -> str:
    """Only ever redirect within the dashboard after signing in."""
    target = str(values.get("next", "") or "")
    return target if target.startswith("/trainer/") and "//" not in target else "/trainer/"


routes = [
    Route("/trainer/login", login_form, methods=["GET"]),
    Route("/trainer/login", login, methods=["POST"]),
    Route("/trainer/logout", logout, methods=["POST"]),
]
