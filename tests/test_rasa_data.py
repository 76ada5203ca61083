"""Rasa's own checks over our training data: validation and the end-to-end test stories."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.runtime.stack import MODEL_PATH
from bot.settings import PROJECT_ROOT

TRAINING_DATA = ["data/nlu", "data/rules", "data/stories"]
QUIET = {
    **os.environ,
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "TQDM_DISABLE": "1",
}


def rasa(*args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "rasa", *args],
        cwd=PROJECT_ROOT,
        env=QUIET,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_data_validates_without_warnings() -> None:
    result = rasa(
        "data", "validate", "--fail-on-warnings",
        "--data", *TRAINING_DATA, "--domain", "domain.yml", "--config", "config.yml",
    )  # fmt: skip
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    assert "UserWarning" not in output, output[-3000:]
    assert "No story structure conflicts found" in output


@pytest.mark.model  # the stories run against the trained Rasa model
def test_every_test_story_passes(tmp_path: Path) -> None:
    result = rasa(
        "test", "core",
        "--model", str(MODEL_PATH),
        "--stories", "tests/stories",
        "--out", str(tmp_path),
        "--fail-on-prediction-errors",
    )  # fmt: skip
    failed = (tmp_path / "failed_test_stories.yml").read_text()
    assert result.returncode == 0, failed + result.stderr[-3000:]
    assert "None of the test stories failed" in failed
