"""The running Service Coach: Rasa server and action server, built from one Settings.

`make run` and the end-to-end tests both use this, so the tests start exactly what a user
starts, only on free ports.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.engine import make_url

from bot.runtime.processes import ServiceProcess
from bot.settings import PROJECT_ROOT, Settings

MODEL_PATH = PROJECT_ROOT / "models" / "service-coach.tar.gz"
START_TIMEOUT = 300.0
LOCK_LIFETIME_S = 10


def child_environment(settings: Settings) -> dict[str, str]:
    """The environment every server gets: ours, plus the values endpoints.yml expands."""
    return {
        **redis_environment(settings),
        **os.environ,
        "HOST": settings.host,
        "RASA_PORT": str(settings.rasa_port),
        "ACTIONS_PORT": str(settings.actions_port),
        "WEB_PORT": str(settings.web_port),
        "RASA_AUTH_TOKEN": settings.rasa_auth_token,
        "WEB_SECRET_KEY": settings.web_secret_key,
        "COOKIE_SECURE": "true" if settings.cookie_secure else "false",
        "DB_URL": settings.db_url,
        "LOG_LEVEL": settings.log_level,
        "LOG_DIR": str(settings.log_dir),
        "RASA_PUBLIC_URL": settings.rasa_public_url,
        "SLACK_BOT_TOKEN": settings.slack_bot_token or "",
        "SLACK_SIGNING_SECRET": settings.slack_signing_secret or "",
        "SLACK_API_URL": settings.slack_api_url,
        "CORS_ORIGINS": ",".join(settings.cors_origins),
        "RATE_LIMIT_PER_MINUTE": str(settings.rate_limit_per_minute),
        "RATE_LIMIT_BURST": str(settings.rate_limit_burst),
        "ACTION_ENDPOINT_URL": settings.action_endpoint_url,
        "ACTION_SERVER_TOKEN": settings.action_server_token,
        "COACH_STOCK_RASA": "true" if settings.stock_rasa else "false",
        **identity_environment(settings),
        "SANIC_HOST": settings.host,
        # The machine has no network beyond package registries: never phone home.
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }


def identity_environment(settings: Settings) -> dict[str, str]:
    """Who is practising, as every server must agree on it (bot/settings.py)."""
    oidc = settings.oidc
    values = {
        "EMPLOYEE_AUTH": settings.employee_auth,
        "ALLOW_OPEN_ON_NETWORK": "true",  # already checked by the parent
        "WIDGET_TOKEN_SECRET": settings.widget_token_secret,
        "REST_BEARER_TOKEN": settings.rest_bearer_token or "",
        "SIGN_IN_LINK_HOURS": str(settings.sign_in_link_hours),
    }
    if oidc is not None:
        values |= {
            "OIDC_ISSUER": oidc.issuer, "OIDC_CLIENT_ID": oidc.client_id,
            "OIDC_CLIENT_SECRET": oidc.client_secret, "OIDC_EMPLOYEE_CLAIM": oidc.employee_claim,
            "OIDC_TEAM_CLAIM": oidc.team_claim or "", "OIDC_TRAINER_CLAIM": oidc.trainer_claim,
            "OIDC_TRAINER_GROUP": oidc.trainer_group or "",
            "OIDC_ADMIN_GROUP": oidc.admin_group or "",
            "OIDC_AUTO_CREATE": "true" if oidc.auto_create else "false",
        }  # fmt: skip
    return values


def redis_environment(settings: Settings) -> dict[str, str]:
    if settings.redis_url is None:
        return {}
    url = make_url(settings.redis_url)
    return {
        # A server that dies holding a conversation's lock blocks that conversation until the
        # lock expires. Rasa's default is 60 s; a turn here takes well under a second.
        "TICKET_LOCK_LIFETIME": str(LOCK_LIFETIME_S),
        "REDIS_URL": settings.redis_url,
        "REDIS_HOST": url.host or "127.0.0.1",
        "REDIS_PORT": str(url.port or 6379),
        "REDIS_DB": url.database or "0",
    }


def endpoints_file(settings: Settings) -> Path:
    """With Redis, several Rasa servers share one lock store; alone, Rasa's in-memory one."""
    name = "endpoints-redis.yml" if settings.redis_url else "endpoints.yml"
    return PROJECT_ROOT / name


