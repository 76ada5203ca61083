"""The web app's routes: the practice page, the widget's files, a health check, employees
signing in (`employee_sign_in.py`, `oidc.py`), and the trainer dashboard (`bot/web/trainer/`)
with the state its handlers share."""

from __future__ import annotations

from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bot import paths
from bot.coaching.rubric import load_rubric
from bot.roleplay.scenarios import load_scenarios
from bot.roleplay.understanding import offer_kinds
from bot.settings import PROJECT_ROOT, Settings
from bot.store.database import make_engine, session_factory
from bot.web import employee_sign_in, oidc, trainer
from bot.web.auth import csrf_token
from bot.web.trainer.state import DashboardState

HERE = Path(__file__).resolve().parent
FAVICON = HERE / "static" / "favicon.ico"
CACHE_A_DAY = {"Cache-Control": "public, max-age=86400"}
SOCKET_IO_CLIENT = PROJECT_ROOT / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"


def scenario_titles() -> dict[str, str]:
    """Each scenario's id and title, read (and validated) from data/scenarios/ at start."""
    skills = load_rubric(paths.RUBRIC_FILE).skills
    scenarios = load_scenarios(
        paths.SCENARIOS_DIR, paths.SEEDS_DIR, skills, offer_kinds(paths.UNDERSTANDING_FILE)
    )
    return {s.id: s.title for s in scenarios.values()}


def create_app(settings: Settings) -> Starlette:
    templates = Jinja2Templates(directory=str(HERE / "templates"))

    async def practice(request: Request) -> Response:
        """In open mode anyone picks a name; otherwise the widget appears once signed in."""
        employee = employee_sign_in.signed_in_employee(request)
        context = {
            "rasa_url": settings.rasa_public_url,
            "mode": settings.employee_auth,
            "employee": employee,
            "csrf": csrf_token(request) if employee else "",  # for signing out
        }
        return templates.TemplateResponse(request, "practice.html", context)

    async def socket_io_client(request: Request) -> Response:
        # Served from the npm package `make install` installs from the committed lockfile.
        return FileResponse(SOCKET_IO_CLIENT, media_type="application/javascript")

    async def favicon(request: Request) -> Response:
        # Browsers ask every page's site for /favicon.ico, trainer pages included.
        return FileResponse(FAVICON, media_type="image/x-icon", headers=CACHE_A_DAY)

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "widget_ready": SOCKET_IO_CLIENT.exists()})

    sessions = session_factory(make_engine(settings.db_url))
    cookie = Middleware(
        SessionMiddleware,
        secret_key=settings.web_secret_key,
        session_cookie="coach_trainer",
        https_only=settings.cookie_secure,
        same_site="lax",
        max_age=12 * 3600,
    )
    app = Starlette(
        routes=[
            Route("/", practice),
            Route("/health", health),
            Route("/favicon.ico", favicon),
            Route("/vendor/socket.io.min.js", socket_io_client),
            Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
            *employee_sign_in.routes,
            *oidc.routes,
            *trainer.routes,
        ],
        middleware=[cookie],
    )
    app.state.dashboard = DashboardState(templates, sessions, scenario_titles())
    app.state.settings = settings
    app.state.oidc_client = oidc.oauth_client(settings.oidc) if settings.oidc else None
    # The trainer sign-in page offers the company's sign-in when trainers may use it.
    app.state.oidc_trainers = bool(settings.oidc and settings.oidc.trainer_group)
    return app
