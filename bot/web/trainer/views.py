"""What every trainer handler uses: the sign-in guard, the CSRF-checked form, the page
with the trainer and the CSRF token in its context, and whole numbers from what was sent."""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlencode

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.web.auth import csrf_ok, csrf_token, signed_in, signed_in_as
from bot.web.trainer.state import state

Handler = Callable[[Request], Awaitable[Response]]


def requires_trainer(handler: Handler) -> Handler:
    """Nothing on the dashboard without signing in: anyone else goes to the sign-in page,
    and back to where they were going after, filters and all."""

    @functools.wraps(handler)
    async def guarded(request: Request) -> Response:
        if signed_in(request) is None:
            wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            target = urlencode({"next": wanted})
            return RedirectResponse(f"/trainer/login?{target}", status_code=303)
        return await handler(request)

    return guarded


async def checked_form(request: Request) -> FormData:
    """The posted form, only if it carries this session's CSRF token."""
    form = await request.form()
    if not csrf_ok(request, form.get("csrf_token")):
        raise HTTPException(403, "This form has expired. Reload the page and try again.")
    return form


def page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """Template `name`, with the signed-in trainer (username and display name) and the CSRF
    token every form needs."""
    context = {
        "trainer": signed_in(request), "trainer_name": signed_in_as(request)[1],
        "csrf": csrf_token(request), **context,
    }  # fmt: skip
    return state(request).templates.TemplateResponse(request, name, context, status_code=status)


def whole_number(raw: Any) -> int | None:
    """A form or query value as an int; None when it is not one."""
    try:
        return int(str(raw).strip())
    except (TypeError, ValueError):
        return None
