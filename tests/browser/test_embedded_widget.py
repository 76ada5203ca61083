"""An intranet page that signs its users in itself embeds the widget with a token it mints
with the shared secret (README, "Embedding the widget in an intranet"): the widget practises
as that employee without asking a name, and a page with a forged token gets nowhere."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from playwright.sync_api import Page, expect

from bot.runtime.stack import Stack
from tests.browser.test_widget import say
from tests.e2e.test_signed_in_channels import eventually_written_for

INTRANET = """<!doctype html><html><body><h1>Intranet</h1><div id="coach"></div>
<script src="{web}/static/widget.js" data-rasa-url="{rasa}" data-target="#coach"
        data-token="{token}"></script></body></html>"""


def coach_token(employee_id: str, secret: str) -> str:
    """As the README shows an intranet minting one."""
    claims = {"sub": employee_id, "aud": "service-coach-widget", "exp": int(time.time()) + 600}
    return jwt.encode(claims, secret, algorithm="HS256")


class Intranet:
    """Another site, on its own loopback port, serving the page it would render."""

    def __init__(self) -> None:
        self.html = b""
        intranet = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.end_headers()
                self.wfile.write(intranet.html)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def intranet() -> Iterator[Intranet]:
    site = Intranet()
    yield site
    site.server.shutdown()


def open_intranet(page: Page, intranet: Intranet, stack: Stack, token: str) -> None:
    settings = stack.settings
    page_html = INTRANET.format(web=settings.web_url, rasa=settings.rasa_url, token=token)
    intranet.html = page_html.encode()
    page.goto(intranet.url)


def test_an_intranet_token_practises_as_its_employee(
    page: Page, intranet: Intranet, signed_in_stack: Stack
) -> None:
    employee = f"kim-{uuid.uuid4().hex[:6]}"
    token = coach_token(employee, signed_in_stack.settings.widget_token_secret)
    open_intranet(page, intranet, signed_in_stack, token)
    expect(page.locator(".coach-who")).to_have_text(f"Practising as {employee}")
    expect(page.locator(".coach-status")).to_have_text("")  # online
    say(page, "hi")
    expect(page.locator(".coach-msg--bot").first).to_be_visible()
    assert (
        eventually_written_for(signed_in_stack, employee) > 0
    )  # the conversation is the employee's


def test_a_token_signed_with_another_key_gets_nowhere(
    page: Page, intranet: Intranet, signed_in_stack: Stack
) -> None:
    forged = coach_token("kim", "not-the-shared-secret-0123456789")
    open_intranet(page, intranet, signed_in_stack, forged)
    expect(page.locator(".coach-status")).to_contain_text("Reload the page to sign in again")
