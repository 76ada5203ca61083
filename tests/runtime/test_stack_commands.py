"""The servers' command lines survive any generated secret (one starting with "-" broke
Rasa's argument parsing before)."""

from __future__ import annotations

from pathlib import Path

from rasa.__main__ import create_argument_parser

from bot.runtime.stack import MODEL_PATH, child_environment, rasa_service
from bot.settings import load_settings

DASHED = "-Zk3_token-that-starts-with-a-dash"


def test_rasa_parses_a_token_that_starts_with_a_dash(tmp_path: Path) -> None:
    settings = load_settings(
        {"RASA_AUTH_TOKEN": DASHED, "WEB_SECRET_KEY": "w" * 20, "RASA_PORT": "6123"},
        dotenv_path=tmp_path / "none.env",
    )
    command = rasa_service(settings, MODEL_PATH).command
    args = create_argument_parser().parse_args(list(command[3:]))
    assert args.auth_token == DASHED
    assert args.port == 6123 and args.enable_api is True
    assert args.cors == list(settings.cors_origins)


def test_children_get_every_setting_they_need(tmp_path: Path, monkeypatch) -> None:
    for name in ("RASA_AUTH_TOKEN", "WEB_SECRET_KEY", "DB_URL"):
        monkeypatch.delenv(name, raising=False)
    chosen = {
        "RASA_AUTH_TOKEN": DASHED, "WEB_SECRET_KEY": "w" * 20, "RASA_PORT": "6123",
        "COOKIE_SECURE": "false", "REDIS_URL": "redis://127.0.0.1:6390/2",
        "SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s" * 20,
    }  # fmt: skip
    settings = load_settings(chosen, dotenv_path=tmp_path / "none.env")
    environment = child_environment(settings)
    assert load_settings(environment, dotenv_path=tmp_path / "none.env") == settings
    assert environment["REDIS_PORT"] == "6390" and environment["TICKET_LOCK_LIFETIME"]
