"""A stand-in for Slack's Web API on a loopback port: answers like Slack, records calls."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.emails: dict[str, str] = {}  # users.info answers with these profiles' emails
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/api"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # users.info and other reads
                self.do_POST()

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                if "json" in (self.headers.get("Content-Type") or ""):
                    args = json.loads(raw or "{}")
                else:
                    args = dict(parse_qsl(raw))
                path, _, query = self.path.partition("?")
                args.update(parse_qsl(query))
                method = path.rsplit("/", 1)[-1]
                with fake.lock:
                    fake.calls.append((method, args))
                answer = {"ok": True, "ts": f"{time.time():.6f}", "channel": {"id": "D-OPENED"}}
                if method == "users.info":
                    email = fake.emails.get(str(args.get("user")), "")
                    answer["user"] = {"id": args.get("user"), "profile": {"email": email}}
                body = json.dumps(answer).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        return Handler

    def start(self) -> FakeSlack:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()

    def posts(self, channel: str | None = None) -> list[dict[str, Any]]:
        with self.lock:
            return [
                args
                for method, args in self.calls
                if method == "chat.postMessage" and (channel is None or args["channel"] == channel)
            ]

    def methods(self) -> list[str]:
        with self.lock:
            return [method for method, _ in self.calls]

    def wait_for_posts(self, channel: str, count: int, timeout: float = 20) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.posts(channel)
            if len(found) >= count:
                time.sleep(0.6)  # let the rest of the turn arrive
                return self.posts(channel)
            time.sleep(0.1)
        raise AssertionError(f"expected {count} posts to {channel}, got {self.posts(channel)}")
