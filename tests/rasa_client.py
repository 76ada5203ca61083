"""A small client for the Rasa server's REST channel and HTTP API, used by the tests."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RasaClient:
    base_url: str
    token: str

    def send(self, sender: str, text: str) -> list[dict[str, Any]]:
        """Say `text` as `sender` on the REST channel; return the bot's messages."""
        body = {"sender": sender, "message": text}
        return self._request("POST", "/webhooks/rest/webhook", body, authorised=False)

    def texts(self, sender: str, text: str) -> list[str]:
        return [m["text"] for m in self.send(sender, text) if "text" in m]

    def parse(self, text: str) -> dict[str, Any]:
        return self._request("POST", "/model/parse", {"text": text})

    def tracker(self, sender: str) -> dict[str, Any]:
        quoted = urllib.parse.quote(sender, safe="")
        return self._request("GET", f"/conversations/{quoted}/tracker")

    def post_raw(self, path: str, body: bytes) -> tuple[int, Any]:
        """POST exact bytes (malformed on purpose); return the status and decoded answer."""
        request = urllib.request.Request(
            self.base_url + path, data=body, method="POST",
            headers={"Content-Type": "application/json"},
        )  # fmt: skip
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"null")

    def _request(self, method: str, path: str, body: Any = None, authorised: bool = True) -> Any:
        url = self.base_url + path
        if authorised:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode({"token": self.token})
        data = None if body is None else json.dumps(body).encode("utf-8")
        request = urllib.request.Request(
            url, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)
