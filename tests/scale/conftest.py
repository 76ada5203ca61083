"""One multi-instance cluster for every scale test, with Slack switched on against the
session's fake Slack Web API."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.conftest import stack_environment
from tests.fake_slack import FakeSlack
from tests.scale.cluster import Cluster


@pytest.fixture(scope="package")
def cluster(tmp_path_factory: pytest.TempPathFactory, fake_slack: FakeSlack) -> Iterator[Cluster]:
    folder = tmp_path_factory.mktemp("cluster")
    running = Cluster(folder, stack_environment(folder / "unused.db", fake_slack.url))
    try:
        running.start()
        yield running
    finally:
        running.stop()
