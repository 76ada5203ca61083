"""Whether a message is an explicit command (hint, help, stop) or words for the customer.

During a role-play everything the employee types is a reply to the customer, except an
explicit request to stop, for a hint or for help. The intent classifier alone cannot promise
that ("Would you like a refund?" once read as a hint request), so a command must also look like
one: short, and holding one of the command's phrases (data/roleplay/commands.yml), or be a
button's payload.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.yaml_data import Fields

WORD = re.compile(r"[a-z']+")


@dataclass(frozen=True)
class Commands:
    phrases: dict[str, tuple[str, ...]]  # intent -> phrases
    max_words: int

    def is_explicit(self, intent: str, text: str) -> bool:
        """True for a command the message really gives; any other intent is not gated."""
        if intent not in self.phrases or text.startswith("/"):
            return True
        words = WORD.findall(text.lower().replace("\u2019", "'"))
        if len(words) > self.max_words:
            return False
        spaced = f" {' '.join(words)} "
        return any(f" {phrase} " in spaced for phrase in self.phrases[intent])


def load_commands(path: Path) -> Commands:
    root = Fields.of_file(path)
    commands = root.sub("commands")
    phrases = {
        intent: tuple(" ".join(WORD.findall(p.lower())) for p in commands.texts(intent))
        for intent in commands.names()
    }
    return Commands(phrases, root.integer("max_words", 1, 50))
