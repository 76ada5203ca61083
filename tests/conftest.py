"""Session-wide fixtures: one real Service Coach stack, on free loopback ports, for every
test that needs a server. Started once per session, stopped at the end."""

from __future__ import annotations

import os
import secrets
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from bot.engine import CoachEngine, Content, load_content
from bot.nlp import blank_pipeline
from bot.paths import UNDERSTANDING_FILE
from bot.roleplay.understanding import Understanding, load_understanding
from bot.runtime.ports import free_port
from bot.runtime.stack import MODEL_PATH, Stack
from bot.settings import Settings, load_settings
from bot.store.database import prepare_database
from tests.fake_slack import FakeSlack
from tests.rasa_client import RasaClient

SLACK_SECRET = "slack-signing-secret-for-tests"


TESTS = Path(__file__).resolve().parent
KINDS = ("unit", "model", "e2e", "browser", "scale", "soak")
FOLDER_KINDS = {"e2e", "browser", "scale", "soak"}  # a folder each, marked by where they live
SERVER_FIXTURES = {"stack", "stack_settings", "rasa", "fake_slack", "signed_in_stack"}
MODEL_FIXTURES = {"engine"}  # the engine scores with the coach that `make train` builds


def pytest_configure(config: pytest.Config) -> None:
    """Unit tests that import the actions load the engine from the environment: give them
    a throwaway database, never the developer's own."""
    os.environ["RASA_AUTH_TOKEN"] = secrets.token_urlsafe(24)
    os.environ["WEB_SECRET_KEY"] = secrets.token_urlsafe(24)
    os.environ["DB_URL"] = f"sqlite:///{tempfile.mkdtemp(prefix='coach-unit-')}/coach.db"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test gets one kind, so `make test-unit` (-m unit) runs exactly the tests that
    need no server and no trained model: a kind the test names itself, else its folder, else
    the fixtures it uses; whatever is left is a unit test."""
    for item in items:
        named = [kind for kind in KINDS if item.get_closest_marker(kind)]
        if named:
            continue
        folder = Path(item.path).relative_to(TESTS).parts[0]
        fixtures = set(getattr(item, "fixturenames", ()))
        if folder in FOLDER_KINDS:
            item.add_marker(folder)
        elif fixtures & SERVER_FIXTURES:
            item.add_marker("e2e")
        elif fixtures & MODEL_FIXTURES:
            item.add_marker("model")
        else:
            item.add_marker("unit")


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


@contextmanager
def running_stack(settings: Settings) -> Iterator[Stack]:
    """A whole stack on its own database, stopped however the tests using it end."""
    if not MODEL_PATH.exists():
        pytest.fail(f"No trained model at {MODEL_PATH}: run `make test`, which trains it.")
    prepare_database(settings.db_url)
    running = Stack(settings=settings)
    running.start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def stack(stack_settings: Settings) -> Iterator[Stack]:
    with running_stack(stack_settings) as running:
        yield running


OIDC_CLIENT = ("service-coach", "oidc-client-secret-for-tests")
REST_BEARER = "rest-bearer-token-for-tests"


@contextmanager
def oidc_provider(redirect_uri: str, client: tuple[str, str]) -> Iterator[str]:
    """A real OpenID provider (npm oidc-provider, tests/oidc_provider.mjs) on a free loopback
    port, trusting one client; yields its issuer URL."""
    port = free_port()
    script = TESTS / "oidc_provider.mjs"
    process = subprocess.Popen(
        ["node", str(script), str(port), redirect_uri, *client],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    issuer = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{issuer}/.well-known/openid-configuration").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"oidc-provider did not start: {process.stdout.read()}")
            time.sleep(0.2)
        yield issuer
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def signed_in_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """A stack where employees must sign in (EMPLOYEE_AUTH=oidc) with the real provider
    above; new employees are created on first sign-in, trainers are in `coach-trainers`."""
    folder = tmp_path_factory.mktemp("signed-in")
    environment = stack_environment(folder / "coach.db")
    callback = f"http://127.0.0.1:{environment['WEB_PORT']}/auth/oidc/callback"
    with oidc_provider(callback, OIDC_CLIENT) as issuer:
        environment |= {
            "EMPLOYEE_AUTH": "oidc", "OIDC_ISSUER": issuer, "OIDC_CLIENT_ID": OIDC_CLIENT[0],
            "OIDC_CLIENT_SECRET": OIDC_CLIENT[1], "OIDC_TEAM_CLAIM": "team",
            "OIDC_TRAINER_GROUP": "coach-trainers", "OIDC_AUTO_CREATE": "true",
            "REST_BEARER_TOKEN": REST_BEARER,
        }  # fmt: skip
        settings = load_settings(environment, dotenv_path=folder / "no.env")
        with running_stack(settings) as running:
            yield running


@pytest.fixture(scope="session")
def rasa(stack: Stack) -> RasaClient:
    return RasaClient(stack.settings.rasa_url, stack.settings.rasa_auth_token)


@pytest.fixture(scope="session")
def engine() -> CoachEngine:
    """The real engine (content, shipped coach) on the session's throwaway database."""
    prepare_database(os.environ["DB_URL"])
    return CoachEngine.load(os.environ["DB_URL"])


@pytest.fixture(scope="session")
def understanding() -> Understanding:
    """How the role-played customer reads replies (spaCy's blank pipeline, no trained model)."""
    return load_understanding(UNDERSTANDING_FILE, blank_pipeline())


@pytest.fixture(scope="session")
def content() -> Content:
    """The product's content as the engine loads it (YAML under data/), without the engine."""
    return load_content()
