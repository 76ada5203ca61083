"""The one place that reads the environment and `.env`.

Every process (Rasa server, action server, web app, tests) builds its settings here, so a
malformed value is reported once, by name, before anything starts.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from dotenv import dotenv_values
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_URL = "sqlite:///var/service_coach.db"
SUPPORTED_DIALECTS = ("sqlite", "postgresql")
EMPLOYEE_AUTH_MODES = ("open", "links", "oidc")
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names the setting."""


@dataclass(frozen=True)
class OidcSettings:
    """The company's OpenID Connect provider, for EMPLOYEE_AUTH=oidc."""

    issuer: str
    client_id: str
    client_secret: str
    employee_claim: str = "email"
    team_claim: str | None = None
    trainer_claim: str = "groups"
    trainer_group: str | None = None
    admin_group: str | None = None
    auto_create: bool = False

    @property
    def discovery_url(self) -> str:
        return self.issuer.rstrip("/") + "/.well-known/openid-configuration"


@dataclass(frozen=True)
class Settings:
    """Validated settings shared by every part of Service Coach."""

    host: str
    rasa_port: int
    actions_port: int
    web_port: int
    rasa_auth_token: str
    db_url: str
    log_level: str
    log_dir: Path
    rasa_public_url: str
    cors_origins: tuple[str, ...]
    web_secret_key: str
    cookie_secure: bool
    slack_bot_token: str | None
    slack_signing_secret: str | None
    slack_api_url: str
    redis_url: str | None
    rate_limit_per_minute: int
    rate_limit_burst: int
    action_server_token: str
    stock_rasa: bool = False  # skip the speed patches of Rasa (bot/rasa/patches)
    # Who is practising (bot/web/employees.py, docs/security.md): open, links or oidc.
    employee_auth: str = "open"
    widget_token_secret: str = ""  # signs the widget's tokens; shared with embedding sites
    rest_bearer_token: str | None = None  # server-to-server callers of REST, when not open
    sign_in_link_hours: int = 72
    oidc: OidcSettings | None = None

    @property
    def signed_in_only(self) -> bool:
        """Whether every conversation must belong to a signed-in employee."""
        return self.employee_auth != "open"

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token and self.slack_signing_secret)

    @property
    def action_endpoint_url(self) -> str:
        return f"http://{self.host}:{self.actions_port}/webhook"

    @property
    def rasa_url(self) -> str:
        return f"http://{self.host}:{self.rasa_port}"

    @property
    def web_url(self) -> str:
        return f"http://{self.host}:{self.web_port}"

    @property
    def is_sqlite(self) -> bool:
        return self.db_url.startswith("sqlite")


