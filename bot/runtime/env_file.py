"""First-run `.env`: copy `.env.example` and give it a fresh random API token."""

from __future__ import annotations

import secrets
from pathlib import Path


def ensure_env_file(env_path: Path, example_path: Path) -> bool:
    """Create `env_path` from the example when missing; True when it was created.

    Rasa's HTTP API must never run without a token, and a token shared through git is no
    secret, so each machine gets its own on its first `make run`.
    """
    if env_path.exists():
        return False
    lines = example_path.read_text(encoding="utf-8").splitlines()
    token = secrets.token_urlsafe(32)
    filled = [
        f"RASA_AUTH_TOKEN={token}" if ln.startswith("RASA_AUTH_TOKEN=") else ln for ln in lines
    ]
    env_path.write_text("\n".join(filled) + "\n", encoding="utf-8")
    env_path.chmod(0o600)
    return True
