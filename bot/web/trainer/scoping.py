"""Trainers see their teams: the one helper every dashboard handler uses to keep what it
lists, shows, exports or changes to the employees of the teams the signed-in trainer trains
(an admin sees everyone; bot/store/scope.py). Anything outside answers 404, as if it did not
exist, so a URL typed by hand reveals nothing."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException
from starlette.requests import Request

from bot.store.dashboard import SessionFilter
from bot.store.scope import Scope, scope_of
from bot.web.auth import signed_in


def scope(request: Request, db: Session) -> Scope:
    return scope_of(db, signed_in(request) or "")


def scoped(request: Request, db: Session, flt: SessionFilter) -> SessionFilter:
    return replace(flt, scope=scope(request, db))


def check_sees(request: Request, db: Session, employee: str, what: str = "conversation") -> None:
    if not scope(request, db).sees(db, employee):
        raise HTTPException(404, f"No such {what}.")
