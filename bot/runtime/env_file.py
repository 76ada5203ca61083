"""First-run `.env`: copy `.env.example` and give it a fresh random API token."""

from __future__ import annotations

import secrets
from pathlib import Path

SECRETS = ("RASA_AUTH_TOKEN=", "WEB_SECRET_KEY=")


def _with_secret(line: str) -> str:
    for prefix in SECRETS:
        if line == prefix:
            return prefix + secrets.token_urlsafe(32)
    return line


def ensure_env_file(env_path: Path, example_path: Path) -> bool:
    """Create `env_path` from the example when missing; True when it was created.

    Rasa's HTTP API and the trainer sessions must never run without a secret, and a secret
    shared through git is no secret, so each machine gets its own on its first `make run`.
    """
    if env_path.exists():
        return False
    lines = example_path.read_text(encoding="utf-8").splitlines()
    filled = [_with_secret(line) for line in lines]
    env_path.write_text("\n".join(filled) + "\n", encoding="utf-8")
    env_path.chmod(0o600)
    return True
