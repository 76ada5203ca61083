"""Keep the Rasa server's connections to the action server open between calls.

Rasa 3.6 opens a new aiohttp session, and so a new TCP connection, for every call to an
endpoint (`EndpointConfig.request`): under load a twentieth of the Rasa server's CPU went to
setting up and tearing down connections to the action server (docs/performance.md). Here
each endpoint's session is made once per event loop and reused; Rasa's `async with` no
longer closes it. Idle connections are dropped after two seconds, before the action
server's own keep-alive timeout (five) could close one under a request.
"""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.utils.endpoints import EndpointConfig

IDLE_CONNECTION_S = 2.0
_sessions: dict[tuple[Any, ...], aiohttp.ClientSession] = {}


class _Kept:
    """What `async with endpoint.session()` gets: the shared session, left open after."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self.session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self.session

    async def __aexit__(self, *_: object) -> None:
        return None


def shared_session(endpoint: EndpointConfig) -> _Kept:
    loop = asyncio.get_running_loop()
    auth = endpoint.basic_auth or {}
    key = (id(loop), tuple(sorted((endpoint.headers or {}).items())), tuple(sorted(auth.items())))
    session = _sessions.get(key)
    if session is None or session.closed:
        session = aiohttp.ClientSession(
            headers=endpoint.headers,
            auth=aiohttp.BasicAuth(auth["username"], auth["password"]) if auth else None,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=IDLE_CONNECTION_S),
        )
        _sessions[key] = session
    return _Kept(session)


async def close_all() -> None:
    """Close the sessions made on the running event loop (at shutdown, and in tests)."""
    loop_id = id(asyncio.get_running_loop())
    for key in [key for key in _sessions if key[0] == loop_id]:
        await _sessions.pop(key).close()


def install() -> None:
    EndpointConfig.session = shared_session  # type: ignore[method-assign,assignment]
