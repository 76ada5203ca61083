"""What reaches the bot from any channel: clean text, or a friendly notice instead."""

from __future__ import annotations

import pytest

from bot.messages.inbound import EMPTY_MESSAGE, MAX_MESSAGE_CHARS, clean


@pytest.mark.parametrize("text", ["", "   ", "\n\t ", "\x00\x07"])
def test_empty_messages_get_a_friendly_notice(text: str) -> None:
    assert clean(text).notice == EMPTY_MESSAGE and clean(text).text is None


def test_an_over_long_message_is_refused_with_its_length() -> None:
    notice = clean("x" * 20_000).notice
    assert notice is not None and "20,000" in notice and f"{MAX_MESSAGE_CHARS:,}" in notice


@pytest.mark.parametrize(
    "text",
    [
        "Je mi líto, hned vám to opravím 😊",
        "أنا آسف جدًا، سأصلح ذلك الآن",
        "<script>alert('x')</script> sorry!",
        "'; DROP TABLE coaching_turns; --",
    ],
)
def test_real_text_in_any_script_passes_unchanged(text: str) -> None:
    assert clean(text).text == text


def test_control_characters_and_lone_surrogates_are_removed() -> None:
    assert clean("sor\x00ry\x1b[31m \ud800about that").text == "sorry[31m about that"
    assert clean("line one\r\nline two").text == "line one\nline two"
