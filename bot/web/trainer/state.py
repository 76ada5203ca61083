"""What every trainer page shares, built once per app by `bot.web.app.create_app` and kept
on `app.state`, so handlers are plain functions that read it from the request."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import sessionmaker
from starlette.requests import Request
from starlette.templating import Jinja2Templates

from bot.coaching.rubric import Rubric, product_rubric
from bot.rate_limit import RateLimiter

# Password guessing: a few wrong passwords at once, then a handful a minute per name; a
# client trying many names gets a few times that. Successful sign-ins never count.
SIGN_INS_PER_MINUTE, SIGN_IN_BURST = 10, 10


def _per_name() -> RateLimiter:
    return RateLimiter(per_minute=SIGN_INS_PER_MINUTE, burst=SIGN_IN_BURST)


def _per_client() -> RateLimiter:
    return RateLimiter(per_minute=6 * SIGN_INS_PER_MINUTE, burst=3 * SIGN_IN_BURST)


@dataclass(frozen=True)
class DashboardState:
    """One per app, so two apps (as in the tests) share no sign-in budget."""

    templates: Jinja2Templates
    sessions: sessionmaker
    titles: Mapping[str, str]  # each scenario's id and title, for assigning scenarios
    # Wrong sign-ins, per account name and per client address; one pair per app.
    names: RateLimiter = field(default_factory=_per_name)
    clients: RateLimiter = field(default_factory=_per_client)
    rubric: Rubric = field(default_factory=product_rubric)  # the labels a trainer can correct


def state(request: Request) -> DashboardState:
    """The dashboard's state for this request's app."""
    return request.app.state.dashboard
