"""Rasa's SQL tracker store, keeping each conversation's current session in memory.

Rasa's own SQL store reloads every event of the session from the database on each message
(an ORM query and a JSON document per event) and counts the stored events again before each
save. Profiling the Rasa server under role-play load put a quarter of its CPU there
(docs/performance.md). This store keeps the session's stored events as one JSON array per
conversation and checks a single number, the newest event id of the conversation, to know
whether the copy is still current. Another Rasa server (or the HTTP API) that writes to the
conversation moves that number, and the next message reloads from the database, so servers
behind a load balancer stay correct. The database remains the only record.

With one Rasa server (endpoints.yml: in-memory lock store, `sole_writer: true`) nothing else
writes its conversations, so even that look-up is skipped; behind a load balancer
(endpoints-redis.yml) every message checks it.

When the database is unreachable or locked, the new events wait in memory and are written
once each and in order when it is back (bot/store/outbox.py, retried every second); the
copy here already holds them, so the conversation goes on from it. A sole writer needs
nothing else; behind a load balancer a server serves a conversation without the database
only while it holds that conversation's unwritten events (anything else could be stale), so
other messages get an error the channel turns into "please send that again". Rasa's own
fallback, which answered from an empty in-memory conversation as if the role-play had never
begun, is switched off (`_fail_loudly`). Known gap: in the second after the database
returns, another server could read the conversation before this one's waiting events are
written.

endpoints.yml: `tracker_store: {type: bot.rasa.tracker_store.CachedSQLTrackerStore,
url: ..., sole_writer: true}`, taking the same settings as Rasa's `SQL` type.
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import FailSafeTrackerStore, SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from bot.store.database import make_engine
from bot.store.outbox import WriteQueue, is_outage

CONVERSATIONS_KEPT = 2000
WRITE_RETRY_S = 1.0


class ConversationUnavailable(RuntimeError):
    """The conversation has events waiting for the database, and no copy here to go on from."""


@dataclass
class StoredSession:
    """What the database holds of one conversation's current session."""

    newest_id: int
    events: list[str]  # each event's stored JSON, in order


