"""`make run`'s secrets: any missing one is created in `.env`, whatever else the environment
sets, and no value already given is ever changed."""

from __future__ import annotations

import re
from pathlib import Path

from bot.runtime.env_file import ensure_secrets
from bot.settings import PROJECT_ROOT, load_settings

EXAMPLE = PROJECT_ROOT / ".env.example"
GIVEN = "token-from-the-environment-000"


def test_first_run_creates_a_private_env_with_usable_secrets(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    assert ensure_secrets(env, EXAMPLE, {}) == ["RASA_AUTH_TOKEN", "WEB_SECRET_KEY"]
    settings = load_settings({}, dotenv_path=env)
    assert len(settings.rasa_auth_token) >= 32 and len(settings.web_secret_key) >= 32
    assert settings.rasa_auth_token != settings.web_secret_key
    assert env.stat().st_mode & 0o077 == 0
    assert "# One database for Rasa's tracker store" in env.read_text(), "the example's notes"


def test_each_machine_gets_its_own_token(tmp_path: Path) -> None:
    first, second = tmp_path / "a.env", tmp_path / "b.env"
    ensure_secrets(first, EXAMPLE, {})
    ensure_secrets(second, EXAMPLE, {})
    tokens = {load_settings({}, dotenv_path=p).rasa_auth_token for p in (first, second)}
    assert len(tokens) == 2


def test_a_token_from_the_environment_still_gets_the_web_secret_created(tmp_path: Path) -> None:
    """The case that stopped `make run` with "WEB_SECRET_KEY is not set"."""
    env = tmp_path / ".env"
    environ = {"RASA_AUTH_TOKEN": GIVEN}
    assert ensure_secrets(env, EXAMPLE, environ) == ["WEB_SECRET_KEY"]
    settings = load_settings(environ, dotenv_path=env)
    assert settings.rasa_auth_token == GIVEN, "the environment's token is the one used"
    assert len(settings.web_secret_key) >= 32
    assert re.search(r"^RASA_AUTH_TOKEN=$", env.read_text(), re.M), "not written to .env"


def test_an_existing_env_keeps_its_values_and_gains_the_missing_secret(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("RASA_AUTH_TOKEN=mine-and-long-enough-0000\nWEB_SECRET_KEY=\nWEB_PORT=9000\n")
    assert ensure_secrets(env, EXAMPLE, {}) == ["WEB_SECRET_KEY"]
    settings = load_settings({}, dotenv_path=env)
    assert settings.rasa_auth_token == "mine-and-long-enough-0000"
    assert settings.web_port == 9000 and len(settings.web_secret_key) >= 32
    assert len(env.read_text().splitlines()) == 3, "filled in place, nothing else added"


def test_nothing_is_written_when_every_secret_is_set(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    everything = {"RASA_AUTH_TOKEN": GIVEN, "WEB_SECRET_KEY": GIVEN}
    assert ensure_secrets(env, EXAMPLE, everything) == []
    assert not env.exists()
    env.write_text("RASA_AUTH_TOKEN=mine-and-long-enough-0000\n")
    assert ensure_secrets(env, EXAMPLE, {"WEB_SECRET_KEY": GIVEN}) == []
    assert env.read_text() == "RASA_AUTH_TOKEN=mine-and-long-enough-0000\n"


def test_example_documents_every_setting_the_code_reads() -> None:
    source = (PROJECT_ROOT / "bot" / "settings.py").read_text()
    read_by_code = set(re.findall(r'_\w+\(env, "([A-Z_]+)"', source))
    documented = {line.split("=", 1)[0] for line in EXAMPLE.read_text().splitlines() if "=" in line}
    assert len(read_by_code) >= 7
    assert read_by_code <= documented, read_by_code - documented
