"""One employee across channels: a Slack user whose Slack email is an employee's practises
as that employee, so their web progress shows in Slack, and their Slack role-play is the
employee's on the trainer's list, with its transcript."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from bot.runtime.stack import Stack
from bot.store import dashboard, people
from bot.store.coaching_log import CoachingLog
from bot.store.dashboard import SessionFilter
from bot.store.database import make_engine, session_factory
from tests.e2e.test_slack import command, dm
from tests.fake_slack import FakeSlack


def test_a_one_time_code_from_the_web_links_a_slack_user(stack: Stack) -> None:
    sessions = session_factory(make_engine(stack.settings.db_url))
    employee, user = f"kim-{uuid.uuid4().hex[:6]}", f"UCODE{uuid.uuid4().hex[:6]}"
    with sessions.begin() as db:
        people.add_employee(db, people.checked(employee, "Kim"), "t")  # no email to match
        code = people.issue_slack_code(db, employee)
    assert command(stack, user, f"link {code}")["text"].startswith(
        f"Linked: your practice here is now {employee}'s"
    )
    assert "does not work" in command(stack, f"U{uuid.uuid4().hex[:8]}", f"link {code}")["text"]
    assert "does not work" in command(stack, user, "link 0000000000")["text"]
    with sessions() as db:
        assert people.slack_employee(db, user) == employee


def said_in_slack(fake_slack: FakeSlack, channel: str, text: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while text not in json.dumps(fake_slack.posts(channel), ensure_ascii=False):
        assert time.monotonic() < deadline, f"{text!r} never posted to {channel}"
        time.sleep(0.1)


def transcript_texts(sessions: Any, session_id: str) -> list[str]:
    with sessions() as db:
        return [line.text for line in dashboard.transcript(db, session_id).lines]


REPLY = "I'm so sorry, I understand. I'll remake it right now, and it's on us."


def test_a_slack_user_with_an_employees_email_practises_as_that_employee(
    stack: Stack, fake_slack: FakeSlack
) -> None:
    sessions = session_factory(make_engine(stack.settings.db_url))
    employee, user = f"sam-{uuid.uuid4().hex[:6]}", f"ULINK{uuid.uuid4().hex[:6]}"
    with sessions.begin() as db:
        people.add_employee(db, people.checked(employee, "Sam", f"{employee}@example.com"), "t")
    fake_slack.emails[user] = f"{employee.upper()}@Example.com"
    log = CoachingLog(make_engine(stack.settings.db_url))  # a role-play on the web before
    log.record_start(f"web-{employee}", employee, "socketio", "latte", "calm", 1)
    log.record_turn(f"web-{employee}", 1, {"reply": "Sorry!", "score": 70, "skills": ["apology"],
                                           "flags": [], "tip": "", "mood_before": 30,
                                           "mood_after": 40, "customer_line": "ok"})  # fmt: skip
    log.record_end(f"web-{employee}", "won_over", 64, {"apology": 80}, "a", "b")

    mine = command(stack, user, "progress")
    assert "Your progress: 1 role-play, average 64/100" in json.dumps(mine["blocks"])

    dm(stack, user, "give me a calm latte customer")
    said_in_slack(fake_slack, f"D-{user}", "Jordan:")  # the customer's first line
    dm(stack, user, REPLY)
    said_in_slack(fake_slack, f"D-{user}", "Debrief")
    with sessions() as db:
        found = dashboard.list_sessions(db, SessionFilter(employee=employee)).sessions
        assert dashboard.list_sessions(db, SessionFilter(employee=user)).total == 0
        assert sorted(s.channel for s in found) == ["slack", "socketio"]
        slack = next(s for s in found if s.channel == "slack")
    deadline = time.monotonic() + 20  # the turn's events are saved just after its answer
    while (
        REPLY not in (said := transcript_texts(sessions, slack.id)) and time.monotonic() < deadline
    ):
        time.sleep(0.2)
    assert REPLY in said and any("latte" in line.lower() for line in said)
