"""`make run`'s launcher: starts every server, answers, stops them all on Ctrl-C, and refuses
clearly when a port is taken."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.runtime.ports import port_is_free
from bot.settings import PROJECT_ROOT
from tests.conftest import stack_environment
from tests.rasa_client import RasaClient


def launch(env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "bot.runtime"],
        cwd=PROJECT_ROOT,
        env={**os.environ, **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def read_until(process: subprocess.Popen[str], marker: str, timeout: float) -> str:
    assert process.stdout is not None
    seen: list[str] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            break
        seen.append(line)
        if marker in line:
            return "".join(seen)
    pytest.fail(f"launcher never printed {marker!r}; it printed:\n{''.join(seen)}")


def test_taken_port_is_refused_with_its_setting_named(tmp_path: Path) -> None:
    env = stack_environment(tmp_path / "coach.db")
    with socket.socket() as blocker:
        blocker.bind(("127.0.0.1", int(env["RASA_PORT"])))
        blocker.listen()
        result = subprocess.run(
            [sys.executable, "-m", "bot.runtime"],
            cwd=PROJECT_ROOT,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert f"RASA_PORT={env['RASA_PORT']} is already in use" in result.stderr
    assert port_is_free("127.0.0.1", int(env["ACTIONS_PORT"])), "nothing may be left running"


@pytest.mark.e2e  # `make run`'s launcher starts the whole stack
def test_launcher_prints_urls_answers_hi_and_stops_everything_on_ctrl_c(tmp_path: Path) -> None:
    env = stack_environment(tmp_path / "coach.db")
    process = launch(env)
    try:
        printed = read_until(process, "Press Ctrl-C to stop", timeout=300)
        rasa_url = f"http://127.0.0.1:{env['RASA_PORT']}"
        assert f"POST {rasa_url}/webhooks/rest/webhook" in printed
        assert f"http://127.0.0.1:{env['ACTIONS_PORT']}/health" in printed
        replies = RasaClient(rasa_url, env["RASA_AUTH_TOKEN"]).texts("cli-user", "hi")
        assert replies and "Service Coach" in replies[0]
    finally:
        process.send_signal(signal.SIGINT)
        rest, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    assert "All Service Coach servers stopped." in rest
    for name in ("RASA_PORT", "ACTIONS_PORT"):
        assert port_is_free("127.0.0.1", int(env[name])), f"{name} still in use after Ctrl-C"
