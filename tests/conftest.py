"""Session-wide fixtures: one real Service Coach stack, on free loopback ports, for every
test that needs a server. Started once per session, stopped at the end."""

from __future__ import annotations

import os
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.engine import CoachEngine
from bot.runtime.ports import free_port
from bot.runtime.stack import MODEL_PATH, Stack
from bot.settings import Settings, load_settings
from bot.store.database import prepare_database
from tests.fake_slack import FakeSlack
from tests.rasa_client import RasaClient

SLACK_SECRET = "slack-signing-secret-for-tests"


def pytest_configure(config: pytest.Config) -> None:
    """Unit tests that import the actions load the engine from the environment: give them
    a throwaway database, never the developer's own."""
    os.environ["RASA_AUTH_TOKEN"] = secrets.token_urlsafe(24)
    os.environ["WEB_SECRET_KEY"] = secrets.token_urlsafe(24)
    os.environ["DB_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='coach-unit-')}/coach.db"


def distinct_free_ports(count: int) -> list[int]:
    ports: set[int] = set()
    while len(ports) < count:
        ports.add(free_port())
    return sorted(ports)


def stack_environment(db_path: Path, slack_api_url: str = "") -> dict[str, str]:
    """Settings for a throwaway stack: free ports, a fresh token, its own database."""
    rasa_port, actions_port, web_port = distinct_free_ports(3)
    return {
        "HOST": "127.0.0.1",
        "RASA_PORT": str(rasa_port),
        "ACTIONS_PORT": str(actions_port),
        "WEB_PORT": str(web_port),
        "RASA_AUTH_TOKEN": secrets.token_urlsafe(24),
        "WEB_SECRET_KEY": secrets.token_urlsafe(24),
        "DB_URL": f"sqlite:///{db_path}",
        "LOG_DIR": str(db_path.parent / "logs"),
        "SLACK_BOT_TOKEN": "xoxb-test-token" if slack_api_url else "",
        "SLACK_SIGNING_SECRET": SLACK_SECRET if slack_api_url else "",
        "SLACK_API_URL": slack_api_url or "https://slack.com/api",
    }


@pytest.fixture(scope="session")
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def stack_settings(tmp_path_factory: pytest.TempPathFactory, fake_slack: FakeSlack) -> Settings:
    folder = tmp_path_factory.mktemp("stack")
    environment = stack_environment(folder / "coach.db", fake_slack.url)
    return load_settings(environment, dotenv_path=folder / "no.env")


@pytest.fixture(scope="session")
def stack(stack_settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if not MODEL_PATH.exists():
        pytest.fail(f"No trained model at {MODEL_PATH}: run `make test`, which trains it.")
    prepare_database(stack_settings.db_url)
    running = Stack(settings=stack_settings)
    running.start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def rasa(stack: Stack) -> RasaClient:
    return RasaClient(stack.settings.rasa_url, stack.settings.rasa_auth_token)


@pytest.fixture(scope="session")
def engine() -> CoachEngine:
    """The real engine (content, shipped coach) on the session's throwaway database."""
    prepare_database(os.environ["DB_URL"])
    return CoachEngine.load(os.environ["DB_URL"])


@pytest.fixture(scope="session")
def content(engine: CoachEngine):
    return engine.content
