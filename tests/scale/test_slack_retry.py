"""A Slack retry that reaches the other Rasa server: the same event (same event_id, with
Slack's retry headers) delivered to both servers at once, and again through nginx, is
answered once. The record of what was taken in lives in the shared PostgreSQL database."""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace

from tests.e2e.test_slack import dm
from tests.fake_slack import FakeSlack
from tests.scale.cluster import Cluster


def at(url: str) -> SimpleNamespace:
    """What the Slack test helpers need of a server: where it listens."""
    return SimpleNamespace(settings=SimpleNamespace(rasa_url=url))


def test_a_retry_delivered_to_both_rasa_servers_is_answered_once(
    cluster: Cluster, fake_slack: FakeSlack
) -> None:
    user, event_id = f"U{uuid.uuid4().hex[:8]}", f"Ev{uuid.uuid4().hex[:10]}"
    retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    deliveries = [
        (cluster.rasa_url(0), {}),
        (cluster.rasa_url(1), retry),
        (cluster.url, {**retry, "X-Slack-Retry-Num": "2"}),
    ]
    with ThreadPoolExecutor(len(deliveries)) as pool:
        statuses = list(
            pool.map(
                lambda d: dm(at(d[0]), user, "hi", event_id=event_id, headers=d[1])[0], deliveries
            )
        )
    assert statuses == [200, 200, 200], "every delivery is acknowledged, so Slack stops"
    [reply] = fake_slack.wait_for_posts(f"D-{user}", 1)
    assert "Service Coach" in str(reply)
    time.sleep(3)  # room for a second answer, were one coming
    assert len(fake_slack.posts(f"D-{user}")) == 1, "answered once, by one server"
