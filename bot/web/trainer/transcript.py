"""/trainer/sessions/<id>: one conversation's transcript, and what a trainer adds to it:
notes, tags, the reviewed mark, an overridden score or verdict, and corrected labels."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from sqlalchemy import select
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from bot.coaching.rubric import Rubric
from bot.store import corrections, dashboard
from bot.store.models import CoachingSession, CoachingTurn
from bot.web.auth import signed_in_as
from bot.web.trainer.scoping import check_sees
from bot.web.trainer.seen import as_seen
from bot.web.trainer.state import state
from bot.web.trainer.views import checked_form, page, requires_trainer, whole_number

TAG_SUGGESTIONS = ("exemplary", "needs-follow-up", "great-empathy", "blamed-customer")


@dataclass(frozen=True)
class Piece:
    """A stretch of a reply, the skills and flags its words showed, and those whose
    evidence ends here (where the label is written)."""

    text: str
    labels: tuple[str, ...] = ()
    ends: tuple[str, ...] = ()


def marked(reply: str, evidence: Mapping[str, Any] | None) -> list[Piece]:
    """The reply cut at every evidence boundary; spans outside the reply are ignored."""
    spans = [
        (int(s["start"]), int(s["end"]), label)
        for label, found in (evidence or {}).items()
        for s in found
        if 0 <= int(s["start"]) < int(s["end"]) <= len(reply)
    ]
    cuts = sorted({0, len(reply), *(a for a, _, _ in spans), *(b for _, b, _ in spans)})
    return [
        Piece(
            reply[a:b],
            tuple(dict.fromkeys(label for s, e, label in spans if s <= a and b <= e)),
            tuple(dict.fromkeys(label for _, e, label in spans if e == b)),
        )
        for a, b in pairwise(cuts)
    ]


@requires_trainer
async def session_view(request: Request) -> Response:
    return _transcript_page(request, {})


def _transcript_page(request: Request, extra: dict[str, Any], status: int = 200) -> Response:
    """The transcript, with `extra` (a correction's error and what was typed) when a form
    comes back to it."""
    with state(request).sessions() as db:
        found = dashboard.transcript(db, request.path_params["session_id"])
        if found is None:
            raise HTTPException(404, "No such conversation.")
        check_sees(request, db, found.session.employee)
    pieces = {turn.turn: marked(turn.reply, turn.evidence) for turn in found.turns}
    pieces = {turn: cut for turn, cut in pieces.items() if any(p.labels for p in cut)}
    shared = state(request)
    rubric, titles, session = shared.rubric, shared.titles, found.session
    context = {
        "t": found, "tags": TAG_SUGGESTIONS, "pieces": pieces,
        "rows": as_seen(found.lines, titles, session.employee),
        "title": titles.get(session.scenario, session.scenario.replace("_", " ")),
        "skill_names": list(rubric.skills), "flag_names": list(rubric.flags),
        "labels": rubric.labels_of(rubric.labels), "problem": {}, **extra,
    }  # fmt: skip
    return page(request, "trainer/transcript.html", context, status)


@requires_trainer
async def correct_labels(request: Request) -> Response:
    """A trainer adds or removes one skill or flag of one reply; a mistake comes back on
    the transcript beside that reply, with what was typed."""
    form = await checked_form(request)
    session_id, number = request.path_params["session_id"], request.path_params["turn"]
    typed = {k: str(form.get(k, "")).strip() for k in ("label", "present", "reason")}
    error = _correction_error(state(request).rubric, typed)
    with state(request).sessions.begin() as db:
        turn = db.execute(
            select(CoachingTurn).where(
                CoachingTurn.session_id == session_id, CoachingTurn.turn == number
            )
        ).scalar_one_or_none()
        if turn is None:
            raise HTTPException(404, "No such reply in this conversation.")
        check_sees(request, db, turn.session.employee)
        if error is None:
            present, reason = typed["present"] == "1", typed["reason"][:2000]
            corrections.correct(db, turn, typed["label"], present, reason, signed_in_as(request))
    if error is not None:
        extra = {"correcting": {"turn": number, "error": error, **typed}}
        return _transcript_page(request, extra, status=400)
    return RedirectResponse(f"/trainer/sessions/{session_id}#reply-{number}", status_code=303)


def _correction_error(rubric: Rubric, typed: Mapping[str, str]) -> str | None:
    if typed["label"] not in rubric.labels:
        return "Choose one of the coach's skills or flags."
    if typed["present"] not in ("0", "1"):
        return "Say whether the reply shows it (add) or does not (remove)."
    return None


class FormProblem(ValueError):
    """What is wrong with a trainer's form, in words they can act on."""


@requires_trainer
async def annotate(request: Request) -> Response:
    """A note, tag, review mark or judgement; a mistake comes back on the transcript beside
    its form, with what was typed."""
    form = await checked_form(request)
    session_id, action = request.path_params["session_id"], request.path_params["action"]
    if action not in ACTIONS:
        raise HTTPException(404, "Unknown action.")
    try:
        with state(request).sessions.begin() as db:
            session = db.get(CoachingSession, session_id)
            if session is None:
                raise HTTPException(404, "No such conversation.")
            check_sees(request, db, session.employee)
            ACTIONS[action](db, session_id, signed_in_as(request), form)
    except FormProblem as problem:
        typed = {key: str(value) for key, value in form.items() if key != "csrf_token"}
        extra = {"problem": {"action": action, "error": str(problem), "typed": typed}}
        return _transcript_page(request, extra, status=400)
    return RedirectResponse(f"/trainer/sessions/{session_id}", status_code=303)


Who = tuple[str, str]  # the signed-in trainer's (username, display name)


def _judge(db: Any, session_id: str, who: Who, form: FormData) -> None:
    score, verdict, reason = _override(form)
    dashboard.set_override(db, session_id, who[1], score, verdict, reason)


def _note(db: Any, session_id: str, who: Who, form: FormData) -> None:
    body = str(form.get("body", "")).strip()
    if not body:
        raise FormProblem("Write the note before saving it.")
    dashboard.add_note(db, session_id, who[0], body[:5000], whole_number(form.get("turn")))


def _tag(db: Any, session_id: str, who: Who, form: FormData) -> None:
    tag = str(form.get("tag", "")).strip().lower().replace(" ", "-")[:48]
    if not tag:
        raise FormProblem("Type a tag, or pick one of the suggestions.")
    dashboard.add_tag(db, session_id, tag, who[0])


def _untag(db: Any, session_id: str, who: Who, form: FormData) -> None:
    dashboard.remove_tag(db, session_id, str(form.get("tag", "")))


def _review(db: Any, session_id: str, who: Who, form: FormData) -> None:
    dashboard.set_reviewed(db, session_id, who[0], form.get("reviewed") == "1")


ACTIONS = {"override": _judge, "notes": _note, "tags": _tag, "untag": _untag, "review": _review}


def _override(form: FormData) -> tuple[int | None, str | None, str]:
    """A trainer's score needs a reason, so employees learn why; "clear" removes both."""
    if form.get("clear"):
        return None, None, ""
    raw = str(form.get("score", "")).strip()
    score = whole_number(raw)
    if raw and (score is None or not 0 <= score <= 100):
        raise FormProblem(f"The score must be a whole number from 0 to 100, not {raw!r}.")
    verdict = str(form.get("verdict", "")).strip() or None
    if verdict not in (None, *dashboard.VERDICTS):
        raise FormProblem("The verdict must be pass or fail.")
    reason = str(form.get("reason", "")).strip()[:2000]
    if score is None and verdict is None:
        raise FormProblem("Give a score, a verdict, or both.")
    if score is not None and not reason:
        raise FormProblem("Say why you changed the score: the employee sees your reason.")
    return score, verdict, reason


routes = [
    Route("/trainer/sessions/{session_id}", session_view),
    Route("/trainer/sessions/{session_id}/{action:str}", annotate, methods=["POST"]),
    Route(
        "/trainer/sessions/{session_id}/replies/{turn:int}/labels",
        correct_labels,
        methods=["POST"],
    ),
]
