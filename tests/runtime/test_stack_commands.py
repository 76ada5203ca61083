"""The servers' command lines survive any generated secret (one starting with "-" broke
Rasa's argument parsing before)."""

from __future__ import annotations

from pathlib import Path

from rasa.__main__ import create_argument_parser

from bot.runtime.stack import MODEL_PATH, rasa_service
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
