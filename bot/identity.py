"""Who is practising: the employee behind a conversation's sender id.

The sender id is what the channel vouches for (Slack signs its events; the widget and REST
pass what they are given), never a name taken from the message. Slack's /coach answers run
in a conversation of their own, `<user>:coach`, so a tip never interrupts a role-play in the
direct message; the employee is still the Slack user.
"""

from __future__ import annotations

SLACK_COMMAND_SUFFIX = ":coach"


def slack_command_sender(user: str) -> str:
    return user + SLACK_COMMAND_SUFFIX


def employee_of(sender_id: str, channel: str | None) -> str:
    if channel == "slack":
        return sender_id.removesuffix(SLACK_COMMAND_SUFFIX)
    return sender_id
