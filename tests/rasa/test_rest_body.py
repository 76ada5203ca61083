"""Every malformed REST body is refused with a message that says what to fix."""

from __future__ import annotations

import pytest

from bot.rasa.channels.rest import BadRequest, read_body


def test_a_good_body_is_read() -> None:
    body = b'{"sender": "ana", "message": "hello", "metadata": {"team": "spa"}}'
    assert read_body(body) == ("ana", "hello", {"team": "spa"})


@pytest.mark.parametrize(
    ("body", "names"),
    [
        (b"\xff\xfe not utf-8", "UTF-8"),
        (b'{"sender": "ana", "message": ', "JSON"),
        (b'["ana", "hello"]', "object"),
        (b'{"message": "hello"}', '"sender"'),
        (b'{"sender": 42, "message": "hello"}', '"sender"'),
        (b'{"sender": "ana\\u0000", "message": "hello"}', '"sender"'),
        (b'{"sender": "' + b"a" * 300 + b'", "message": "hi"}', '"sender"'),
        (b'{"sender": "ana"}', '"message"'),
        (b'{"sender": "ana", "message": ["hi"]}', '"message"'),
        (b'{"sender": "ana", "message": "hi", "metadata": "spa"}', '"metadata"'),
    ],
)
def test_bad_bodies_name_the_problem(body: bytes, names: str) -> None:
    with pytest.raises(BadRequest, match=names):
        read_body(body)
