"""`make bench`: Service Coach against a plain `rasa init` bot, on this machine, in one run.

Both bots are driven over the REST channel with the same load (asyncio + aiohttp): one
employee, then 10 and 50 at once. The loads alternate between the bots, level by level and
round by round (each level is played ROUNDS times and the latencies of all rounds pooled), so
a busier moment of the machine falls on both alike. Only the bot under test runs: each is
launched while the other is frozen (SIGSTOP on its process groups), and each round thaws the
bot it measures and freezes it again after, so neither takes CPU from the other's start or
load. Beside latency it reads the CPU time of the bot's server processes (/proc) over each
level's messages. Ours plays whole role-plays; the plain bot its default conversation.
Prints a side-by-side table with ratios and writes the same as JSON under bench/results/
(committed, one file per run). The plain bot is built in a temporary folder.

`--stock-rasa` starts our servers with COACH_STOCK_RASA=1, which skips our patches of Rasa's
internals, to measure what they are worth; `--quick` is a smoke run of a minute or two.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import aiohttp
import httpx

from bot.runtime.ports import free_port
from bot.runtime.processes import ServiceProcess
from bot.runtime.stack import Stack
from bot.settings import PROJECT_ROOT, load_settings
from bot.store.database import prepare_database

LEVELS = {"1 user": (1, 60), "10 users": (10, 20), "50 users": (50, 8)}
QUICK_LEVELS = {"1 user": (1, 6), "10 users": (10, 2), "50 users": (50, 1)}
ROUNDS = 3
RESULTS = PROJECT_ROOT / "bench" / "results"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
OURS = [
    '/start_roleplay{"scenario": "latte", "difficulty": "furious"}',
    "ok",
    "I'm so sorry, I understand how frustrating that is.",
    "I'll personally remake it with oat milk right now.",
    "Here you go, thank you for your patience!",
    "stop",
]
PLAIN = ["hi", "great", "I am happy", "bye", "hello", "not good", "yes", "goodbye"]
TIMEOUT = aiohttp.ClientTimeout(total=60)
QUIET = {"RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "TQDM_DISABLE": "1"}


@dataclass
class Run:
    """One round of one load level: every message's latency, how long the round took, and
    the CPU seconds the bot's servers spent meanwhile."""

    latencies: list[float]
    elapsed: float
    errors: int
    cpu_s: float = float("nan")


@dataclass
class Load:
    p50: float
    p95: float
    p99: float
    throughput: float
    errors: int
    replies: int
    rounds: int
    cpu_ms_per_message: float

    @classmethod
    def pooled(cls, runs: list[Run]) -> Load:
        latencies = [latency for run in runs for latency in run.latencies]
        cuts = statistics.quantiles(latencies, n=100)
        throughput = len(latencies) / sum(run.elapsed for run in runs)
        errors = sum(run.errors for run in runs)
        cpu_ms = 1000 * sum(run.cpu_s for run in runs) / len(latencies)
        return cls(
            cuts[49], cuts[94], cuts[98], throughput, errors, len(latencies), len(runs), cpu_ms
        )


async def drive(url: str, users: int, messages_each: int, script: list[str]) -> Run:
    """Each simulated employee has a connection of its own, as a browser would.

    The client is aiohttp's: httpx cost the load generator 5-7 ms of CPU per request here,
    up to a whole core at 50 employees, which it took from the servers it was measuring on
    this 2-core machine (and more from the faster bot, which answers more requests a second).
    """
    latencies: list[float] = []
    errors = 0

    async def employee(index: int) -> None:
        nonlocal errors
        sender = f"bench-{secrets.token_hex(4)}-{index}"
        connector = aiohttp.TCPConnector(limit=1)
        async with aiohttp.ClientSession(connector=connector, timeout=TIMEOUT) as session:
            for n in range(messages_each):
                started = time.perf_counter()
                try:
                    async with session.post(
                        f"{url}/webhooks/rest/webhook",
                        json={"sender": sender, "message": script[n % len(script)]},
                    ) as answer:
                        if answer.status != 200 or not await answer.json():
                            errors += 1
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    errors += 1
                latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(employee(i) for i in range(users)))
    elapsed = time.perf_counter() - started
    return Run(latencies, elapsed, errors)


def cpu_seconds(groups: Iterable[int]) -> float:
    """User plus system CPU time of every live process in the given process groups, with
    what their finished children used (each server runs in a group of its own)."""
    wanted, total = set(groups), 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name, in parentheses, may hold spaces: split after it.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        if int(fields[2]) in wanted:  # pgrp
            total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / CLOCK_TICKS


def signal_groups(groups: Iterable[int], sig: signal.Signals) -> None:
    for group in groups:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, sig)


