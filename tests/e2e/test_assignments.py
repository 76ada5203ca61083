"""The practice loop end to end, on the running stack: a trainer assigns a scenario in the
dashboard, the employee sees it when greeting the coach, plays it over REST, and the trainer
sees it done with its score; the employee sees the trainer's judgement in their progress."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from typing import Any

import httpx

from bot.runtime.stack import Stack
from bot.store.database import make_engine, session_factory
from bot.web.auth import create_trainer
from tests.rasa_client import RasaClient

PASSWORD = "an assignment trainer password"
GOOD = "I'm so sorry about that! I'll remake it right now with oat milk, and it's on us."


def trainer_session(stack: Stack) -> tuple[httpx.Client, str]:
    username = f"assigner{uuid.uuid4().hex[:6]}"
    with session_factory(make_engine(stack.settings.db_url)).begin() as db:
        create_trainer(db, username, "Dana Lee", PASSWORD)
    web = httpx.Client(base_url=stack.settings.web_url, timeout=30)
    web.event_hooks["response"] = [lambda answer: keep_session_cookie(web, answer)]
    token = csrf(web.get("/trainer/login").text)
    form = {"csrf_token": token, "username": username, "password": PASSWORD}
    assert web.post("/trainer/login", data=form).status_code == 303
    return web, csrf(web.get("/trainer/").text)


def keep_session_cookie(web: httpx.Client, answer: httpx.Response) -> None:
    """The dashboard's cookie is Secure, which a browser still sends to 127.0.0.1 but httpx
    does not over plain HTTP: carry it by hand, as the browser would."""
    answer.read()
    value = answer.cookies.get("coach_trainer")
    if value:
        web.headers["Cookie"] = f"coach_trainer={value}"


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def row_of(html: str, employee: str) -> str:
    [row] = [r for r in html.split("<tr") if f">{employee}<" in r]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row))


def play_until_debrief(rasa: RasaClient, employee: str, start: str) -> dict[str, Any]:
    rasa.send(employee, start)
    for reply in (GOOD, GOOD, "stop"):
        for message in rasa.send(employee, reply):
            if message.get("custom", {}).get("type") == "debrief":
                return message["custom"]
    raise AssertionError("no debrief")


def test_assigned_played_and_seen_done_with_its_score(stack: Stack, rasa: RasaClient) -> None:
    web, token = trainer_session(stack)
    employee = f"e2e-assignee-{uuid.uuid4().hex[:6]}"
    due = date.today() + timedelta(days=1)
    answer = web.post("/trainer/assignments", data={
        "csrf_token": token, "employees": employee, "scenario": "latte",
        "difficulty": "furious", "due": due.isoformat(), "note": "Own the mistake",
    })  # fmt: skip
    assert answer.status_code == 303
    assert "open" in row_of(web.get("/trainer/assignments").text, employee)

    greeting = rasa.send(employee, "hello")
    assert greeting[0]["text"].startswith("Assigned to you by Dana Lee: The $5 latte")
    assert "(furious), due tomorrow" in greeting[0]["text"]
    assert "Service Coach" in greeting[1]["text"], "the usual greeting follows"
    start = greeting[0]["buttons"][0]["payload"]
    helped = rasa.send(employee, "what can you do?")
    assert helped[0]["text"].startswith("Assigned to you") and len(helped) == 2

    debrief = play_until_debrief(rasa, employee, start)
    assert debrief["scenario"] == "latte"
    row = row_of(web.get("/trainer/assignments").text, employee)
    assert "done" in row and f"{debrief['score']}/100" in row
    assert not rasa.send(employee, "hi")[0]["text"].startswith("Assigned"), "no longer listed"

    session_id = re.search(
        r'/trainer/sessions/(\w+)"', web.get(f"/trainer/?employee={employee}").text
    )
    judged = web.post(f"/trainer/sessions/{session_id.group(1)}/override", data={
        "csrf_token": token, "score": "88", "verdict": "pass", "reason": "Owned it at once",
    })  # fmt: skip
    assert judged.status_code == 303
    assert "88/100" in row_of(web.get("/trainer/assignments").text, employee)
    progress = rasa.send(employee, "how am I doing?")
    said = " ".join(m.get("text") or "" for m in progress)
    assert "average 88/100" in said and 'Dana Lee reviewed your role-play "The $5 latte' in said
    assert "Owned it at once" in said
    [card] = [m["custom"] for m in progress if m.get("custom", {}).get("type") == "progress"]
    assert card["score"] == 88 and card["reviews"][0]["verdict"] == "pass"
