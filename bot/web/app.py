"""The web app's routes: the practice page, the widget's files, and a health check."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bot.settings import PROJECT_ROOT, Settings

HERE = Path(__file__).resolve().parent
SOCKET_IO_CLIENT = PROJECT_ROOT / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"


def create_app(settings: Settings) -> Starlette:
    templates = Jinja2Templates(directory=str(HERE / "templates"))

    async def practice(request: Request) -> Response:
        return templates.TemplateResponse(
            request, "practice.html", {"rasa_url": settings.rasa_public_url}
        )

    async def socket_io_client(request: Request) -> Response:
        # Served from the npm package `make install` installs from the committed lockfile.
        return FileResponse(SOCKET_IO_CLIENT, media_type="application/javascript")

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "widget_ready": SOCKET_IO_CLIENT.exists()})

    return Starlette(
        routes=[
            Route("/", practice),
            Route("/health", health),
            Route("/vendor/socket.io.min.js", socket_io_client),
            Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
        ]
    )
