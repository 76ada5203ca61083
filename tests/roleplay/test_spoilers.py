"""A detail that spoils a fix is heard when it is said, not when it is said only to deny it
(bot/roleplay/spoilers.py)."""

from __future__ import annotations

import pytest

from bot.roleplay.spoilers import says


@pytest.mark.parametrize(
    ("text", "phrases", "spoiled"),
    [
        ("The tailor will have it done by noon tomorrow.", ("tomorrow",), True),
        ("We'll repair it, but not until tomorrow.", ("tomorrow",), True),
        ("It'll be with you by tomorrow without fail.", ("tomorrow",), True),
        ("No later than Monday, I promise.", ("monday",), True),
        ("We haven't got a spare, so we'll repair it, which takes a month.", ("a month",), True),
        ("Tomorrow's no good, I know. He's finishing it now.", ("tomorrow",), False),
        ("Tomorrow's too late, so the tailor is on it right now.", ("tomorrow",), False),
        ("I'll remake it now so you don't have to go back in line.", ("back in line",), False),
        ("Instead of making you queue again, I'll bring it over.", ("queue again",), False),
        ("We'll reprint it and you pay nothing.", ("you pay",), False),
        ("It\u2019s not the same model, it\u2019s the steel one.", ("same model",), False),
        ("By Monday, no charge.", ("monday",), True),
    ],
)
def test_a_spoiler_is_heard_unless_it_is_denied(text, phrases, spoiled) -> None:
    assert says(text, phrases) is spoiled
