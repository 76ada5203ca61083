"""`python -m bot.runtime.action_server --port N`: rasa-sdk's action server, for Rasa only.

rasa-sdk's own server answers anyone who can reach it, from any web origin. This one loads
the same actions, but `/webhook` and `/actions` require `Authorization: Bearer
<ACTION_SERVER_TOKEN>`, which endpoints.yml gives Rasa; only `/health` is open. It listens
on HOST (loopback by default), so by default it is also unreachable from other machines.
"""

from __future__ import annotations

import argparse
import hmac
import logging
import sys

from rasa_sdk.endpoint import create_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

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


def keep_tensorflow_out() -> None:
    """spaCy's thinc imports TensorFlow whenever it is installed (Rasa needs it, so it is),
    though our blank pipelines and text classifier never use it: 4-5 s of the action server's
    start and a few hundred MB. A missing module makes thinc carry on without it."""
    sys.modules.setdefault("tensorflow", None)  # type: ignore[arg-type]


async def load_engine(_app: Sanic, _loop: object) -> None:
    """The coaching engine (scenarios, rubric, spaCy pipelines) loaded before the first
    call instead of during it, then frozen out of full garbage collections."""
    from actions.coach_engine import get_engine

    get_engine()
    freeze_long_lived()


def main() -> None:
    keep_tensorflow_out()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    port = parser.parse_args().port
    settings = load_settings()
    logging.basicConfig(level=settings.log_level)
    app = secured_app(settings.action_server_token)
    app.register_listener(load_engine, "before_server_start")
    app.run(settings.host, port, workers=1, access_log=False)


if __name__ == "__main__":
    main()
