"""Secrets never reach the servers' logs or error pages, whatever the traffic."""

from __future__ import annotations

import urllib.error
import urllib.request

from bot.runtime.stack import Stack
from tests.conftest import SLACK_SECRET
from tests.rasa_client import RasaClient


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def test_no_secret_in_any_log_or_error_page(rasa: RasaClient, stack: Stack) -> None:
    settings = stack.settings
    secrets = {
        "RASA_AUTH_TOKEN": settings.rasa_auth_token,
        "WEB_SECRET_KEY": settings.web_secret_key,
        "ACTION_SERVER_TOKEN": settings.action_server_token,
        "SLACK_SIGNING_SECRET": SLACK_SECRET,
    }
    rasa.send("log-watcher", '/start_roleplay{"scenario": "latte"}')  # actions get called
    rasa.tracker("log-watcher")  # the API with the real token in the query string
    pages = [
        get(f"{settings.rasa_url}/conversations/log-watcher/tracker?token=wrong")[1],
        get(f"{settings.rasa_url}/no/such/path?token={settings.rasa_auth_token}")[1],
        get(f"{settings.web_url}/trainer/no-such-page")[1],
    ]
    logs = {path.name: path.read_text(errors="replace") for path in settings.log_dir.glob("*")}
    assert logs, "the servers write logs"
    for name, value in secrets.items():
        assert not [log for log, text in logs.items() if value in text], f"{name} in a log"
        assert not [page for page in pages if value in page], f"{name} on an error page"
