"""`python -m bot.web`: serve the web app on HOST:WEB_PORT."""

from __future__ import annotations

import sys

import uvicorn

from bot.settings import SettingsError, load_settings
from bot.web.app import create_app


def main() -> int:
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"Cannot start the web app: {error}", file=sys.stderr)
        return 2
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.web_port,
        log_level=settings.log_level.lower(),
        # The page talks to Rasa's socket.io directly; the web app serves no websockets, and
        # uvicorn's websocket support does not load beside Rasa's pinned websockets 10.
        ws="none",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
