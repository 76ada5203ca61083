"""The servers start without what they never use (JAX in Rasa, TensorFlow in the action
server), and still answer and coach."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.runtime.stack import Stack
from bot.settings import PROJECT_ROOT
from tests.rasa_client import RasaClient

PROBE = """
import sys
from bot.rasa.patches import no_tensorflow
no_tensorflow.install()
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


def loaded_libraries(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


def test_the_running_servers_left_out_what_they_never_use(stack: Stack, rasa: RasaClient) -> None:
    assert rasa.send("lean-start", "hi"), "the stack answers"
    rasa_libraries = loaded_libraries(stack.services["rasa"].process.pid)
    assert "tensorflow" in rasa_libraries and "jaxlib" not in rasa_libraries
    assert "tensorflow" not in loaded_libraries(stack.services["actions"].process.pid)
