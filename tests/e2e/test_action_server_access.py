"""Only the Rasa server may run actions, and only token holders may use Rasa's HTTP API."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from bot.runtime.stack import Stack

CALL = {"next_action": "action_list_assignments", "sender_id": "intruder",
        "tracker": {"sender_id": "intruder", "slots": {}, "events": [], "latest_message": {}},
        "domain": {}, "version": "3.6.21"}  # fmt: skip


def post(url: str, headers: dict[str, str]) -> int:
    request = urllib.request.Request(
        url, data=json.dumps(CALL).encode(), method="POST",
        headers={"Content-Type": "application/json", **headers},
    )  # fmt: skip
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer not-the-token"}, {"Authorization": "Basic abc"}],
    ids=["none", "wrong", "other-scheme"],
)
def test_calls_without_the_shared_secret_are_refused(stack: Stack, headers) -> None:
    assert post(stack.settings.action_endpoint_url, headers) == 401


def test_the_rasa_servers_token_is_accepted_and_health_is_open(stack: Stack) -> None:
    token = {"Authorization": f"Bearer {stack.settings.action_server_token}"}
    assert post(stack.settings.action_endpoint_url, token) == 200
    health = stack.settings.action_endpoint_url.replace("/webhook", "/health")
    with urllib.request.urlopen(health, timeout=10) as answer:
        assert answer.status == 200


@pytest.mark.parametrize("query", ["", "?token=wrong-token-of-some-length"])
def test_rasas_http_api_refuses_without_its_token(stack: Stack, query: str) -> None:
    url = f"{stack.settings.rasa_url}/conversations/anyone/tracker{query}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=10)
    assert refused.value.code == 401
