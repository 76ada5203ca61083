"""The action server down or frozen: the bot answers honestly, and the role-play goes on.

Runs against the session's stack, stopping and restarting its action server, so it leaves
the stack as it found it.
"""

from __future__ import annotations

import json
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import select

from bot.rasa.patches.action_failsafe import ACTION_DEADLINE_S, COACH_UNAVAILABLE
from bot.runtime.stack import Stack
from bot.store.database import make_engine, session_factory
from bot.store.models import CoachingSession, CoachingTurn
from bot.store.rasa_events import events
from tests.rasa_client import RasaClient

START = '/start_roleplay{"scenario": "latte", "difficulty": "frustrated", "seed": "3"}'
REPLY = "I'm so sorry about that, I understand how frustrating it is."


def feedback(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [m["custom"] for m in messages if m.get("custom", {}).get("type") == "reply_feedback"]


def texts(messages: list[dict[str, Any]]) -> list[str]:
    return [m["text"] for m in messages if "text" in m]


def test_action_server_down_gets_an_honest_answer_and_the_role_play_resumes(
    rasa: RasaClient, stack: Stack
) -> None:
    sender = "fault-down"
    assert rasa.send(sender, START), "the role-play starts while the coach is up"
    actions = stack.services["actions"]
    actions.stop()
    try:
        for message in (REPLY, "hint"):
            started = time.monotonic()
            answer = rasa.send(sender, message)
            assert texts(answer) == [COACH_UNAVAILABLE], message
            assert time.monotonic() - started < ACTION_DEADLINE_S
    finally:
        actions.start()
        actions.wait_ready(timeout=180)
    [scored] = feedback(rasa.send(sender, REPLY))
    assert scored["turn"] == 1, "the unscored reply is not counted, the role-play goes on"
    assert rasa.tracker(sender)["active_loop"]["name"] == "roleplay_form"


def test_a_frozen_action_server_is_given_up_on_within_the_deadline(
    rasa: RasaClient, stack: Stack
) -> None:
    sender = "fault-frozen"
    assert rasa.send(sender, START)
    actions = stack.services["actions"].process
    os.killpg(actions.pid, signal.SIGSTOP)
    try:
        started = time.monotonic()
        answer = rasa.send(sender, REPLY)
        waited = time.monotonic() - started
    finally:
        os.killpg(actions.pid, signal.SIGCONT)
    assert texts(answer) == [COACH_UNAVAILABLE]
    assert waited < ACTION_DEADLINE_S + 3, f"answered after {waited:.1f} s"
    assert feedback(rasa.send(sender, REPLY)), "scored again once the server wakes"


def test_a_rasa_restart_mid_role_play_resumes_it_with_its_mood(
    rasa: RasaClient, stack: Stack
) -> None:
    sender = "fault-restart"
    assert rasa.send(sender, START)
    [before] = feedback(rasa.send(sender, REPLY))
    server = stack.services["rasa"]
    server.stop()
    server.start()
    server.wait_ready(timeout=180)
    [after] = feedback(rasa.send(sender, "Thank you for your patience, here it is."))
    assert after["turn"] == before["turn"] + 1, "the same role-play, one turn further"
    assert after["scenario"] == before["scenario"]
    assert abs(after["mood"] - before["mood"]) < 40, "the mood carried on, not reset"


def test_two_messages_at_once_are_each_processed_once_in_order(
    rasa: RasaClient, stack: Stack
) -> None:
    sender = "fault-twice"
    assert rasa.send(sender, START)
    replies = ["I'm so sorry about the wait.", "I'll fix it for you right now."]
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda text: rasa.send(sender, text), replies))
    assert all(feedback(answer) for answer in answers)
    with session_factory(make_engine(stack.settings.db_url))() as db:
        said = db.execute(
            select(events.c.data)
            .where(events.c.sender_id == sender, events.c.type_name == "user")
            .order_by(events.c.id)
        ).scalars()
        in_order = [json.loads(data)["text"] for data in said][1:]
        [session] = db.execute(
            select(CoachingSession).where(CoachingSession.employee == sender)
        ).scalars()
        turns = db.execute(
            select(CoachingTurn.turn, CoachingTurn.reply)
            .where(CoachingTurn.session_id == session.id)
            .order_by(CoachingTurn.turn)
        ).all()
    assert sorted(in_order) == sorted(replies), "each message stored once"
    assert [tuple(t) for t in turns] == [(1, in_order[0]), (2, in_order[1])]
