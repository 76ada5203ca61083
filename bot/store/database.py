"""The one engine and session factory for the shared database."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool

from bot.store.rasa_events import rasa_metadata

SQLITE_BUSY_TIMEOUT_S = 30
POOL_SIZE = 5
POOL_OVERFLOW = 10
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def make_engine(db_url: str, future: bool = True) -> Engine:
    """A 2.0-style engine; SQLite waits for a busy writer instead of failing at once."""
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite":
        return create_engine(url, future=future, pool_pre_ping=True)
    engine = create_engine(url, future=future, **sqlite_pooling(url))
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def sqlite_pooling(url: URL) -> dict[str, Any]:
    """Keep SQLite connections open between sessions.

    SQLAlchemy 1.4 opens and closes a new SQLite connection for every session by default
    (NullPool), and each new connection runs our PRAGMAs: a sixth of the action server's
    time under load (docs/performance.md). A file database is safe to share across threads
    with `check_same_thread` off, as long as each connection is used by one at a time, which
    the pool guarantees.
    """
    args: dict[str, Any] = {
        "connect_args": {"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
    }
    if url.database and url.database != ":memory:":
        args.update(poolclass=QueuePool, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW)
    return args


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    """Each connection waits for a busy writer, and in WAL mode syncs at checkpoints rather
    than on every commit: safe against corruption, and a commit no longer waits for the
    disk. Profiling put those per-commit syncs at over half of the action server's time
    (docs/performance.md). Rasa's tracker store opens its connections here too
    (bot/rasa/tracker_store.py)."""
    if not isinstance(connection, sqlite3.Connection):
        return
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker:
    return sessionmaker(engine, future=True, expire_on_commit=False)


def prepare_database(db_url: str) -> None:
    """Create what the database needs before any server opens it, then apply migrations.

    SQLite runs in WAL mode: Rasa, the action server and the web app all write the same
    file, and WAL lets readers and one writer work at once. The mode is stored in the file,
    so setting it once here covers every process that opens it later.
    """
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, future=True)
        try:
            with engine.connect() as connection:
                connection.execute(text("PRAGMA journal_mode=WAL"))
        finally:
            engine.dispose()
    migrate(db_url)


def migrate(db_url: str) -> None:
    """Bring the coaching and dashboard tables to the newest schema (Alembic).

    Rasa's own `events` table is created too when Rasa has not run yet, exactly as Rasa would
    create it, so the dashboard can read it from the first start.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    engine = make_engine(db_url)
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
            rasa_metadata.create_all(connection, checkfirst=True)
    finally:
        engine.dispose()
