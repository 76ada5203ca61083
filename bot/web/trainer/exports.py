"""/trainer/export.csv and /trainer/export.json: the filtered conversations with their scored
turns (the coach's labels and the trainer-corrected ones), scenario titles and trainers' notes,
to download. CSV cells that a spreadsheet would run as formulas are made inert."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.store import dashboard
from bot.web.trainer.conversations import parse_filter
from bot.web.trainer.scoping import scoped
from bot.web.trainer.state import state
from bot.web.trainer.views import requires_trainer

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@requires_trainer
async def export(request: Request) -> Response:
    titles = state(request).titles
    flt, _ = parse_filter(request.query_params, titles)
    with state(request).sessions() as db:
        rows = dashboard.export_rows(db, scoped(request, db, flt))
    for row in rows:
        row["scenario_title"] = titles.get(row["scenario"], row["scenario"])
    kind = request.path_params["kind"]
    if kind == "json":
        body = json.dumps({"conversations": rows}, ensure_ascii=False, indent=1)
        return _download(body, "application/json", "conversations.json")
    return _download(_csv(rows), "text/csv; charset=utf-8", "conversations.csv")


def _csv(rows: list[dict[str, Any]]) -> str:
    """One row per scored turn (or one per conversation without turns): the coach's skills
    and flags, the trainers' (the coach's with their corrections applied), and trainers'
    notes, on the whole conversation and on that reply."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([
        "conversation", "employee", "channel", "scenario", "difficulty", "started_at", "outcome",
        "score", "reviewed", "tags", "turn", "reply", "reply_score", "skills", "flags",
        "trainer_skills", "trainer_flags", "trainer_score", "verdict", "trainer_reason",
        "notes", "reply_notes", "scenario_id",
    ])  # fmt: skip
    for row in rows:
        head = [
            row["id"], row["employee"], row["channel"], row["scenario_title"], row["difficulty"],
            row["started_at"], row["outcome"], row["score"], row["reviewed"], " ".join(row["tags"]),
        ]  # fmt: skip
        judged = [
            row["override_score"] if row["override_score"] is not None else "",
            row["verdict"] or "", row["override_reason"] or "", _notes(row["notes"]),
        ]  # fmt: skip
        for turn in row["turns"] or [None]:
            if turn is None:
                cells = [*head, "", "", "", "", "", "", "", *judged, ""]
            else:
                cells = [
                    *head, turn["turn"], turn["reply"], turn["score"],
                    " ".join(turn["skills"]), " ".join(turn["flags"]),
                    " ".join(turn["corrected_skills"]), " ".join(turn["corrected_flags"]), *judged,
                    _notes(turn["notes"]),
                ]  # fmt: skip
            writer.writerow([_safe_cell(cell) for cell in [*cells, row["scenario"]]])
    return out.getvalue()


def _notes(notes: list[dict[str, Any]]) -> str:
    """Notes in one cell, oldest first, each signed: "Dana Lee: Good recovery"."""
    return "\n".join(f"{n['by']}: {n['body']}" for n in notes)


def _safe_cell(cell: Any) -> Any:
    """Spreadsheets run a text cell that starts with = + - @ (or a tab or CR, which some
    skip) as a formula, and employees and trainers choose ids, tags and text: quote those."""
    return f"'{cell}" if isinstance(cell, str) and cell.startswith(FORMULA_STARTS) else cell


def _download(body: str, media_type: str, filename: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return Response(body, media_type=media_type, headers=headers)


routes = [Route("/trainer/export.{kind:str}", export)]
