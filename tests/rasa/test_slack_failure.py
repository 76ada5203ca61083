"""A Slack message the bot fails on (its database unreachable, say) is answered with an
apology in the thread instead of nothing, as on the REST channel."""

from __future__ import annotations

import asyncio

from rasa.core.channels.channel import UserMessage

from bot.rasa.channels.rest import SOMETHING_WENT_WRONG
from bot.rasa.channels.slack import CoachSlackInput
from tests.fake_slack import FakeSlack
from tests.own_loop import run_on_own_loop


async def broken_bot(_: UserMessage) -> None:
    raise RuntimeError("could not reach the database")


def test_a_failed_turn_is_answered_with_an_apology(fake_slack: FakeSlack) -> None:
    channel = CoachSlackInput(slack_token="xoxb-test", slack_signing_secret="s" * 20)
    channel.api_url = fake_slack.url + "/"
    metadata = {"out_channel": "D-UBROKEN", "thread_id": "1700000000.000100", "users": []}

    async def deliver() -> None:
        """Keep the loop running, as a Rasa server does, until the answer is posted."""
        channel.answer(broken_bot, "hi", "UBROKEN", metadata)
        for _ in range(200):
            if fake_slack.posts("D-UBROKEN"):
                return
            await asyncio.sleep(0.05)

    run_on_own_loop(deliver())
    [apology] = fake_slack.wait_for_posts("D-UBROKEN", 1)
    assert apology["text"] == SOMETHING_WENT_WRONG
    assert apology["thread_ts"] == "1700000000.000100", "in the message's thread"
