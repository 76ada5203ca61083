"""What every channel does with a message before Rasa sees it.

Text is cleaned of what no employee types on purpose (control characters, lone surrogates
that cannot be stored), and an empty or over-long message gets a friendly answer at once,
so it never reaches the role-play, is never scored, and the next message works as usual.
Plain Python, no Rasa: the REST, socket.io and Slack channels share it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_MESSAGE_CHARS = 4000
EMPTY_MESSAGE = (
    "I didn't get any text there. Type what you'd say to the customer, or say \"help\" "
    "to see what I can do."
)
TOO_LONG = (
    "That message is {length:,} characters long; I read up to {limit:,} at a time. "
    "Please send a shorter one: nothing has changed, and your role-play is still waiting."
)
# C0 and C1 controls except tab and newlines, DEL, and UTF-16 surrogates (invalid alone).
_UNWANTED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


@dataclass(frozen=True)
class Inbound:
    """Either cleaned text for the bot, or a notice to answer with instead."""

    text: str | None = None
    notice: str | None = None


def clean(text: str) -> Inbound:
    cleaned = unicodedata.normalize("NFC", _UNWANTED.sub("", text.replace("\r\n", "\n")))
    if not cleaned.strip():
        return Inbound(notice=EMPTY_MESSAGE)
    if len(cleaned) > MAX_MESSAGE_CHARS:
        return Inbound(notice=TOO_LONG.format(length=len(cleaned), limit=MAX_MESSAGE_CHARS))
    return Inbound(text=cleaned.strip())


def has_control_characters(text: str) -> bool:
    return bool(_UNWANTED.search(text)) or any(c in text for c in "\t\n\r")
