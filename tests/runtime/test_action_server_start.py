"""The action server starts without TensorFlow, which nothing of ours uses, and still coaches."""

from __future__ import annotations

import subprocess
import sys

from bot.settings import PROJECT_ROOT

PROBE = """
import sys
from bot.runtime.action_server import keep_tensorflow_out
keep_tensorflow_out()
import actions.roleplay, actions.knowledge, actions.progress, actions.assignments
from actions.coach_engine import get_engine
detected = get_engine().detector.detect("I'm so sorry, I'll remake it for you right now.")
loaded = sys.modules.get("tensorflow") is not None
print(sorted(detected.skills), loaded)
"""


def test_actions_load_and_score_without_importing_tensorflow() -> None:
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=PROJECT_ROOT, capture_output=True,
                            text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    skills, tensorflow_loaded = result.stdout.strip().rsplit("] ", 1)
    assert "apology" in skills and "solution" in skills
    assert tensorflow_loaded == "False"
