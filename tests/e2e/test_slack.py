"""Slack against the real running Rasa server: signed requests in, a fake Web API out."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from typing import Any

from bot.runtime.stack import Stack
from bot.store import dashboard
from bot.store.coaching_log import CoachingLog
from bot.store.dashboard import SessionFilter
from bot.store.database import make_engine, session_factory
from tests.conftest import SLACK_SECRET
from tests.fake_slack import FakeSlack


def signed(
    stack: Stack, path: str, body: bytes, content_type: str, **overrides: Any
) -> tuple[int, bytes]:
    stamp = str(overrides.get("stamp", int(time.time())))
    secret = overrides.get("secret", SLACK_SECRET)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256)
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": f"v0={digest.hexdigest()}",
        **overrides.get("headers", {}),
    }
    request = urllib.request.Request(
        f"{stack.settings.rasa_url}/webhooks/slack/{path}", data=body, headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def dm(stack: Stack, user: str, text: str, **overrides: Any) -> tuple[int, bytes]:
    ts = f"{time.time():.6f}"
    event = {
        "type": "event_callback",
        "event_id": overrides.pop("event_id", f"Ev{uuid.uuid4().hex[:10]}"),
        "authorizations": [{"user_id": "UBOT"}],
        "event": {"type": "message", "channel_type": "im", "user": user, "text": text,
                  "ts": ts, "channel": f"D-{user}"},
    }  # fmt: skip
    body = json.dumps(event).encode()
    return signed(stack, "webhook", body, "application/json", **overrides)


def command(stack: Stack, user: str, text: str) -> dict[str, Any]:
    form = {"command": "/coach", "text": text, "user_id": user, "channel_id": "C1",
            "response_url": "http://127.0.0.1:9/unused"}  # fmt: skip
    body = urllib.parse.urlencode(form).encode()
    status, answer = signed(stack, "commands", body, "application/x-www-form-urlencoded")
    assert status == 200, answer
    return json.loads(answer)


def everything_said(posts: list[dict[str, Any]]) -> str:
    return json.dumps(posts, ensure_ascii=False)


def test_a_direct_message_gets_a_threaded_reply(stack: Stack, fake_slack: FakeSlack) -> None:
    user = f"U{uuid.uuid4().hex[:8]}"
    started = time.monotonic()
    status, _ = dm(stack, user, "hi")
    assert status == 200 and time.monotonic() - started < 3
    [reply] = fake_slack.wait_for_posts(f"D-{user}", 1)
    assert "Service Coach" in everything_said([reply])
    assert reply.get("thread_ts"), "the answer goes in the message's thread"


def test_a_role_play_runs_to_its_debrief_and_is_stored(stack: Stack, fake_slack: FakeSlack) -> None:
    user = f"U{uuid.uuid4().hex[:8]}"
    dm(stack, user, "give me a calm latte customer")
    fake_slack.wait_for_posts(f"D-{user}", 2)  # the intro card (it replaces its text), Jordan
    dm(stack, user, "I'm so sorry, I understand. I'll remake it right now, and it's on us.")
    posts = fake_slack.wait_for_posts(f"D-{user}", 5)
    said = everything_said(posts)
    assert "Reply 1:" in said and "Debrief:" in said and re.search(r"Source: “.+” \(seeds/", said)
    assert not any(p.get("text", "").startswith("Debrief: The $5") for p in posts), (
        "the text debrief is replaced by its Block Kit card"
    )
    with session_factory(make_engine(stack.settings.db_url))() as db:
        found = dashboard.list_sessions(db, SessionFilter(employee=user))
    assert [(s.channel, s.outcome) for s in found.sessions] == [("slack", "won_over")]


def test_bad_signature_or_stale_request_is_refused_and_ignored(
    stack: Stack, fake_slack: FakeSlack
) -> None:
    user = f"U{uuid.uuid4().hex[:8]}"
    assert dm(stack, user, "hi", secret="wrong-secret")[0] == 401
    assert dm(stack, user, "hi", stamp=int(time.time()) - 600)[0] == 401
    time.sleep(1.5)
    assert fake_slack.posts(f"D-{user}") == []


def test_the_same_event_three_times_is_answered_once(stack: Stack, fake_slack: FakeSlack) -> None:
    user = f"U{uuid.uuid4().hex[:8]}"
    event_id = f"Ev{uuid.uuid4().hex[:10]}"
    assert dm(stack, user, "hi", event_id=event_id)[0] == 200
    for number, reason in ((1, "http_timeout"), (2, "http_error")):
        retry = {"X-Slack-Retry-Num": str(number), "X-Slack-Retry-Reason": reason}
        assert dm(stack, user, "hi", event_id=event_id, headers=retry)[0] == 200
    fake_slack.wait_for_posts(f"D-{user}", 1)
    time.sleep(1.5)
    assert len(fake_slack.posts(f"D-{user}")) == 1


def test_coach_tip_and_story_answer_only_the_asker(stack: Stack) -> None:
    tip = command(stack, "UTIPS", "tip refunds")
    assert tip["response_type"] == "ephemeral" and "💡" in json.dumps(tip, ensure_ascii=False)
    story = command(stack, "UTIPS", "story the diet coke at the resort")
    shown = json.dumps(story, ensure_ascii=False)
    assert "Source: “Where we place our value” (seeds/003_99b8426eb6e8d650.txt)" in shown
    shared = command(stack, "UTIPS", "tip pricing share")
    assert shared["response_type"] == "in_channel"


def test_coach_practice_starts_a_role_play_in_a_direct_message(
    stack: Stack, fake_slack: FakeSlack
) -> None:
    answer = command(stack, "UPRACTICE", "practice latte furious")
    assert "direct message" in answer["text"]
    posts = fake_slack.wait_for_posts("D-OPENED", 2)
    assert "conversations.open" in fake_slack.methods()
    assert "The $5 latte" in everything_said(posts) and "furious" in everything_said(posts)


def test_coach_progress_shows_the_slack_user_own_figures(stack: Stack) -> None:
    user, other = f"UPROG{uuid.uuid4().hex[:6]}", f"UOTHER{uuid.uuid4().hex[:6]}"
    log = CoachingLog(make_engine(stack.settings.db_url))
    log.record_start(f"slack-{user}", user, "slack", "latte", "calm", 1)
    log.record_turn(f"slack-{user}", 1, {"reply": "Sorry!", "score": 70, "skills": ["apology"],
                                         "flags": [], "tip": "", "mood_before": 30,
                                         "mood_after": 40, "customer_line": "ok"})  # fmt: skip
    log.record_end(f"slack-{user}", "won_over", 64, {"apology": 80, "solution": 48}, "a", "b")
    mine = command(stack, user, "progress")
    assert mine["response_type"] == "ephemeral"
    assert "Your progress: 1 role-play, average 64/100" in json.dumps(mine["blocks"])
    assert "Weakest skill: solution" in json.dumps(mine["blocks"])
    theirs = command(stack, other, "progress")
    assert "haven't finished a role-play" in theirs["text"] and "64" not in json.dumps(theirs)


def test_coach_help_and_unknown(stack: Stack) -> None:
    assert "/coach tip" in command(stack, "UPROG", "help")["text"]
    unknown = command(stack, "UPROG", "dance")
    assert unknown["text"].startswith("I don't know `dance`") and "/coach tip" in unknown["text"]


def test_malformed_signed_events_get_a_400_that_says_why(stack: Stack) -> None:
    numeric_text = b'{"type": "event_callback", "event": {"type": "message", "text": 42}}'
    for body in (b"{not json", b"\xff\xfe", b'["a list"]', b'{"event": "text"}', numeric_text):
        status, answer = signed(stack, "webhook", body, "application/json")
        assert status == 400 and len(answer) > 20, body


def test_a_blank_direct_message_gets_a_friendly_reply(stack: Stack, fake_slack: FakeSlack) -> None:
    user = f"U-blank-{uuid.uuid4().hex[:6]}"
    assert dm(stack, user, "   \u0007  ")[0] == 200
    posts = fake_slack.wait_for_posts(f"D-{user}", 1)
    assert "didn't get any text" in everything_said(posts)