def peak_memory_mb(pid: int) -> float:
    """The process's peak resident size (VmHWM) in MB; NaN when it cannot be read."""
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return float("nan")
    for line in lines:
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@dataclass
class Bot:
    """A trained bot ready to launch: how to start it, where it answers, how to stop it."""

    name: str
    start: Callable[[], dict[str, int]]  # launches the servers; their pids by name
    stop: Callable[[], None]
    url: str
    script: list[str]
    training_s: float
    pids: dict[str, int] = field(default_factory=dict)
    result: dict = field(default_factory=dict)
    runs: dict[str, list[Run]] = field(default_factory=dict)

    def launch(self) -> None:
        """Cold start: from launching the servers to the first answered message."""
        launched = time.monotonic()
        self.pids = self.start()
        first = _first_answer(self.url, self.script[0], timeout=600)
        self.result["cold_start_s"] = time.monotonic() - launched if first else float("nan")
        self.result["training_s"] = self.training_s

    def freeze(self) -> None:
        """Stop every process of the bot where it stands, so it takes no CPU from the other."""
        signal_groups(self.pids.values(), signal.SIGSTOP)

    def thaw(self) -> None:
        signal_groups(self.pids.values(), signal.SIGCONT)

    def load(self, label: str, users: int, each: int) -> None:
        self.thaw()
        try:
            cpu_before = cpu_seconds(self.pids.values())
            run = asyncio.run(drive(self.url, users, each, self.script))
            run.cpu_s = cpu_seconds(self.pids.values()) - cpu_before
        finally:
            self.freeze()
        self.runs.setdefault(label, []).append(run)
        alone = Load.pooled([run])
        self.result[label] = Load.pooled(self.runs[label]).__dict__
        self.result[label]["p95_by_round"] = [Load.pooled([r]).p95 for r in self.runs[label]]
        print(
            f"  {self.name} {label}: p95 {alone.p95 * 1000:.0f} ms, {alone.throughput:.1f} msg/s,"
            f" {alone.cpu_ms_per_message:.1f} ms CPU/msg"
        )

    def read_memory(self) -> None:
        memory = {name: peak_memory_mb(pid) for name, pid in self.pids.items()}
        self.result["peak_memory_by_server_mb"] = memory
        self.result["peak_memory_mb"] = sum(memory.values())


def measure(bots: list[Bot], rounds: int, levels: dict[str, tuple[int, int]]) -> None:
    """Each bot launched while the other is frozen (for its cold start), then the loads
    taken in turn, level by level and round by round, so a slower or busier moment of the
    machine falls on both bots alike; one round's figures move by a fifth or more with the
    machine's speed. Only the bot under test is ever running."""
    for bot in bots:
        bot.launch()
        bot.freeze()
    for label, (users, each) in levels.items():
        for _ in range(rounds):
            for bot in bots:
                bot.load(label, users, each)
    for bot in bots:
        bot.read_memory()


def _first_answer(url: str, text: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            answer = httpx.post(
                f"{url}/webhooks/rest/webhook", json={"sender": "cold", "message": text}, timeout=5
            )
            if answer.status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    return False


def ours(folder: Path, stock_rasa: bool = False) -> Bot:
    started = time.monotonic()
    out = folder / "ours-model"
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "--force", "--data", "data/nlu", "data/rules",
         "data/stories", "--out", str(out), "--fixed-model-name", "bench"],
        cwd=PROJECT_ROOT, env={**os.environ, **QUIET}, check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [sys.executable, "-m", "bot.coaching.training"],
        cwd=PROJECT_ROOT, env={**os.environ, **QUIET}, check=True, capture_output=True,
    )  # fmt: skip
    training = time.monotonic() - started
    stack = our_stack(folder, stock_rasa)

    def start() -> dict[str, int]:
        for service in stack.services.values():
            service.start()
        return {name: service.process.pid for name, service in stack.services.items()}

    name = "ours (stock Rasa)" if stock_rasa else "ours"
    return Bot(name, start, stack.stop, stack.settings.rasa_url, OURS, training)


def our_stack(folder: Path, stock_rasa: bool = False) -> Stack:
    """Our Rasa and action servers on free ports and a fresh database; with `stock_rasa`,
    started with COACH_STOCK_RASA=1, so they skip our patches of Rasa's internals."""
    ports = [free_port() for _ in range(3)]
    env = {
        "RASA_AUTH_TOKEN": secrets.token_urlsafe(24), "WEB_SECRET_KEY": secrets.token_urlsafe(24),
        "RASA_PORT": str(ports[0]), "ACTIONS_PORT": str(ports[1]), "WEB_PORT": str(ports[2]),
        "DB_URL": f"sqlite:///{folder / 'bench.db'}", "LOG_DIR": str(folder / "logs"),
        "LOG_LEVEL": "WARNING",
        # The same load as the plain bot, which has no per-conversation limit: one simulated
        # employee sends 60 messages as fast as the server answers.
        "RATE_LIMIT_PER_MINUTE": "0",
    }  # fmt: skip
    settings = load_settings(env, dotenv_path=folder / "none.env")
    prepare_database(settings.db_url)
    stack = Stack(settings=settings)
    del stack.services["web"]
    for service in stack.services.values():  # the option decides, not the shell's setting
        service.env = {**service.env, "COACH_STOCK_RASA": "1" if stock_rasa else "0"}
    return stack


