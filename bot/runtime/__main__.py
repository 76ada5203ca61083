"""`make run`: start every Service Coach server, print where they listen, stop on Ctrl-C."""

from __future__ import annotations

import os
import signal
import sys
import time
from types import FrameType

from bot.runtime.env_file import ensure_secrets
from bot.runtime.ports import taken_ports
from bot.runtime.processes import ServiceFailed
from bot.runtime.stack import MODEL_PATH, Stack
from bot.settings import PROJECT_ROOT, SettingsError, load_settings
from bot.store.database import prepare_database


def main() -> int:
    env_path = PROJECT_ROOT / ".env"
    if written := ensure_secrets(env_path, PROJECT_ROOT / ".env.example", os.environ):
        print(f"Wrote a new random {' and '.join(written)} to {env_path}.")
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 2
    ports = {
        "RASA_PORT": settings.rasa_port,
        "ACTIONS_PORT": settings.actions_port,
        "WEB_PORT": settings.web_port,
    }
    if problems := taken_ports(settings.host, ports):
        print("Cannot start:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 2
    if not MODEL_PATH.exists():
        print(f"Cannot start: no trained model at {MODEL_PATH}; run `make train`.", file=sys.stderr)
        return 2
    prepare_database(settings.db_url)
    return serve(Stack(settings=settings))


def serve(stack: Stack) -> int:
    """Run until Ctrl-C, SIGTERM, or a server dies; always stop the rest."""
    signal.signal(signal.SIGTERM, _raise_interrupt)
    print("Starting Service Coach (the Rasa server needs up to a minute to load its model)...")
    try:
        seconds = stack.start()
        print(f"Ready in {max(seconds.values()):.0f} s.")
        print("\n".join(stack.urls()))
        print(f"Logs: {stack.settings.log_dir}/. Press Ctrl-C to stop.", flush=True)
        while all(service.is_running() for service in stack.services.values()):
            time.sleep(1)
        dead = [s for s in stack.services.values() if not s.is_running()]
        for service in dead:
            print(f"{service.name} stopped unexpectedly:\n{service.log_tail()}", file=sys.stderr)
        return 1
    except ServiceFailed as error:
        print(f"Cannot start: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping...")
        return 0
    finally:
        stack.stop()
        print("All Service Coach servers stopped.")


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
