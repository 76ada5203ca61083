"""One child server process: start it, wait until it answers, stop it cleanly."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO


class ServiceFailed(RuntimeError):
    """A server exited or never became ready; the message says which and where its log is."""


@dataclass
class ServiceProcess:
    """A server started in its own process group, so stopping it also stops its workers."""

    name: str
    command: Sequence[str]
    ready_url: str
    env: Mapping[str, str]
    cwd: Path
    log_path: Path | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)
    _log: IO[bytes] | None = field(default=None, init=False)

    def start(self) -> None:
        output: IO[bytes] | None = None
        if self.log_path is not None:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log = output = self.log_path.open("ab")
        self.process = subprocess.Popen(
            list(self.command),
            cwd=self.cwd,
            env=dict(self.env),
            stdout=output,
            stderr=subprocess.STDOUT if output else None,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float) -> float:
        """Poll the ready URL; return the seconds it took, or raise with the log's tail."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.process is None or self.process.poll() is not None:
                raise ServiceFailed(f"{self.name} exited during start-up.{self._log_hint()}")
            if self._answers():
                return time.monotonic() - started
            time.sleep(0.5)
        raise ServiceFailed(f"{self.name} did not answer within {timeout:.0f} s.{self._log_hint()}")

    def is_running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, grace: float = 20.0) -> None:
        """SIGTERM the whole group, then SIGKILL whatever is left after `grace` seconds."""
        if self.process is not None and self.process.poll() is None:
            self._signal_group(signal.SIGTERM)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self._signal_group(signal.SIGKILL)
                self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 40) -> str:
        if self.log_path is None or not self.log_path.exists():
            return ""
        content = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(content[-lines:])

    def _answers(self) -> bool:
        try:
            with urllib.request.urlopen(self.ready_url, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            return False

    def _signal_group(self, sig: signal.Signals) -> None:
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, sig)

    def _log_hint(self) -> str:
        tail = self.log_tail()
        return f"\nLast lines of {self.log_path}:\n{tail}" if tail else ""
