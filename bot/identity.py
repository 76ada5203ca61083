"""Who is practising: the employee behind a conversation's sender id.

The sender id is what the channel vouches for (Slack signs its events; the widget and REST
pass what they are given), never a name taken from the message. Slack's /coach answers run
in a conversation of their own, `<user>:coach`, so a tip never interrupts a role-play in the
direct message; the employee is still the Slack user.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

SLACK_COMMAND_SUFFIX = ":coach"
# The ids employees have: letters, digits, spaces, dots, @, dashes (never ":", which the
# Slack command conversations use).
EMPLOYEE_ID = re.compile(r"^[\w .@-]{1,64}$")


def clean_employee_id(raw: object) -> str | None:
    """The id as conversations carry it (spaces collapsed), or None when it cannot be one."""
    value = " ".join(str(raw).split())
    return value if EMPLOYEE_ID.match(value) else None


def slack_command_sender(user: str) -> str:
    return user + SLACK_COMMAND_SUFFIX


def employee_of(
    sender_id: str, channel: str | None, metadata: Mapping[str, Any] | None = None
) -> str:
    """In Slack, the employee the Slack channel linked the signed user to (it puts the id in
    the message's metadata, which only our channel writes), else the Slack user; elsewhere
    the sender id, which the socket.io channel takes from the widget token when sign-in is on.
    """
    if channel == "slack":
        linked = (metadata or {}).get("employee")
        if isinstance(linked, str) and clean_employee_id(linked) == linked:
            return linked
        return sender_id.removesuffix(SLACK_COMMAND_SUFFIX)
    return sender_id
