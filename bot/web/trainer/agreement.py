"""/trainer/agreement: how far the coach agrees with trainers, label by label, over the
replies trainers corrected, so they see which skills the coach still gets wrong."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from bot.coaching.agreement import Judged, agreement
from bot.store.corrections import all_corrected
from bot.web.trainer.state import state
from bot.web.trainer.views import page, requires_trainer


@requires_trainer
async def agreement_page(request: Request) -> Response:
    rubric = state(request).rubric
    with state(request).sessions() as db:
        judged = [Judged(c.coach, c.labels) for _, c in all_corrected(db)]
    rows = agreement(judged, rubric.labels)
    names = rubric.labels_of(rubric.labels)
    context = {"rows": rows, "replies": len(judged), "names": names, "flags": set(rubric.flags)}
    return page(request, "trainer/agreement.html", context)


routes = [Route("/trainer/agreement", agreement_page)]