def plain(folder: Path) -> Bot:
    project = folder / "plain"
    project.mkdir()
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "rasa", "init", "--no-prompt", "--init-dir", str(project)],
        cwd=project, env={**os.environ, **QUIET}, check=True, capture_output=True,
    )  # fmt: skip
    training = time.monotonic() - started
    port = free_port()
    model = next((project / "models").glob("*.tar.gz"))
    server = ServiceProcess(
        name="plain Rasa",
        command=[sys.executable, "-m", "rasa", "run", f"--model={model}", f"--port={port}",
                 "--interface=127.0.0.1"],
        ready_url=f"http://127.0.0.1:{port}/", env={**os.environ, **QUIET}, cwd=project,
        log_path=folder / "plain.log",
    )  # fmt: skip
    return Bot(
        "plain", lambda: (server.start(), {"rasa": server.process.pid})[1], server.stop,
        f"http://127.0.0.1:{port}", PLAIN, training,
    )  # fmt: skip


def table(mine: dict, theirs: dict, levels: Iterable[str]) -> str:
    rows = [
        ("training (s)", mine["training_s"], theirs["training_s"]),
        ("cold start to first answer (s)", mine["cold_start_s"], theirs["cold_start_s"]),
    ]
    for label in levels:
        for key in ("p50", "p95", "p99"):
            rows.append((f"{label} {key} (ms)", mine[label][key] * 1000, theirs[label][key] * 1000))
        key = "cpu_ms_per_message"
        rows.append((f"{label} CPU per message (ms)", mine[label][key], theirs[label][key]))
    rows.append(
        (
            "throughput at 50 users (msg/s)",
            mine["50 users"]["throughput"],
            theirs["50 users"]["throughput"],
        )
    )
    rows.append(
        (
            "errors",
            sum(mine[lv]["errors"] for lv in levels),
            sum(theirs[lv]["errors"] for lv in levels),
        )
    )
    rows.append(("peak memory of servers (MB)", mine["peak_memory_mb"], theirs["peak_memory_mb"]))
    for server, megabytes in mine["peak_memory_by_server_mb"].items():
        rows.append((f"  of which {server} (MB)", megabytes, float("nan")))
    lines = [f"{'':34} {'ours':>10} {'plain':>10} {'ours/plain':>11}"]
    for name, a, b in rows:
        ratio = f"{a / b:.2f}" if b and b == b else "-"  # b == b: not NaN
        lines.append(f"{name:34} {a:10.1f} {b:10.1f} {ratio:>11}")
    return "\n".join(lines)  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", help="where to write the results (default: bench/results/)")
    parser.add_argument("--only", choices=["ours"], help="skip the plain bot (a quick re-check)")
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="rounds of each load level")
    parser.add_argument(
        "--stock-rasa", action="store_true", help="our servers with COACH_STOCK_RASA=1"
    )
    parser.add_argument(
        "--quick", action="store_true", help="a smoke run: a few messages, one round"
    )
    args = parser.parse_args()
    levels = QUICK_LEVELS if args.quick else LEVELS
    rounds = 1 if args.quick else args.rounds
    folder = Path(tempfile.mkdtemp(prefix="coach-bench-"))
    bots: list[Bot] = []
    try:
        print("Training Service Coach...")
        bots.append(ours(folder, args.stock_rasa))
        if args.only != "ours":
            print("Building a plain `rasa init` bot (takes a few minutes)...")
            bots.append(plain(folder))
        print("Measuring, the loads alternating between the bots, one running at a time...")
        measure(bots, rounds, levels)
    finally:
        for bot in bots:
            bot.thaw()  # a frozen server would sit out its SIGTERM
            bot.stop()
        shutil.rmtree(folder, ignore_errors=True)
    if args.only == "ours":
        print(json.dumps(bots[0].result, indent=1))
        return 0
    mine, theirs = bots[0].result, bots[1].result
    print(table(mine, theirs, levels))
    target = Path(args.json) if args.json else results_path(args.stock_rasa, args.quick)
    target.parent.mkdir(parents=True, exist_ok=True)
    run = {"stock_rasa": args.stock_rasa, "quick": args.quick, "rounds": rounds, "levels": levels}
    target.write_text(json.dumps({"run": run, "ours": mine, "plain": theirs}, indent=2))
    print(f"JSON: {target}")
    return 0


def results_path(stock_rasa: bool, quick: bool) -> Path:
    """bench/results/<UTC time>[-stock-rasa].json, committed; a smoke run's goes to var/."""
    if quick:
        return PROJECT_ROOT / "var" / "bench" / "quick.json"
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H%MZ")
    return RESULTS / f"{stamp}{'-stock-rasa' if stock_rasa else ''}.json"


if __name__ == "__main__":
    sys.exit(main())
