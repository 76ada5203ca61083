"""`make run`'s secrets: any required secret set neither in the environment nor in `.env`
gets a fresh random value written to `.env` (created from `.env.example` when missing)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from pathlib import Path

from dotenv import dotenv_values

SECRETS = ("RASA_AUTH_TOKEN", "WEB_SECRET_KEY")


def missing_secrets(env_path: Path, environ: Mapping[str, str]) -> list[str]:
    """The required secrets that neither the environment nor `env_path` gives a value."""
    from_file = dotenv_values(env_path) if env_path.exists() else {}
    return [
        name
        for name in SECRETS
        if not environ.get(name, "").strip() and not (from_file.get(name) or "").strip()
    ]


def ensure_secrets(env_path: Path, example_path: Path, environ: Mapping[str, str]) -> list[str]:
    """Write a fresh secret into `env_path` for each missing one; the names written.

    Rasa's HTTP API and the trainer sessions must never run without a secret, and a secret
    shared through git is no secret, so each machine makes its own. A secret the environment
    sets is left to it (the environment wins), and no value already in `.env` is changed.
    """
    missing = missing_secrets(env_path, environ)
    if not missing:
        return []
    created = not env_path.exists()
    source = example_path if created else env_path
    lines = source.read_text(encoding="utf-8").splitlines()
    for name in missing:
        lines = _filled(lines, name, secrets.token_urlsafe(32))
    env_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    if created:
        env_path.chmod(0o600)
    return missing


def _filled(lines: list[str], name: str, value: str) -> list[str]:
    """`lines` with the empty `NAME=` line given `value`, or the line added at the end."""
    empty = re.compile(rf"^\s*{name}\s*=\s*$")
    for index, line in enumerate(lines):
        if empty.match(line):
            return [*lines[:index], f"{name}={value}", *lines[index + 1 :]]
    return [*lines, f"{name}={value}"]