def load_settings(
    environ: Mapping[str, str] | None = None,
    dotenv_path: Path | None = None,
) -> Settings:
    """Merge `.env` under the real environment (the environment wins) and validate.

    `environ` and `dotenv_path` exist so tests can load settings without touching the
    process environment or the developer's own `.env`.
    """
    env = _merged_environment(environ, dotenv_path)
    host = _text(env, "HOST", "127.0.0.1")
    rasa_port, web_port = _port(env, "RASA_PORT", 5005), _port(env, "WEB_PORT", 8000)
    auth = _employee_auth(env, host)
    return Settings(
        host=host,
        rasa_port=rasa_port,
        actions_port=_port(env, "ACTIONS_PORT", 5055),
        web_port=web_port,
        rasa_auth_token=_token(env, "RASA_AUTH_TOKEN"),
        db_url=_db_url(env, "DB_URL"),
        log_level=_choice(env, "LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
        log_dir=_folder(env, "LOG_DIR", "var/logs"),
        rasa_public_url=_http_url(env, "RASA_PUBLIC_URL", f"http://{host}:{rasa_port}"),
        cors_origins=_origins(env, "CORS_ORIGINS", f"http://{host}:{web_port}"),
        web_secret_key=_token(env, "WEB_SECRET_KEY"),
        cookie_secure=_flag(env, "COOKIE_SECURE", True),
        slack_bot_token=_optional(env, "SLACK_BOT_TOKEN"),
        slack_signing_secret=_optional(env, "SLACK_SIGNING_SECRET"),
        slack_api_url=_http_url(env, "SLACK_API_URL", "https://slack.com/api") + "/",
        redis_url=_redis_url(env, "REDIS_URL"),
        rate_limit_per_minute=_count(env, "RATE_LIMIT_PER_MINUTE", 60),
        rate_limit_burst=_count(env, "RATE_LIMIT_BURST", 20),
        action_server_token=_action_server_token(env),
        stock_rasa=_flag(env, "COACH_STOCK_RASA", False),
        employee_auth=auth,
        widget_token_secret=_widget_token_secret(env),
        rest_bearer_token=_optional_token(env, "REST_BEARER_TOKEN"),
        sign_in_link_hours=_count(env, "SIGN_IN_LINK_HOURS", 72) or 72,
        oidc=_oidc(env) if auth == "oidc" else None,
    )


def _employee_auth(env: Mapping[str, str], host: str) -> str:
    """open is for one machine: on another interface it needs ALLOW_OPEN_ON_NETWORK=true."""
    mode = env.get("EMPLOYEE_AUTH", "").strip().lower() or "open"
    if mode not in EMPLOYEE_AUTH_MODES:
        raise SettingsError(
            f"EMPLOYEE_AUTH must be one of {', '.join(EMPLOYEE_AUTH_MODES)}, got {mode!r}."
        )
    if (
        mode == "open"
        and host not in LOOPBACK_HOSTS
        and not _flag(env, "ALLOW_OPEN_ON_NETWORK", False)
    ):
        raise SettingsError(
            f"EMPLOYEE_AUTH=open lets anyone practise and read progress as anyone, so it only "
            f"runs on 127.0.0.1, not HOST={host}. Set EMPLOYEE_AUTH=links or oidc (README, "
            f"'Who is practising'), or ALLOW_OPEN_ON_NETWORK=true for a trusted room."
        )
    return mode


def _widget_token_secret(env: Mapping[str, str]) -> str:
    """Signs the widget's tokens. Unset, it is derived from WEB_SECRET_KEY (set it to share
    it with an intranet that embeds the widget and mints its own tokens)."""
    given = env.get("WIDGET_TOKEN_SECRET", "").strip()
    if given:
        secret = _token({"WIDGET_TOKEN_SECRET": given}, "WIDGET_TOKEN_SECRET")
        if len(secret) < 32:
            raise SettingsError("WIDGET_TOKEN_SECRET must be at least 32 characters.")
        return secret
    key = _token(env, "WEB_SECRET_KEY").encode()
    return hmac.new(key, b"service-coach widget tokens", hashlib.sha256).hexdigest()


def _optional_token(env: Mapping[str, str], name: str) -> str | None:
    return _token(env, name) if env.get(name, "").strip() else None


def _oidc(env: Mapping[str, str]) -> OidcSettings:
    missing = [n for n in ("OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET") if not
               env.get(n, "").strip()]  # fmt: skip
    if missing:
        raise SettingsError(
            f"EMPLOYEE_AUTH=oidc needs {', '.join(missing)}: the issuer URL and the client your "
            f"identity provider registered for Service Coach (README, 'Signing in with OIDC')."
        )
    return OidcSettings(
        issuer=_http_url(env, "OIDC_ISSUER", ""),
        client_id=env["OIDC_CLIENT_ID"].strip(),
        client_secret=env["OIDC_CLIENT_SECRET"].strip(),
        employee_claim=_text(env, "OIDC_EMPLOYEE_CLAIM", "email"),
        team_claim=_optional(env, "OIDC_TEAM_CLAIM"),
        trainer_claim=_text(env, "OIDC_TRAINER_CLAIM", "groups"),
        trainer_group=_optional(env, "OIDC_TRAINER_GROUP"),
        admin_group=_optional(env, "OIDC_ADMIN_GROUP"),
        auto_create=_flag(env, "OIDC_AUTO_CREATE", False),
    )


def _merged_environment(
    environ: Mapping[str, str] | None, dotenv_path: Path | None
) -> dict[str, str]:
    path = dotenv_path if dotenv_path is not None else PROJECT_ROOT / ".env"
    from_file = {k: v for k, v in dotenv_values(path).items() if v is not None}
    return {**from_file, **(os.environ if environ is None else environ)}


def _text(env: Mapping[str, str], name: str, default: str) -> str:
    value = env.get(name, "").strip()
    return value or default


def _folder(env: Mapping[str, str], name: str, default: str) -> Path:
    path = Path(_text(env, name, default)).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def _http_url(env: Mapping[str, str], name: str, default: str) -> str:
    value = _text(env, name, default).rstrip("/")
    if not value.startswith(("http://", "https://")) or " " in value:
        raise SettingsError(f"{name} must be an http:// or https:// URL, got {value!r}.")
    return value


def _origins(env: Mapping[str, str], name: str, default: str) -> tuple[str, ...]:
    """Comma-separated origins (scheme://host:port), or * for any."""
    values = [v.strip().rstrip("/") for v in _text(env, name, default).split(",") if v.strip()]
    bad = [v for v in values if v != "*" and not v.startswith(("http://", "https://"))]
    if bad:
        raise SettingsError(f"{name} must list origins like http://intranet:8080, got {bad[0]!r}.")
    return tuple(values)


def _action_server_token(env: Mapping[str, str]) -> str:
    """The secret Rasa shows the action server. Unset, it is derived from RASA_AUTH_TOKEN,
    so every machine has one without another line in `.env`, and neither reveals the other."""
    given = env.get("ACTION_SERVER_TOKEN", "").strip()
    if given:
        return _token({"ACTION_SERVER_TOKEN": given}, "ACTION_SERVER_TOKEN")
    key = _token(env, "RASA_AUTH_TOKEN").encode()
    return hmac.new(key, b"service-coach action server", hashlib.sha256).hexdigest()


def _count(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit():
        raise SettingsError(f"{name} must be a whole number (0 or more), got {raw!r}.")
    return int(raw)


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= 65535:
        raise SettingsError(f"{name} must be a port number from 1 to 65535, got {raw!r}.")
    return int(raw)


def _token(env: Mapping[str, str], name: str) -> str:
    value = env.get(name, "").strip()
    if not value:
        raise SettingsError(
            f"{name} is not set. Secrets are never left empty: put a long random value in "
            f".env (see .env.example), or run `make run`, which creates one."
        )
    if len(value) < 16 or any(c.isspace() for c in value):
        raise SettingsError(f"{name} must be at least 16 characters with no spaces.")
    return value


def _redis_url(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    if not value:
        return None
    try:
        url = make_url(value)
    except ArgumentError as error:
        raise SettingsError(f"{name} is not a URL like redis://127.0.0.1:6379/0.") from error
    if url.get_backend_name() != "redis" or not url.host:
        raise SettingsError(f"{name} must look like redis://host:port/db, got {value!r}.")
    return value


def _optional(env: Mapping[str, str], name: str) -> str | None:
    value = env.get(name, "").strip()
    if value and any(c.isspace() for c in value):
        raise SettingsError(f"{name} must not contain spaces.")
    return value or None


def _flag(env: Mapping[str, str], name: str, default: bool) -> bool:
    raw = env.get(name, "").strip().lower()
    if not raw:
        return default
    if raw not in ("true", "false", "1", "0", "yes", "no"):
        raise SettingsError(f"{name} must be true or false, got {raw!r}.")
    return raw in ("true", "1", "yes")


def _choice(env: Mapping[str, str], name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = env.get(name, "").strip().upper() or default
    if value not in allowed:
        raise SettingsError(f"{name} must be one of {', '.join(allowed)}, got {value!r}.")
    return value


def _db_url(env: Mapping[str, str], name: str) -> str:
    raw = env.get(name, "").strip() or DEFAULT_DB_URL
    try:
        url = make_url(raw)
    except ArgumentError as error:
        raise SettingsError(f"{name} is not a database URL: {raw!r} ({error}).") from error
    if url.get_backend_name() not in SUPPORTED_DIALECTS:
        raise SettingsError(
            f"{name} must use SQLite or PostgreSQL, got {url.get_backend_name()!r}."
        )
    return _absolute_sqlite(url).render_as_string(hide_password=False)


def _absolute_sqlite(url: URL) -> URL:
    """Anchor a relative SQLite path at the project root so every process opens one file."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return url
    path = Path(url.database)
    if not path.is_absolute():
        path = PROJECT_ROOT / path
    return url.set(database=str(path))
