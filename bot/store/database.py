"""Preparing the shared database before the servers open it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url


def prepare_database(db_url: str) -> None:
    """Make sure a SQLite file can be created and runs in WAL mode.

    Rasa, the action server and the web app all write the same file; WAL lets readers and
    one writer work at once, and the mode is stored in the file, so setting it once here
    covers every process that opens it later.
    """
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("PRAGMA journal_mode=WAL"))
    finally:
        engine.dispose()
