"""`python -m bot.store`: bring the database named by DB_URL to the newest schema.

`make run` does this at every start; with several servers, run it once before starting
them (docs/deployment.md)."""

from __future__ import annotations

import sys

from bot.settings import SettingsError, load_settings
from bot.store.database import prepare_database


def main() -> int:
    try:
        settings = load_settings()
    except SettingsError as error:
        print(f"Cannot migrate: {error}", file=sys.stderr)
        return 2
    prepare_database(settings.db_url)
    print("The database is at the newest schema.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
