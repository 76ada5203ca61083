"""`python -m bot.runtime.action_server --port N`: rasa-sdk's action server, for Rasa only.

rasa-sdk's own server answers anyone who can reach it, from any web origin. This one loads
the same actions, but `/webhook` and `/actions` require `Authorization: Bearer
<ACTION_SERVER_TOKEN>`, which endpoints.yml gives Rasa; only `/health` is open. It listens
on HOST (loopback by default), so by default it is also unreachable from other machines.
The registry's patches for this server (bot/rasa/patches) are installed before the actions
are imported.
"""

from __future__ import annotations

import argparse
import hmac
import logging

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.rasa import patches
from bot.runtime.heap import freeze_long_lived
from bot.settings import load_settings

OPEN_PATHS = {"/health"}


def secured_app(token: str) -> Sanic:
    app = create_app("actions", cors_origins=[])
    expected = f"Bearer {token}"

    @app.middleware("request")
    async def require_token(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        if hmac.compare_digest(request.headers.get("authorization", ""), expected):
            return None
        return response.json(
            {"error": "The action server answers only the Rasa server (bearer token)."},
            status=401,
        )

    return app


async def load_engine(_app: Sanic, _loop: object) -> None:
    """The coaching engine (scenarios, rubric, spaCy pipelines) loaded before the first
    call instead of during it, then frozen out of full garbage collections."""
    from actions.coach_engine import get_engine

    get_engine()
    freeze_long_lived()


def main() -> None:
    settings = load_settings()
    logging.basicConfig(level=settings.log_level)
    patches.install("actions", stock=settings.stock_rasa)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args().port
    app = secured_app(settings.action_server_token)
    app.register_listener(load_engine, "before_server_start")
    app.run(settings.host, port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
