"""Calls to the action server reuse one open connection instead of opening one per call."""

from __future__ import annotations

from aiohttp import web
from rasa.utils.endpoints import EndpointConfig

from bot.rasa.patches import action_connections
from bot.runtime.ports import free_port
from tests.own_loop import run_on_own_loop


async def calls_seen_from(ports: list[int], calls: int) -> list[dict]:
    async def answer(request: web.Request) -> web.Response:
        ports.append(request.transport.get_extra_info("peername")[1])
        return web.json_response({"events": [], "auth": request.headers.get("Authorization")})

    app = web.Application()
    app.router.add_post("/webhook", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook",
                              headers={"Authorization": "Bearer s3cret"})  # fmt: skip
    try:
        return [await endpoint.request(json={"n": n}) for n in range(calls)]
    finally:
        await action_connections.close_all()
        await runner.cleanup()


def test_successive_action_calls_share_one_connection_and_keep_the_token() -> None:
    action_connections.install()
    ports: list[int] = []
    answers = run_on_own_loop(calls_seen_from(ports, 3))
    assert [a["auth"] for a in answers] == ["Bearer s3cret"] * 3
    assert len(ports) == 3 and len(set(ports)) == 1, "one TCP connection for all three calls"
