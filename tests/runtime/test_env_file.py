"""First run: `.env` is created with a fresh secret, and an existing one is never touched."""

from __future__ import annotations

import re
from pathlib import Path

from bot.runtime.env_file import ensure_env_file
from bot.settings import PROJECT_ROOT, load_settings

EXAMPLE = PROJECT_ROOT / ".env.example"


def test_first_run_creates_a_private_env_with_a_usable_token(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    assert ensure_env_file(env, EXAMPLE) is True
    settings = load_settings({}, dotenv_path=env)
    assert len(settings.rasa_auth_token) >= 32 and len(settings.web_secret_key) >= 32
    assert settings.rasa_auth_token != settings.web_secret_key
    assert env.stat().st_mode & 0o077 == 0


def test_each_machine_gets_its_own_token(tmp_path: Path) -> None:
    first, second = tmp_path / "a.env", tmp_path / "b.env"
    ensure_env_file(first, EXAMPLE)
    ensure_env_file(second, EXAMPLE)
    tokens = {load_settings({}, dotenv_path=p).rasa_auth_token for p in (first, second)}
    assert len(tokens) == 2


def test_existing_env_is_left_alone(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("RASA_AUTH_TOKEN=mine-and-long-enough-0000\n")
    assert ensure_env_file(env, EXAMPLE) is False
    assert env.read_text() == "RASA_AUTH_TOKEN=mine-and-long-enough-0000\n"


def test_example_documents_every_setting_the_code_reads() -> None:
    source = (PROJECT_ROOT / "bot" / "settings.py").read_text()
    read_by_code = set(re.findall(r'_\w+\(env, "([A-Z_]+)"', source))
    documented = {line.split("=", 1)[0] for line in EXAMPLE.read_text().splitlines() if "=" in line}
    assert len(read_by_code) >= 7
    assert read_by_code <= documented, read_by_code - documented
