"""Signing in with the company's OpenID Connect provider (EMPLOYEE_AUTH=oidc), through
Authlib's Starlette client: the authorization code flow with PKCE (S256), the provider's
endpoints and keys from discovery at the issuer URL, the ID token checked by Authlib (issuer,
audience, signature, nonce).

The employee id comes from OIDC_EMPLOYEE_CLAIM and the team from OIDC_TEAM_CLAIM; someone
whose OIDC_TRAINER_CLAIM holds OIDC_TRAINER_GROUP (or OIDC_ADMIN_GROUP) is also signed in as
a trainer of those teams (an admin sees every team). An unknown employee is created on first
sign-in only with OIDC_AUTO_CREATE=true.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from authlib.integrations.starlette_client import OAuth, OAuthError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.identity import clean_employee_id
from bot.settings import OidcSettings
from bot.store import people
from bot.web.employee_sign_in import page, settings_of

log = logging.getLogger(__name__)

NOT_REGISTERED = (
    "You signed in, but you are not registered for practice yet. Ask your trainer to add "
    "you (they need your employee id: {employee})."
)
NO_EMPLOYEE_ID = "Your company account has no {claim!r}, which Service Coach uses as your id."
PROVIDER_FAILED = "Signing in with your company account did not work ({error}). Try again."


def oauth_client(oidc: OidcSettings) -> Any:
    """Authlib's client for the provider, configured from its discovery document."""
    oauth = OAuth()
    oauth.register(
        "company",
        client_id=oidc.client_id,
        client_secret=oidc.client_secret,
        server_metadata_url=oidc.discovery_url,
        client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
    )
    return oauth.create_client("company")


@dataclass(frozen=True)
class Person:
    """Who the provider says signed in, in Service Coach's terms."""

    employee: str
    name: str
    email: str | None
    teams: list[str]
    trainer: bool
    admin: bool


def _values(raw: Any) -> list[str]:
    if isinstance(raw, str):
        return [raw] if raw.strip() else []
    if isinstance(raw, list | tuple):
        return [str(v) for v in raw if str(v).strip()]
    return []


def person(oidc: OidcSettings, claims: Mapping[str, Any]) -> Person | None:
    raw = claims.get(oidc.employee_claim)
    if not isinstance(raw, str):
        return None
    employee = clean_employee_id(raw.lower() if oidc.employee_claim == "email" else raw)
    if employee is None:
        return None
    groups = set(_values(claims.get(oidc.trainer_claim)))
    admin = oidc.admin_group is not None and oidc.admin_group in groups
    email = claims.get("email") if isinstance(claims.get("email"), str) else None
    return Person(
        employee=employee,
        name=str(claims.get("name") or employee),
        email=email,
        teams=_values(claims.get(oidc.team_claim)) if oidc.team_claim else [],
        trainer=admin or (oidc.trainer_group is not None and oidc.trainer_group in groups),
        admin=admin,
    )


def _oidc(request: Request) -> tuple[OidcSettings, Any]:
    oidc = settings_of(request).oidc
    if oidc is None:
        raise HTTPException(404, "Company sign-in is not switched on (EMPLOYEE_AUTH=oidc).")
    return oidc, request.app.state.oidc_client


async def login(request: Request) -> Response:
    _, client = _oidc(request)
    target = str(request.query_params.get("next") or "/")
    request.session["oidc_next"] = target if target.startswith("/") and "//" not in target else "/"
    return await client.authorize_redirect(request, str(request.url_for("oidc_callback")))


async def callback(request: Request) -> Response:
    oidc, client = _oidc(request)
    try:
        token = await client.authorize_access_token(request)
        claims = {**(token.get("userinfo") or {}), **dict(await client.userinfo(token=token))}
    except OAuthError as error:
        log.info("OIDC sign-in failed: %s", error.error)
        return page(
            request, "signin.html", {"error": PROVIDER_FAILED.format(error=error.error)}, 401
        )
    who = person(oidc, claims)
    if who is None:
        message = NO_EMPLOYEE_ID.format(claim=oidc.employee_claim)
        return page(request, "signin.html", {"error": message}, 403)
    target = str(request.session.pop("oidc_next", "/"))
    with request.app.state.dashboard.sessions.begin() as db:
        team = who.teams[0] if who.teams else None
        employee = people.employee_from_claims(
            db, who.employee, who.name, who.email, team, oidc.auto_create
        )
        trainer = (
            people.trainer_from_claims(db, who.employee, who.name, who.teams, who.admin)
            if who.trainer
            else None
        )
        found = (employee.id, employee.name) if employee else None
        trainer_name = (trainer.username, trainer.display_name) if trainer else None
    if found is None and trainer_name is None:
        message = NOT_REGISTERED.format(employee=who.employee)
        return page(request, "signin.html", {"error": message}, 403)
    request.session.clear()  # a new session for whoever signed in now
    if found is not None:
        request.session.update({"employee": found[0], "employee_name": found[1]})
    if trainer_name is not None:
        request.session.update({"trainer": trainer_name[0], "trainer_name": trainer_name[1]})
    elif target.startswith("/trainer/"):
        target = "/"
    return RedirectResponse(target, status_code=303)


routes = [
    Route("/auth/oidc/login", login, methods=["GET"]),
    Route("/auth/oidc/callback", callback, methods=["GET"], name="oidc_callback"),
]