class CachedSQLTrackerStore(SQLTrackerStore):
    def __init__(
        self,
        *args: Any,
        conversations_kept: int = CONVERSATIONS_KEPT,
        sole_writer: bool = False,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self._sole_writer = str(sole_writer).lower() == "true"
        if self.engine.dialect.name == "sqlite":
            # Rasa's engine opens a new SQLite connection per query; keep them open instead.
            self.engine.dispose()
            self.engine = make_engine(str(self.engine.url), future=False)
            self.sessionmaker = sessionmaker(bind=self.engine)
        else:
            # A database restart leaves every pooled connection dead: test each before use,
            # so the first message once it is back is not the one to fail.
            url = self.engine.url
            self.engine.dispose()
            self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
            self.sessionmaker = sessionmaker(bind=self.engine)
        self._sessions: OrderedDict[str, StoredSession] = OrderedDict()
        self._kept = int(conversations_kept)
        self._writes: WriteQueue[None] = WriteQueue(None, retry_every=WRITE_RETRY_S)
        self._unwritten: Counter[str] = Counter()  # per conversation, saves not yet stored
        self._unwritten_lock = threading.Lock()
        _fail_loudly()

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        stored = self._current_session(sender_id)
        if not stored.events or not self.domain:
            return None
        events = json.loads("[" + ",".join(stored.events) + "]")
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)
        sender_id = tracker.sender_id
        # Rasa holds the conversation's lock from retrieve to save, so the copy checked at
        # retrieve is still current here; without one, count as Rasa does.
        cached = self._sessions.get(sender_id)
        if cached is None and sender_id in self._unwritten:
            raise ConversationUnavailable(f"{sender_id}: events wait for the database")
        if cached is None:
            with self.session_scope() as session:
                already = self._event_query(session, sender_id, False).count()
        else:
            already = len(cached.events)
        rows = [self._row(sender_id, event) for event in list(tracker.events)[already:]]
        if not rows:
            return
        # In a thread: the event loop serves everyone else while this waits for the database.
        newest = await asyncio.to_thread(self._insert, sender_id, rows)
        if cached is None:
            return  # read from the database next time
        started = [i for i, row in enumerate(rows) if row["type_name"] == SessionStarted.type_name]
        if not started:
            cached.events.extend(row["data"] for row in rows)
            cached.newest_id = newest
        elif _starts_cleanly(rows, started[-1]):
            self._remember(
                sender_id, StoredSession(newest, [r["data"] for r in rows[started[-1] :]])
            )
        else:
            self._sessions.pop(sender_id, None)

    def _insert(self, sender_id: str, rows: list[dict[str, Any]]) -> int:
        """Store the rows through the write queue; the conversation's newest event id, or -1
        (never current) while they wait for the database."""
        newest: list[int] = []

        def write(_: None) -> None:
            try:
                # One Core INSERT for all new events: the ORM's unit of work cost more.
                with self.engine.begin() as connection:
                    connection.execute(self._table.insert(), rows)
                    # The newest id only tells other servers' writes apart; a sole writer
                    # has none.
                    query = self._newest_query(sender_id)
                    newest.append(0 if self._sole_writer else connection.execute(query).scalar())
            except SQLAlchemyError as error:
                if is_outage(error):
                    raise  # retried
                self._count_unwritten(sender_id, -1)
                raise
            self._count_unwritten(sender_id, -1)

        self._count_unwritten(sender_id, +1)
        stored = self._writes.submit(f"events of {sender_id}", write)
        return newest[0] if stored and newest else -1

    def _count_unwritten(self, sender_id: str, change: int) -> None:
        with self._unwritten_lock:
            self._unwritten[sender_id] += change
            if self._unwritten[sender_id] <= 0:
                del self._unwritten[sender_id]

    def _current_session(self, sender_id: str) -> StoredSession:
        cached = self._sessions.get(sender_id)
        waiting = sender_id in self._unwritten  # the database lacks events only this copy has
        if cached is not None and (self._sole_writer or waiting):
            self._sessions.move_to_end(sender_id)
            return cached
        if waiting:
            raise ConversationUnavailable(f"{sender_id}: events wait for the database")
        with self.engine.connect() as connection:
            newest = connection.execute(self._newest_query(sender_id)).scalar()
        if newest is None:
            # A new conversation: remembered as empty, so the saves that create it need no
            # count (Rasa holds the conversation's lock from here to its save).
            empty = StoredSession(0, [])
            self._remember(sender_id, empty)
            return empty
        cached = self._sessions.get(sender_id)
        if cached is not None and cached.newest_id == newest:
            self._sessions.move_to_end(sender_id)
            return cached
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, False).all()
            loaded = StoredSession(newest, [row.data for row in rows])
        self._remember(sender_id, loaded)
        return loaded

    def _remember(self, sender_id: str, stored: StoredSession) -> None:
        self._sessions[sender_id] = stored
        self._sessions.move_to_end(sender_id)
        while len(self._sessions) > self._kept:
            self._sessions.popitem(last=False)

    @property
    def _table(self) -> sa.Table:
        return self.SQLEvent.__table__

    def _newest_query(self, sender_id: str) -> Any:
        """The conversation's newest event id: one look-up in the sender_id index."""
        column = self._table.c.id
        return sa.select(sa.func.max(column)).where(self._table.c.sender_id == sender_id)

    @staticmethod
    def _row(sender_id: str, event: Event) -> dict[str, Any]:
        """The same row Rasa's SQL store writes for an event."""
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }


def _fail_loudly() -> None:
    """Rasa wraps every tracker store in a FailSafeTrackerStore, which on any error of ours
    answers from a new, empty in-memory conversation: the employee would read "no role-play
    running" and the message would be lost. Raising instead lets the channel say plainly
    "please send that again", and nothing is saved in a copy no one will read."""
    FailSafeTrackerStore.on_tracker_store_error = _raise_error  # type: ignore[method-assign]
    FailSafeTrackerStore.on_tracker_store_retrieve_error = _raise_error  # type: ignore[method-assign]


def _raise_error(_: FailSafeTrackerStore, error: Exception) -> None:
    raise error


def _starts_cleanly(rows: list[dict[str, Any]], start: int) -> bool:
    """Rasa reads a session as the events stamped at or after its SessionStarted; the new
    rows from `start` on are exactly that when everything before them is stamped earlier."""
    stamp = rows[start]["timestamp"] or 0.0
    return all((row["timestamp"] or 0.0) < stamp for row in rows[:start])
