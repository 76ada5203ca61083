"""Settings: sensible defaults, and a clear error naming any missing or malformed setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import PROJECT_ROOT, SettingsError, load_settings

TOKEN = "a-long-enough-test-token-123"


def load(tmp_path: Path, **env: str):
    secrets = {"RASA_AUTH_TOKEN": TOKEN, "WEB_SECRET_KEY": TOKEN}
    return load_settings({**secrets, **env}, dotenv_path=tmp_path / "none.env")


def test_defaults_need_only_a_token(tmp_path: Path) -> None:
    settings = load(tmp_path)
    assert (settings.host, settings.rasa_port, settings.actions_port, settings.web_port) == (
        "127.0.0.1",
        5005,
        5055,
        8000,
    )
    assert settings.db_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'service_coach.db'}"
    assert settings.action_endpoint_url == "http://127.0.0.1:5055/webhook"


def test_missing_token_is_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="RASA_AUTH_TOKEN is not set"):
        load_settings({"WEB_SECRET_KEY": TOKEN}, dotenv_path=tmp_path / "none.env")
    with pytest.raises(SettingsError, match="WEB_SECRET_KEY is not set"):
        load_settings({"RASA_AUTH_TOKEN": TOKEN}, dotenv_path=tmp_path / "none.env")


def test_short_token_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="RASA_AUTH_TOKEN must be at least 16"):
        load_settings(
            {"RASA_AUTH_TOKEN": "secret", "WEB_SECRET_KEY": TOKEN},
            dotenv_path=tmp_path / "none.env",
        )


@pytest.mark.parametrize("name", ["RASA_PORT", "ACTIONS_PORT", "WEB_PORT"])
@pytest.mark.parametrize("value", ["abc", "0", "70000", "-5", "5005x"])
def test_malformed_port_is_named(tmp_path: Path, name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=f"{name} must be a port number.*{value}"):
        load(tmp_path, **{name: value})


@pytest.mark.parametrize(
    ("value", "complaint"),
    [
        ("not a url", "is not a database URL"),
        ("mysql://u:p@db/coach", "must use SQLite or PostgreSQL"),
    ],
)
def test_malformed_db_url_is_named(tmp_path: Path, value: str, complaint: str) -> None:
    with pytest.raises(SettingsError, match=f"DB_URL {complaint}"):
        load(tmp_path, DB_URL=value)


def test_postgresql_url_is_kept_whole(tmp_path: Path) -> None:
    url = "postgresql://coach:s3cret@db.internal:5432/service_coach"
    assert load(tmp_path, DB_URL=url).db_url == url


def test_relative_sqlite_path_is_anchored_at_the_project(tmp_path: Path) -> None:
    settings = load(tmp_path, DB_URL="sqlite:///var/other.db")
    assert settings.db_url == f"sqlite:///{PROJECT_ROOT / 'var' / 'other.db'}"


def test_bad_log_level_is_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="LOG_LEVEL must be one of"):
        load(tmp_path, LOG_LEVEL="chatty")


def test_dotenv_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        f"RASA_AUTH_TOKEN={TOKEN}\nWEB_SECRET_KEY={TOKEN}\nRASA_PORT=6000\nACTIONS_PORT=6001\n"
    )
    settings = load_settings({"ACTIONS_PORT": "7001"}, dotenv_path=dotenv)
    assert settings.rasa_auth_token == TOKEN
    assert settings.rasa_port == 6000
    assert settings.actions_port == 7001


def test_malformed_value_in_dotenv_is_named(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(f"RASA_AUTH_TOKEN={TOKEN}\nWEB_SECRET_KEY={TOKEN}\nWEB_PORT=eighty\n")
    with pytest.raises(SettingsError, match="WEB_PORT"):
        load_settings({}, dotenv_path=dotenv)


def test_browser_settings_default_to_this_machine(tmp_path: Path) -> None:
    settings = load(tmp_path, RASA_PORT="6005", WEB_PORT="9000")
    assert settings.rasa_public_url == "http://127.0.0.1:6005"
    assert settings.cors_origins == ("http://127.0.0.1:9000",)


def test_cors_origins_are_a_list_and_a_bad_one_is_named(tmp_path: Path) -> None:
    settings = load(tmp_path, CORS_ORIGINS="https://intranet.example.com, http://kiosk:8080/")
    assert settings.cors_origins == ("https://intranet.example.com", "http://kiosk:8080")
    with pytest.raises(SettingsError, match="CORS_ORIGINS must list origins"):
        load(tmp_path, CORS_ORIGINS="intranet.example.com")


def test_a_public_rasa_url_must_be_http(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="RASA_PUBLIC_URL must be an http"):
        load(tmp_path, RASA_PUBLIC_URL="rasa.example.com")


def test_the_action_server_secret_is_derived_when_unset_and_never_equals_the_api_token() -> None:
    base = {"RASA_AUTH_TOKEN": "a" * 32, "WEB_SECRET_KEY": "b" * 32}
    derived = load_settings(base, dotenv_path=Path("/nonexistent")).action_server_token
    assert derived == load_settings(base, dotenv_path=Path("/nonexistent")).action_server_token
    assert len(derived) >= 32 and "a" * 16 not in derived
    given = {**base, "ACTION_SERVER_TOKEN": "c" * 20}
    assert load_settings(given, dotenv_path=Path("/nonexistent")).action_server_token == "c" * 20
    with pytest.raises(SettingsError, match="ACTION_SERVER_TOKEN"):
        load_settings({**base, "ACTION_SERVER_TOKEN": "short"}, dotenv_path=Path("/nonexistent"))
