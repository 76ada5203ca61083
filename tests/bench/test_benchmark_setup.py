"""The benchmark measures what it says: our servers with Rasa's patches switched off when
asked, and the CPU time of exactly the processes of the bot under test."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.benchmark import cpu_seconds, our_stack, results_path
from bot.runtime.stack import child_environment
from bot.settings import PROJECT_ROOT, load_settings

BURN = "import time\nend = time.process_time() + 0.5\nwhile time.process_time() < end: pass"


def test_stock_rasa_reaches_both_servers_and_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COACH_STOCK_RASA", "1")  # left over in the shell
    stock, patched = our_stack(tmp_path / "a", stock_rasa=True), our_stack(tmp_path / "b")
    assert {s.env.get("COACH_STOCK_RASA") for s in stock.services.values()} == {"1"}
    assert {s.env.get("COACH_STOCK_RASA") for s in patched.services.values()} == {"0"}
    assert set(stock.services) == {"rasa", "actions"}, "the web app is not measured"


def test_make_run_passes_the_switch_through_to_every_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`COACH_STOCK_RASA=1 make run`: the servers' environment has the switch on."""
    monkeypatch.setenv("COACH_STOCK_RASA", "1")
    settings = load_settings(dotenv_path=tmp_path / "none.env")  # as make run: the environment
    assert child_environment(settings)["COACH_STOCK_RASA"].lower() in ("1", "true")


def test_cpu_time_is_that_of_the_bot_s_process_group() -> None:
    """A server that burns half a second of CPU, then idles, is charged that half second."""
    server = subprocess.Popen(
        [sys.executable, "-c", BURN + "\ntime.sleep(30)"], start_new_session=True
    )
    try:
        while cpu_seconds([server.pid]) < 0.5:
            assert server.poll() is None, "the burn never showed up"
            time.sleep(0.05)
        time.sleep(0.3)
        assert cpu_seconds([server.pid]) < 1.5, "its idling and other processes not counted"
    finally:
        server.kill()
        server.wait()


def test_results_are_written_under_bench_results_one_file_per_run() -> None:
    full, stock = results_path(False, quick=False), results_path(True, quick=False)
    assert full.parent == stock.parent == PROJECT_ROOT / "bench" / "results"
    assert stock.name.endswith("-stock-rasa.json") and full.suffix == ".json"
    assert "bench/results" not in str(results_path(False, quick=True)), "smoke runs stay out"
