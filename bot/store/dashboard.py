"""The trainer dashboard's queries: lists, transcripts, progress, annotations, exports.

Everything goes through SQLAlchemy expressions with bound parameters, never SQL built from
strings, and works on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import case, func, literal_column, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from bot.coaching.progress import summarise
from bot.coaching.rubric import product_rubric
from bot.store.clock import utcnow
from bot.store.corrections import Change, Corrected, corrected, sessions_corrected
from bot.store.models import CoachingSession, CoachingTurn, Note, SessionTag, Trainer
from bot.store.played import as_played, corrected_skills, finished_sessions
from bot.store.rasa_events import events
from bot.store.scope import EVERYONE, Scope

# What a role-play scored once trainers have had their say: their override, else the coach's.
FINAL_SCORE = func.coalesce(CoachingSession.override_score, CoachingSession.score)
VERDICTS = ("pass", "fail")
SORTABLE = {
    "started": CoachingSession.started_at,
    "employee": func.lower(CoachingSession.employee),
    "scenario": CoachingSession.scenario,
    "difficulty": CoachingSession.difficulty,
    "turns": CoachingSession.turns,
    "outcome": CoachingSession.outcome,
    "score": FINAL_SCORE,
    "channel": CoachingSession.channel,
}
MAX_EXPORT = 50_000


@dataclass(frozen=True)
class SessionFilter:
    employee: str | None = None  # part of the employee's name, any case
    scenarios: tuple[str, ...] | None = None  # scenario ids; None for any, () for none
    outcome: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    score_min: int | None = None
    score_max: int | None = None
    text: str | None = None
    reviewed: bool | None = None
    tag: str | None = None
    scope: Scope = EVERYONE  # the employees the trainer asking sees


@dataclass(frozen=True)
class SessionPage:
    sessions: list[CoachingSession]
    tags: dict[str, list[str]]
    total: int
    page: int
    per_page: int
    corrected: set[str] = field(default_factory=set)  # ids with trainer-corrected labels

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def filtered(flt: SessionFilter) -> Select:
    """The one query behind the conversation list, its exports and its employee choices."""
    query = flt.scope.limit(select(CoachingSession), CoachingSession.employee)
    exact = {CoachingSession.outcome: flt.outcome, CoachingSession.reviewed: flt.reviewed}
    for column, value in exact.items():
        if value is not None and value != "":
            query = query.where(column == value)
    if flt.employee:
        query = query.where(_contains(CoachingSession.employee, flt.employee))
    if flt.scenarios is not None:
        query = query.where(CoachingSession.scenario.in_(flt.scenarios))
    if flt.date_from:
        query = query.where(CoachingSession.started_at >= _start_of(flt.date_from))
    if flt.date_to:
        query = query.where(CoachingSession.started_at < _start_of(flt.date_to) + timedelta(days=1))
    if flt.score_min is not None:
        query = query.where(flt.score_min <= FINAL_SCORE)
    if flt.score_max is not None:
        query = query.where(flt.score_max >= FINAL_SCORE)
    if flt.tag:
        tagged = select(SessionTag.session_id).where(SessionTag.tag == flt.tag)
        query = query.where(CoachingSession.id.in_(tagged))
    if flt.text:
        query = query.where(CoachingSession.id.in_(_sessions_saying(flt.text)))
    return query


def _contains(column: Any, text: str) -> Any:
    """`column` holds `text` anywhere, in any case; % and _ are taken literally."""
    return func.lower(column).contains(text.strip().lower(), autoescape=True)


def _sessions_saying(text: str) -> Select:
    """Role-plays where the employee or the customer said `text` (case-insensitive)."""
    return select(CoachingTurn.session_id).where(
        or_(_contains(CoachingTurn.reply, text), _contains(CoachingTurn.customer_line, text))
    )


def known_employees(db: Session, limit: int = 1000, scope: Scope = EVERYONE) -> list[str]:
    """The employees with a role-play the list could show, for the filter's suggestions."""
    shown = filtered(SessionFilter(scope=scope)).subquery()
    names = select(shown.c.employee).distinct().order_by(shown.c.employee).limit(limit)
    return list(db.scalars(names))


def _start_of(day: date) -> datetime:
    return datetime(day.year, day.month, day.day)


def list_sessions(
    db: Session,
    flt: SessionFilter,
    sort: str = "started",
    descending: bool = True,
    page: int = 1,
    per_page: int = 25,
    titles: Mapping[str, str] | None = None,
) -> SessionPage:
    """One page of the filtered list; with `titles` (scenario id -> title), sorting by
    scenario sorts by the titles shown."""
    query = filtered(flt)
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    column = SORTABLE.get(sort, CoachingSession.started_at)
    if sort == "scenario" and titles:
        column = func.lower(case(dict(titles), value=CoachingSession.scenario, else_=column))
    order = column.desc() if descending else column.asc()
    page = max(1, page)
    rows = (
        db.execute(
            query.order_by(order, CoachingSession.id).limit(per_page).offset((page - 1) * per_page)
        )
        .scalars()
        .all()
    )
    ids = [r.id for r in rows]
    fixed = sessions_corrected(db, ids)
    return SessionPage(list(rows), tags_of(db, ids), total, page, per_page, fixed)