def rasa_service(settings: Settings, model: Path) -> ServiceProcess:
    # Values go after "=": a random token may start with "-", which argparse would
    # otherwise read as an option.
    command = [
        sys.executable, "-m", "bot.runtime.rasa_server", "run",
        f"--model={model}",
        "--enable-api",
        f"--auth-token={settings.rasa_auth_token}",
        f"--interface={settings.host}",
        f"--port={settings.rasa_port}",
        f"--endpoints={endpoints_file(settings)}",
        f"--credentials={PROJECT_ROOT / 'credentials.yml'}",
        # Pages that embed the widget talk to Rasa's socket.io channel from their origin.
        "--cors", *settings.cors_origins,
    ]  # fmt: skip
    return ServiceProcess(
        name="Rasa server",
        command=command,
        ready_url=f"{settings.rasa_url}/status?token={settings.rasa_auth_token}",
        env=child_environment(settings),
        cwd=PROJECT_ROOT,
        log_path=settings.log_dir / "rasa.log",
    )


def action_service(settings: Settings) -> ServiceProcess:
    command = [
        sys.executable, "-m", "bot.runtime.action_server",
        f"--port={settings.actions_port}",
    ]  # fmt: skip
    return ServiceProcess(
        name="Action server",
        command=command,
        ready_url=f"http://{settings.host}:{settings.actions_port}/health",
        env=child_environment(settings),
        cwd=PROJECT_ROOT,
        log_path=settings.log_dir / "actions.log",
    )


def web_service(settings: Settings) -> ServiceProcess:
    return ServiceProcess(
        name="Web app",
        command=[sys.executable, "-m", "bot.web"],
        ready_url=f"{settings.web_url}/health",
        env=child_environment(settings),
        cwd=PROJECT_ROOT,
        log_path=settings.log_dir / "web.log",
    )


@dataclass
class Stack:
    """Every server of one Service Coach, started together and stopped together."""

    settings: Settings
    model: Path = MODEL_PATH
    services: dict[str, ServiceProcess] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.services = {
            "actions": action_service(self.settings),
            "rasa": rasa_service(self.settings, self.model),
            "web": web_service(self.settings),
        }

    def start(self, timeout: float = START_TIMEOUT) -> dict[str, float]:
        """Start all servers at once, then wait for each; return seconds to ready."""
        for service in self.services.values():
            service.start()
        try:
            return {name: s.wait_ready(timeout) for name, s in self.services.items()}
        except Exception:
            self.stop()
            raise

    def restart(self, name: str, timeout: float = START_TIMEOUT) -> float:
        service = self.services[name]
        service.stop()
        service.start()
        return service.wait_ready(timeout)

    def stop(self) -> None:
        for service in reversed(list(self.services.values())):
            service.stop()

    def urls(self) -> list[str]:
        s = self.settings
        return [
            f"Practice page:    {s.web_url}/   (widget: {s.web_url}/static/widget.js)",
            f"Rasa server (REST, socket.io, HTTP API): {s.rasa_url}",
            f"  REST channel:   POST {s.rasa_url}/webhooks/rest/webhook",
            f"  socket.io:      {s.rasa_url}/socket.io",
            f"  HTTP API:       {s.rasa_url}/status?token=<RASA_AUTH_TOKEN>",
            f"Action server:    http://{s.host}:{s.actions_port}/health",
            f"Slack:            {s.rasa_url}/webhooks/slack/webhook and /webhooks/slack/commands"
            + ("" if s.slack_enabled else " (off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET)"),
        ]
