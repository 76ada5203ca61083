"""Trainer sign-in: argon2 password hashes, a signed session cookie, CSRF tokens."""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Sequence

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.requests import Request

from bot.store.clock import utcnow
from bot.store.models import Trainer
from bot.store.people import set_trainer_teams

HASHER = PasswordHasher()
# Checked when the username is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = HASHER.hash(secrets.token_urlsafe(16))
MIN_PASSWORD = 10


class AccountError(ValueError):
    """A trainer account cannot be created as asked; the message says why."""


def account_name(typed: str) -> str:
    """The account a typed username names: accounts are stored, found and rate-limited by it,
    so "Dana", "dana" and " DANA " are one trainer."""
    return typed.strip().lower()


def create_trainer(
    db: Session, username: str, display_name: str, password: str, teams: Sequence[str] = ()
) -> Trainer:
    """A trainer of `teams`; one without teams is an admin, who sees every employee."""
    name = account_name(username)
    if not name.replace("-", "").replace("_", "").replace(".", "").isalnum() or len(name) > 64:
        raise AccountError("Usernames use letters, digits, dots, dashes or underscores (max 64).")
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"Passwords need at least {MIN_PASSWORD} characters.")
    if db.execute(select(Trainer.id).where(Trainer.username == name)).first():
        raise AccountError(f"There is already a trainer called {name!r}.")
    trainer = Trainer(
        username=name,
        display_name=display_name.strip() or name,
        password_hash=HASHER.hash(password),
        created_at=utcnow(),
    )
    db.add(trainer)
    set_trainer_teams(db, trainer, teams)
    return trainer


def authenticate(db: Session, username: str, password: str) -> Trainer | None:
    trainer = db.execute(
        select(Trainer).where(Trainer.username == account_name(username))
    ).scalar_one_or_none()
    try:
        HASHER.verify(trainer.password_hash if trainer else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    return trainer


def signed_in(request: Request) -> str | None:
    """The signed-in trainer's username, from the session cookie."""
    trainer = request.session.get("trainer")
    return trainer if isinstance(trainer, str) else None


def signed_in_as(request: Request) -> tuple[str, str]:
    """The signed-in trainer's (username, display name), for what they write and assign."""
    username = signed_in(request) or ""
    return username, str(request.session.get("trainer_name") or username)


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def csrf_ok(request: Request, submitted: object) -> bool:
    expected = request.session.get("csrf")
    return (
        isinstance(expected, str)
        and isinstance(submitted, str)
        and hmac.compare_digest(expected, submitted)
    )
