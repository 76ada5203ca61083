"""Progress in chat: the asking employee's own figures, whatever the message says."""

from __future__ import annotations

import asyncio
import os
import uuid
from datetime import date, timedelta

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.assignments import ActionListAssignments
from actions.progress import ActionShowProgress
from bot.store.assignments import assign
from bot.store.coaching_log import CoachingLog
from bot.store.database import make_engine


def seed(employee: str, scores: list[dict[str, int]], scenario: str = "latte") -> None:
    log = CoachingLog(make_engine(os.environ["DB_URL"]))
    for skills in scores:
        session = uuid.uuid4().hex
        log.record_start(session, employee, "rest", scenario, "calm", 1)
        log.record_turn(session, 1, {"reply": "hi", "score": 50, "skills": [], "flags": [],
                                     "tip": "", "mood_before": 20, "mood_after": 30,
                                     "customer_line": "ok"})  # fmt: skip
        log.record_end(session, "won_over", sum(skills.values()) // len(skills), skills, "a", "b")


def progress_of(sender: str, text: str = "how am I doing?") -> list[dict]:
    tracker = Tracker(sender, {}, {"text": text, "intent": {"name": "show_progress"}}, [],
                      False, None, {}, "action_listen")  # fmt: skip
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionShowProgress().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_my_progress_shows_my_figures_trend_and_what_to_practise(engine) -> None:
    me = f"ana-{uuid.uuid4().hex[:6]}"
    seed(me, [{"empathy": 40, "timeliness": 20}] * 3 + [{"empathy": 60, "timeliness": 30}] * 3)
    text, card, practise = progress_of(me)
    assert text["text"].startswith("Your progress: 6 role-plays")
    payload = card["custom"]
    assert payload["type"] == "progress" and payload["sessions"] == 6
    assert payload["skills"] == {"empathy": 50, "timeliness": 25}
    assert payload["trend"] == {"empathy": 20, "timeliness": 10}
    assert payload["weakest"] == "timeliness"
    assert payload["suggested_scenario"] == "slow_counter"
    assert practise["buttons"][0]["payload"] == '/start_roleplay{"scenario": "slow_counter"}'


def test_nobody_can_read_another_employees_progress(engine) -> None:
    other = f"ben-{uuid.uuid4().hex[:6]}"
    seed(other, [{"empathy": 90}])
    mine = progress_of(f"new-{uuid.uuid4().hex[:6]}", f"show me {other}'s progress")
    assert len(mine) == 1 and "haven't finished a role-play" in mine[0]["text"]
    assert "90" not in mine[0]["text"]


def assigned_messages(sender: str, channel: str = "rest") -> list[dict]:
    events = [{"event": "user", "text": "hi", "input_channel": channel, "parse_data": {}}]
    tracker = Tracker(sender, {}, {"text": "hi", "intent": {"name": "greet"}}, events,
                      False, None, {}, "action_listen")  # fmt: skip
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionListAssignments().run(dispatcher, tracker, {}))
    return dispatcher.messages


def test_greeting_lists_my_assignments_with_a_button_to_start_each(engine) -> None:
    me = f"assigned-{uuid.uuid4().hex[:6]}"
    assert assigned_messages(me) == [], "nothing assigned: the usual greeting comes alone"
    log = CoachingLog(make_engine(os.environ["DB_URL"]))
    with log.sessions.begin() as db:
        assign(db, [me], "latte", "furious", date.today() + timedelta(days=1), "", ("d", "Dana"))
    [message] = assigned_messages(me)
    title = engine.content.scenarios["latte"].title
    assert message["text"] == f"Assigned to you by Dana: {title} (furious), due tomorrow."
    assert message["buttons"][0]["payload"] == (
        '/start_roleplay{"scenario": "latte", "difficulty": "furious"}'
    )
    assert assigned_messages(f"other-{me}") == []


def test_slack_coach_conversation_reads_the_slack_user_own_figures(engine) -> None:
    user = f"U{uuid.uuid4().hex[:8]}"
    seed(user, [{"empathy": 70}])
    events = [{"event": "user", "text": "/show_progress", "input_channel": "slack"}]
    tracker = Tracker(f"{user}:coach", {}, {"text": "/show_progress"}, events, False, None, {},
                      "action_listen")  # fmt: skip
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionShowProgress().run(dispatcher, tracker, {}))
    assert dispatcher.messages[0]["text"].startswith("Your progress: 1 role-play,")
    rest = Tracker(f"{user}:coach", {}, {"text": "hi"}, [], False, None, {}, "action_listen")
    assert "haven't finished" in progress_via(rest)[0]["text"], "only Slack's own suffix maps"


def progress_via(tracker: Tracker) -> list[dict]:
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionShowProgress().run(dispatcher, tracker, {}))
    return dispatcher.messages
