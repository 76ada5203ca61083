"""The widget's proof of who is practising: a short-lived HS256 JWT whose subject is the
employee id. The web app mints one for a signed-in employee; a site that embeds the widget
may mint its own with the shared WIDGET_TOKEN_SECRET; the socket.io channel checks it and
takes the conversation's sender id from the subject, never from the browser."""

from __future__ import annotations

import time

import jwt

from bot.identity import clean_employee_id

AUDIENCE = "service-coach-widget"
ALGORITHM = "HS256"
LIFETIME_S = 15 * 60
# A token minted to last longer than this is refused: a leaked one must not last a week.
MAX_LIFETIME_S = 12 * 3600


def mint(secret: str, employee: str, lifetime_s: int = LIFETIME_S, now: float | None = None) -> str:
    issued = int(now if now is not None else time.time())
    claims = {"sub": employee, "aud": AUDIENCE, "iat": issued, "exp": issued + lifetime_s}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


def subject(token: object, secret: str, now: float | None = None) -> str | None:
    """The employee a valid token names; None for anything else (missing, expired, signed
    with another key or algorithm, for another audience, minted for too long, a bad id)."""
    if not isinstance(token, str) or not token:
        return None
    moment = now if now is not None else time.time()
    try:
        claims = jwt.decode(
            token, secret, algorithms=[ALGORITHM], audience=AUDIENCE,
            options={"require": ["sub", "exp", "aud"], "verify_exp": False},
        )  # fmt: skip
    except jwt.InvalidTokenError:
        return None
    expires = claims["exp"]
    if not isinstance(expires, int | float) or not moment < expires <= moment + MAX_LIFETIME_S:
        return None
    employee = claims["sub"]
    return (
        employee if isinstance(employee, str) and clean_employee_id(employee) == employee else None
    )
