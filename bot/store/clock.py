"""Times are stored naive and in UTC, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)
