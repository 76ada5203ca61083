"""A SQLite database made unavailable for writing, as a long migration or backup does, and
what it holds, read past the lock (WAL lets readers in)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def locked(database: Path) -> Iterator[None]:
    """Another connection holds the only write lock (BEGIN EXCLUSIVE) until the block ends."""
    holder = sqlite3.connect(database, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def stored_texts(database: Path, sender: str) -> list[str]:
    """The employee's messages in Rasa's events table, in the order stored."""
    with sqlite3.connect(database) as reader:
        rows = reader.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id",
            (sender,),
        ).fetchall()
    return [json.loads(data)["text"] for (data,) in rows]


def stored_turns(database: Path, employee: str) -> list[tuple[int, str]]:
    """The employee's scored turns in the coaching log: (turn, reply), in turn order."""
    with sqlite3.connect(database) as reader:
        return reader.execute(
            "SELECT t.turn, t.reply FROM coaching_turns t JOIN coaching_sessions s"
            " ON s.id = t.session_id WHERE s.employee = ? ORDER BY t.turn",
            (employee,),
        ).fetchall()