def tags_of(db: Session, session_ids: Sequence[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {sid: [] for sid in session_ids}
    if session_ids:
        pairs = db.execute(
            select(SessionTag.session_id, SessionTag.tag)
            .where(SessionTag.session_id.in_(session_ids))
            .order_by(SessionTag.tag)
        )
        for session_id, tag in pairs:
            found[session_id].append(tag)
    return found


# --- transcripts -------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    speaker: str  # "employee" or "bot"
    text: str
    at: datetime
    card: dict[str, Any] | None = None  # a custom payload (a card), as the channel got it
    turn: CoachingTurn | None = None
    buttons: tuple[dict[str, Any], ...] = ()  # the choices offered with a bot message


@dataclass(frozen=True)
class Transcript:
    session: CoachingSession
    lines: list[Line]
    turns: list[CoachingTurn]
    notes: list[Note]
    tags: list[str]
    debrief: dict[str, Any] | None = field(default=None)
    corrected: dict[int, Corrected] = field(default_factory=dict)  # by turn number
    names: dict[str, str] = field(default_factory=dict)  # trainer username -> display name


def transcript(db: Session, session_id: str) -> Transcript | None:
    session = db.get(CoachingSession, session_id)
    if session is None:
        return None
    turns = (
        db.execute(
            select(CoachingTurn)
            .where(CoachingTurn.session_id == session_id)
            .order_by(CoachingTurn.turn)
        )
        .scalars()
        .all()
    )
    notes = notes_of(db, [session_id])[session_id]
    lines, debrief = _lines(db, session, list(turns))
    tags = tags_of(db, [session_id])[session_id]
    fixed = {c.turn.turn: c for c in corrected(db, turns).values()}
    names = display_names(db, [session.reviewed_by, *(n.author for n in notes)])
    return Transcript(session, lines, list(turns), notes, tags, debrief, fixed, names)


def notes_of(db: Session, session_ids: Sequence[str]) -> dict[str, list[Note]]:
    """Each role-play's notes, oldest first."""
    found: dict[str, list[Note]] = {sid: [] for sid in session_ids}
    if session_ids:
        rows = db.execute(
            select(Note).where(Note.session_id.in_(session_ids)).order_by(Note.created_at, Note.id)
        ).scalars()
        for note in rows:
            found[note.session_id].append(note)
    return found


def _lines(
    db: Session, session: CoachingSession, turns: list[CoachingTurn]
) -> tuple[list[Line], dict[str, Any] | None]:
    """The tracker's events during the role-play, replies matched to their scored turns."""
    start = epoch(session.started_at) - 2
    end = epoch(session.ended_at or utcnow()) + 2
    rows = db.execute(
        select(events.c.type_name, events.c.timestamp, events.c.data)
        .where(events.c.sender_id == (session.sender_id or session.employee))
        .where(events.c.type_name.in_(("user", "bot")))
        .where(events.c.timestamp.between(start, end))
        .order_by(events.c.id)
    ).all()
    pending = list(turns)
    lines: list[Line] = []
    debrief = None
    for type_name, timestamp, data in rows:
        event = _json(data)
        at = datetime.utcfromtimestamp(timestamp or 0)
        if type_name == "user":
            text = str(event.get("text") or "")
            turn = pending.pop(0) if pending and pending[0].reply == text.strip()[:2000] else None
            lines.append(Line("employee", text, at, turn=turn))
            continue
        sent = event.get("data") or {}
        custom = sent.get("custom")
        if isinstance(custom, dict):
            if custom.get("type") == "debrief":
                debrief = custom
            lines.append(Line("bot", "", at, card=custom))
        elif event.get("text"):
            choices = sent.get("buttons") or sent.get("quick_replies") or []
            buttons = tuple(b for b in choices if isinstance(b, dict))
            lines.append(Line("bot", str(event["text"]), at, buttons=buttons))
    # Scored replies the tracker no longer holds (pruned, another database) still show.
    lines += [Line("employee", turn.reply, turn.created_at, turn=turn) for turn in pending]
    lines.sort(key=lambda line: line.at)
    return lines, debrief


def epoch(moment: datetime) -> float:
    """Seconds since 1970 of a stored (naive, UTC) time, as Rasa stamps its events."""
    return moment.replace(tzinfo=timezone.utc).timestamp()


def _json(raw: Any) -> dict[str, Any]:
    try:
        value = json.loads(raw) if isinstance(raw, str) else raw
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


# --- annotations -------------------------------------------------------------------------


def add_note(db: Session, session_id: str, author: str, body: str, turn: int | None) -> Note:
    note = Note(
        session_id=session_id, turn=turn, body=body.strip(), author=author, created_at=utcnow()
    )
    db.add(note)
    return note


def add_tag(db: Session, session_id: str, tag: str, author: str) -> None:
    exists = db.execute(
        select(SessionTag.id).where(SessionTag.session_id == session_id, SessionTag.tag == tag)
    ).first()
    if exists is None:
        db.add(SessionTag(session_id=session_id, tag=tag, added_by=author, added_at=utcnow()))


def remove_tag(db: Session, session_id: str, tag: str) -> None:
    for row in db.execute(
        select(SessionTag).where(SessionTag.session_id == session_id, SessionTag.tag == tag)
    ).scalars():
        db.delete(row)


def set_reviewed(db: Session, session_id: str, trainer: str, reviewed: bool) -> None:
    session = db.get(CoachingSession, session_id)
    if session is not None:
        session.reviewed = reviewed
        session.reviewed_by = trainer if reviewed else None
        session.reviewed_at = utcnow() if reviewed else None


def set_override(
    db: Session,
    session_id: str,
    trainer_name: str,
    score: int | None,
    verdict: str | None,
    reason: str,
) -> None:
    """A trainer's score (with its reason) and/or pass or fail; both None clears them."""
    session = db.get(CoachingSession, session_id)
    if session is None:
        return
    cleared = score is None and verdict is None
    session.override_score = score
    session.verdict = verdict if verdict in VERDICTS else None
    session.override_reason = None if cleared else reason.strip()
    session.overridden_by = None if cleared else trainer_name
    session.overridden_at = None if cleared else utcnow()


# --- progress ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ProgressPoint:
    session_id: str
    at: datetime
    scenario: str
    score: int
    skills: dict[str, int]


@dataclass(frozen=True)
class Progress:
    employee: str
    points: list[ProgressPoint]
    averages: dict[str, float]
    weakest_skill: str | None
    trend: dict[str, int] = field(default_factory=dict)


def employee_progress(db: Session, employee: str) -> Progress:
    """The role-plays, averages, trend and weakest skill the employee sees in chat: one
    summary (bot/coaching/progress.py) of the same rows (bot/store/played.py)."""
    finished = [s for s in finished_sessions(db, employee) if as_played(s).counts()]
    fixed = corrected_skills(db, finished)
    played = [as_played(s, fixed) for s in finished]
    points = [
        ProgressPoint(s.id, s.started_at, s.scenario, p.score, dict(p.skills))
        for s, p in zip(finished, played, strict=True)
    ]
    summary = summarise(played, {})
    return Progress(employee, points, summary.averages, summary.weakest, summary.trend)


@dataclass(frozen=True)
class Ranking:
    name: str
    sessions: int
    average: float
    won: int


RANKING_SORTS = ("average", "name", "sessions", "won")


@dataclass(frozen=True)
class RankingPage:
    rows: list[Ranking]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def team_rankings(db: Session, scope: Scope = EVERYONE) -> tuple[list[Ranking], list[Ranking]]:
    """(employees, scenarios), each by average score, best first, of the employees seen."""
    best = _ranking_order("average", True)
    employees = _ranking_query(CoachingSession.employee, scope).order_by(*best)
    scenarios = _ranking_query(CoachingSession.scenario, scope).order_by(*best)
    return _rankings(db, employees), _rankings(db, scenarios)


def employee_rankings(
    db: Session,
    search: str = "",
    sort: str = "average",
    descending: bool = True,
    page: int = 1,
    per_page: int = 25,
    scope: Scope = EVERYONE,
) -> RankingPage:
    """One page of the team's employees whose name holds `search`, in the order asked."""
    query = _ranking_query(CoachingSession.employee, scope)
    if search.strip():
        query = query.where(_contains(CoachingSession.employee, search))
    total = db.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = max(1, min(page, -(-total // per_page) or 1))
    ordered = query.order_by(*_ranking_order(sort, descending))
    rows = _rankings(db, ordered.limit(per_page).offset((page - 1) * per_page))
    return RankingPage(rows, total, page, per_page)


def _ranking_query(column: Any, scope: Scope) -> Select:
    """The one query behind the team page: finished role-plays of the employees seen,
    grouped by `column`."""
    won = func.sum(case((CoachingSession.outcome == "won_over", 1), else_=0))
    return (
        scope.limit(select(column.label("name"), func.count().label("sessions"),
               func.avg(FINAL_SCORE).label("average"), won.label("won")),
               CoachingSession.employee)
        # a role-play stopped before any reply counts for nothing, here as in progress
        .where(CoachingSession.score.is_not(None), CoachingSession.turns > 0)
        .group_by(column)
    )  # fmt: skip


def _ranking_order(sort: str, descending: bool) -> list[Any]:
    """The asked column first, then the name, so equal values keep one order across pages."""
    key = sort if sort in RANKING_SORTS else "average"
    name = func.lower(literal_column("name"))  # "ana" before "Ben", as people sort
    column = name if key == "name" else literal_column(key)
    first = column.desc() if descending else column.asc()
    return [first, name.asc(), literal_column("name")]


def _rankings(db: Session, query: Select) -> list[Ranking]:
    return [
        Ranking(name, count, float(avg or 0), int(w or 0))
        for name, count, avg, w in db.execute(query).all()
    ]


def display_names(db: Session, usernames: Sequence[str | None]) -> dict[str, str]:
    """Each trainer username's display name, so what they wrote is signed as everywhere
    else; a name no account has any more stays as it was written."""
    wanted = {u for u in usernames if u}
    query = select(Trainer.username, Trainer.display_name).where(Trainer.username.in_(wanted))
    found = {name: shown for name, shown in db.execute(query)} if wanted else {}
    return {u: found.get(u, u) for u in wanted}


# --- export ------------------------------------------------------------------------------


def export_rows(db: Session, flt: SessionFilter) -> list[dict[str, Any]]:
    """Every role-play the filter selects, newest first, with its scored turns."""
    sessions = (
        db.execute(filtered(flt).order_by(CoachingSession.started_at.desc()).limit(MAX_EXPORT))
        .scalars()
        .all()
    )
    ids = [s.id for s in sessions]
    by_session: dict[str, list[CoachingTurn]] = {sid: [] for sid in ids}
    if ids:
        for turn in db.execute(
            select(CoachingTurn)
            .where(CoachingTurn.session_id.in_(ids))
            .order_by(CoachingTurn.session_id, CoachingTurn.turn)
        ).scalars():
            by_session[turn.session_id].append(turn)
    tags = tags_of(db, ids)
    fixed = corrected(db, [t for turns in by_session.values() for t in turns])
    notes = notes_of(db, ids)
    names = display_names(db, [n.author for found in notes.values() for n in found])
    written = {sid: [_note(n, names) for n in found] for sid, found in notes.items()}
    return [_export(s, by_session[s.id], tags[s.id], fixed, written[s.id]) for s in sessions]


def _note(note: Note, names: dict[str, str]) -> dict[str, Any]:
    return {"body": note.body, "by": names.get(note.author, note.author), "turn": note.turn,
            "at": note.created_at.isoformat()}  # fmt: skip


def _export(
    session: CoachingSession,
    turns: list[CoachingTurn],
    tags: list[str],
    fixed: dict[int, Corrected],
    notes: list[dict[str, Any]],
) -> dict[str, Any]:
    """The coach's labels of each turn, and beside them the labels after trainers'
    corrections (the same as the coach's for a turn nobody corrected); trainers' notes on
    the whole role-play, and on each turn those on it."""
    return {
        "notes": [n for n in notes if n["turn"] not in {t.turn for t in turns}],
        "id": session.id,
        "employee": session.employee,
        "channel": session.channel,
        "scenario": session.scenario,
        "difficulty": session.difficulty,
        "started_at": session.started_at.isoformat(),
        "ended_at": session.ended_at.isoformat() if session.ended_at else None,
        "outcome": session.outcome,
        "score": session.score,
        "override_score": session.override_score,
        "override_reason": session.override_reason,
        "verdict": session.verdict,
        "reviewed": session.reviewed,
        "tags": tags,
        "skill_scores": session.skill_scores or {},
        "turns": [
            {
                "turn": t.turn,
                "reply": t.reply,
                "score": t.score,
                "skills": t.skills,
                "flags": t.flags,
                "tip": t.tip,
                "customer_line": t.customer_line,
                "notes": [n for n in notes if n["turn"] == t.turn],
                **_corrected_labels(t, fixed.get(t.id)),
            }
            for t in turns
        ],
    }


def _corrected_labels(turn: CoachingTurn, fixed: Corrected | None) -> dict[str, Any]:
    skills, flags = fixed.split(product_rubric()) if fixed else (turn.skills, turn.flags)
    changes = fixed.changes if fixed else ()
    return {
        "corrected_skills": skills,
        "corrected_flags": flags,
        "corrections": [_change(c) for c in changes],
    }


def _change(c: Change) -> dict[str, Any]:
    return {"label": c.label, "present": c.present, "reason": c.reason, "by": c.by,
            "at": c.at.isoformat()}  # fmt: skip
