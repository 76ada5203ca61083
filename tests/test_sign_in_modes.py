"""Who is practising, without a server: the sign-in settings refuse an unsafe or incomplete
set-up by name, widget tokens are accepted only as minted, and a Slack user joins the
employee with their email."""

from __future__ import annotations

import time
from pathlib import Path

import jwt
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from bot import widget_token
from bot.identity import employee_of
from bot.messages.slack_commands import parse
from bot.settings import SettingsError, load_settings
from bot.store import people
from bot.store.database import MIGRATIONS, make_engine, prepare_database, session_factory
from bot.store.models import Base

TOKEN = "a-long-enough-test-token-123"
SECRET = "w" * 40
NEW_TABLES = ("employees", "teams", "trainer_teams", "sign_in_links", "slack_links")


def load(tmp_path: Path, **env: str):
    return load_settings(
        {"RASA_AUTH_TOKEN": TOKEN, "WEB_SECRET_KEY": TOKEN, **env}, dotenv_path=tmp_path / "x"
    )


def test_open_mode_is_the_default_and_stays_on_this_machine(tmp_path: Path) -> None:
    assert load(tmp_path).employee_auth == "open"
    with pytest.raises(SettingsError, match=r"EMPLOYEE_AUTH=open lets anyone .* HOST=0\.0\.0\.0"):
        load(tmp_path, HOST="0.0.0.0")
    assert load(tmp_path, HOST="0.0.0.0", ALLOW_OPEN_ON_NETWORK="true").host == "0.0.0.0"
    assert load(tmp_path, HOST="0.0.0.0", EMPLOYEE_AUTH="links").signed_in_only


def test_incomplete_or_unknown_sign_in_settings_are_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="EMPLOYEE_AUTH must be one of open, links, oidc"):
        load(tmp_path, EMPLOYEE_AUTH="sso")
    with pytest.raises(SettingsError, match="needs OIDC_ISSUER, OIDC_CLIENT_SECRET"):
        load(tmp_path, EMPLOYEE_AUTH="oidc", OIDC_CLIENT_ID="coach")
    with pytest.raises(SettingsError, match="WIDGET_TOKEN_SECRET must be at least 32"):
        load(tmp_path, WIDGET_TOKEN_SECRET="only-twenty-chars-xx")
    oidc = load(tmp_path, EMPLOYEE_AUTH="oidc", OIDC_ISSUER="https://id.example.com/",
                OIDC_CLIENT_ID="coach", OIDC_CLIENT_SECRET="s3cret").oidc  # fmt: skip
    assert oidc.discovery_url == "https://id.example.com/.well-known/openid-configuration"
    assert (oidc.employee_claim, oidc.auto_create) == ("email", False)


def test_a_widget_token_names_its_employee_only_as_minted() -> None:
    now = time.time()
    assert widget_token.subject(widget_token.mint(SECRET, "ana"), SECRET) == "ana"
    forged = {
        "expired": widget_token.mint(SECRET, "ana", now=now - widget_token.LIFETIME_S - 1),
        "other key": widget_token.mint("k" * 40, "ana"),
        "a week long": widget_token.mint(SECRET, "ana", lifetime_s=7 * 24 * 3600),
        "unsigned": jwt.encode(
            {"sub": "ana", "aud": widget_token.AUDIENCE, "exp": now + 60}, None, algorithm="none"
        ),
        "other audience": jwt.encode({"sub": "ana", "aud": "x", "exp": now + 60}, SECRET),
        "no expiry": jwt.encode({"sub": "ana", "aud": widget_token.AUDIENCE}, SECRET),
        "a Slack command id": widget_token.mint(SECRET, "ana:coach"),
        "garbage": "not.a.token",
    }
    assert {name: widget_token.subject(t, SECRET) for name, t in forged.items()} == dict.fromkeys(
        forged
    )


def test_an_intranet_mints_a_token_the_way_the_readme_shows() -> None:
    token = jwt.encode(
        {"sub": "ana@example.com", "aud": "service-coach-widget", "exp": int(time.time()) + 600},
        SECRET,
        algorithm="HS256",
    )
    assert widget_token.subject(token, SECRET) == "ana@example.com"


def test_only_the_slack_channels_link_names_a_slack_users_employee() -> None:
    assert employee_of("U1", "slack", {"employee": "ana"}) == "ana"
    assert employee_of("U1:coach", "slack", {"employee": "ana"}) == "ana"
    assert employee_of("U1:coach", "slack", {}) == "U1"  # unlinked: as before
    assert employee_of("mallory", "rest", {"employee": "ana"}) == "mallory"
    assert employee_of("mallory", "socketio", {"employee": "ana"}) == "mallory"


def test_a_slack_user_is_linked_by_email_to_exactly_one_employee(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'p.db'}"
    prepare_database(url)
    sessions = session_factory(make_engine(url))
    with sessions.begin() as db:
        people.add_employee(db, people.checked("ana", "Ana", "Ana@Example.com", "north"), "t")
        people.add_employee(db, people.checked("al", "Al", "shared@example.com"), "t")
        people.add_employee(db, people.checked("bo", "Bo", "shared@example.com"), "t")
        assert people.link_slack_by_email(db, "U1", "ana@example.COM ") == "ana"
        assert people.link_slack_by_email(db, "U2", "shared@example.com") is None  # two
        assert people.link_slack_by_email(db, "U3", "nobody@example.com") is None
    with sessions() as db:
        assert people.slack_employee(db, "U1") == "ana"
        assert people.slack_employee(db, "U2") is None


def test_a_slack_link_code_links_once_and_replaces_an_earlier_link(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    prepare_database(url)
    sessions = session_factory(make_engine(url))
    with sessions.begin() as db:
        for name in ("ana", "bo"):
            people.add_employee(db, people.checked(name, name, f"{name}@example.com"), "t")
        people.link_slack_by_email(db, "U1", "bo@example.com")
        code = people.issue_slack_code(db, "ana")
    assert parse(f"link {code}").kind == "link" and parse(f"link {code}").topic == code
    with sessions.begin() as db:
        assert people.link_slack_by_code(db, "U1", f" {code.upper()} ") == "ana"
        assert people.link_slack_by_code(db, "U2", code) is None  # used
        assert people.link_slack_by_code(db, "U2", "0123456789") is None  # never issued
    with sessions() as db:
        assert people.slack_employee(db, "U1") == "ana"  # the code's word is the newest


def test_the_migration_matches_the_models_and_downgrades(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    prepare_database(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in differences if "table=<events>" not in repr(d)] == []  # Rasa's own
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
        assert not set(NEW_TABLES) & set(inspect(connection).get_table_names())
        columns = {c["name"] for c in inspect(connection).get_columns("coaching_sessions")}
        assert "sender_id" not in columns
        command.upgrade(config, "head")
        assert set(NEW_TABLES) <= set(inspect(connection).get_table_names())
