"""A real multi-instance Service Coach on this machine, all on loopback: PostgreSQL, Redis,
two Rasa servers and two action servers behind nginx. Started for the scale test, stopped
after it; every process and data folder is its own."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from bot.runtime.ports import free_port
from bot.runtime.processes import ServiceProcess
from bot.runtime.stack import MODEL_PATH, action_service, rasa_service
from bot.settings import Settings, load_settings
from bot.store.database import prepare_database

PG_BIN = max(Path("/usr/lib/postgresql").glob("*/bin"), default=Path("/usr/lib/postgresql/15/bin"))
NGINX_BIN = shutil.which("nginx") or "/usr/sbin/nginx"


def as_postgres(*command: str) -> None:
    """PostgreSQL's tools refuse to run as root; run them as the `postgres` user."""
    subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c", " ".join(command)], check=True,
                   capture_output=True, timeout=120)  # fmt: skip


@dataclass
class Cluster:
    folder: Path
    base_env: dict[str, str]
    pg_port: int = field(default_factory=free_port)
    redis_port: int = field(default_factory=free_port)
    rasa_front: int = field(default_factory=free_port)
    actions_front: int = field(default_factory=free_port)
    rasa: list[ServiceProcess] = field(default_factory=list)
    rasa_ports: list[int] = field(default_factory=list)
    actions: list[ServiceProcess] = field(default_factory=list)
    others: list[ServiceProcess] = field(default_factory=list)
    settings: Settings | None = None

    @property
    def db_url(self) -> str:
        return f"postgresql://coach@127.0.0.1:{self.pg_port}/coach"

    @property
    def url(self) -> str:
        """Where employees reach Rasa: nginx in front of both Rasa servers."""
        return f"http://127.0.0.1:{self.rasa_front}"

    def start(self) -> None:
        self.start_postgres()
        self.others.append(self.redis())
        env = {
            **self.base_env, "DB_URL": self.db_url, "LOG_DIR": str(self.folder / "logs"),
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0", "LOG_LEVEL": "WARNING",
        }  # fmt: skip
        self.settings = load_settings(env, dotenv_path=self.folder / "none.env")
        prepare_database(self.db_url)
        rasa_ports, action_ports = [free_port(), free_port()], [free_port(), free_port()]
        self.rasa_ports = rasa_ports
        for index, port in enumerate(action_ports):
            self.actions.append(
                self.named(
                    action_service(replace(self.settings, actions_port=port)), f"actions{index}"
                )
            )
        for index, port in enumerate(rasa_ports):
            # Every Rasa server calls the actions through nginx.
            settings = replace(self.settings, rasa_port=port, actions_port=self.actions_front)
            self.rasa.append(self.named(rasa_service(settings, MODEL_PATH), f"rasa{index}"))
        self.others.append(self.nginx(rasa_ports, action_ports))
        for service in [*self.actions, *self.rasa, *self.others[1:]]:
            service.start()
        for service in [*self.others, *self.actions, *self.rasa]:
            service.wait_ready(300)

    def named(self, service: ServiceProcess, name: str) -> ServiceProcess:
        service.name = name
        service.log_path = self.folder / "logs" / f"{name}.log"
        return service

    @property
    def pg_data(self) -> Path:
        return self.pg_home / "data"

    def start_postgres(self) -> None:
        # Outside pytest's private temp folders, which the postgres user cannot enter.
        self.pg_home = Path(tempfile.mkdtemp(prefix="coach-pg-"))
        self.pg_home.chmod(0o755)
        data = self.pg_data
        data.mkdir()
        shutil.chown(data, "postgres", "postgres")
        as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "coach")
        self.resume_postgres()
        as_postgres(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.pg_port),
                    "-U", "coach", "coach")  # fmt: skip

    def resume_postgres(self) -> None:
        """Start the cluster's PostgreSQL on its data folder (again), waiting until it is up."""
        data = self.pg_data
        settings = f"-c listen_addresses=127.0.0.1 -k {data} -c max_connections=200"
        options = f"'-p {self.pg_port} {settings}'"
        as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-o", options,
                    "-l", str(data / "server.log"), "-w", "start")  # fmt: skip

    def pause_postgres(self) -> None:
        """Stop PostgreSQL at once, cutting every connection, as a restart or crash would."""
        as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(self.pg_data), "-m", "fast", "-w", "stop")

    def rasa_url(self, index: int) -> str:
        """One Rasa server directly, bypassing nginx."""
        return f"http://127.0.0.1:{self.rasa_ports[index]}"

    def redis(self) -> ServiceProcess:
        service = ServiceProcess(
            name="redis",
            command=["redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no"],
            ready_url="", env={}, cwd=self.folder, log_path=self.folder / "logs" / "redis.log",
        )  # fmt: skip
        service.start()
        service._answers = lambda: _redis_pings(self.redis_port)  # type: ignore[method-assign]
        return service

    def nginx(self, rasa_ports: list[int], action_ports: list[int]) -> ServiceProcess:
        conf = self.folder / "nginx.conf"
        conf.write_text(NGINX.format(
            folder=self.folder, rasa_front=self.rasa_front, actions_front=self.actions_front,
            # max_fails=0: never mark a server down. A dead one refuses at once and the request
            # moves on; marking the survivor down after one error left no server at all.
            rasa=" ".join(f"server 127.0.0.1:{p} max_fails=0;" for p in rasa_ports),
            actions=" ".join(f"server 127.0.0.1:{p};" for p in action_ports),
        ))  # fmt: skip
        return ServiceProcess(
            name="nginx",
            command=[NGINX_BIN, "-p", str(self.folder), "-c", str(conf), "-g", "daemon off;"],
            ready_url=f"http://127.0.0.1:{self.actions_front}/health", env={},
            cwd=self.folder, log_path=self.folder / "logs" / "nginx.log",
        )  # fmt: skip

    def stop(self) -> None:
        for service in [*self.rasa, *self.actions, *reversed(self.others)]:
            service.stop()
        home = getattr(self, "pg_home", None)
        if home is not None:
            subprocess.run(["su", "postgres", "-s", "/bin/sh", "-c",
                            f"{PG_BIN / 'pg_ctl'} -D {self.pg_data} -m fast stop"],
                           capture_output=True, timeout=60)  # fmt: skip
            shutil.rmtree(home, ignore_errors=True)


def _redis_pings(port: int) -> bool:
    result = subprocess.run(["redis-cli", "-p", str(port), "ping"], capture_output=True, text=True)
    return result.stdout.strip() == "PONG"


NGINX = """
pid {folder}/nginx.pid;
error_log {folder}/logs/nginx-error.log warn;
worker_processes 1;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    # Rasa posts the whole tracker to the action server: keep such bodies in memory rather
    # than in temp files (which unprivileged workers may not be able to write).
    client_body_buffer_size 16m;
    client_max_body_size 16m;
    proxy_max_temp_file_size 0;
    client_body_temp_path {folder}/nginx-body;
    proxy_temp_path {folder}/nginx-proxy;
    fastcgi_temp_path {folder}/nginx-fastcgi;
    uwsgi_temp_path {folder}/nginx-uwsgi;
    scgi_temp_path {folder}/nginx-scgi;
    upstream rasa {{ {rasa} }}
    upstream actions {{ {actions} }}
    server {{
        listen 127.0.0.1:{rasa_front};
        location / {{
            proxy_pass http://rasa;
            proxy_http_version 1.1;
            proxy_read_timeout 60s;
            # A refused connection is retried on the other server; a request already sent
            # to a server that dies is not (POSTs are not idempotent).
            proxy_next_upstream error timeout;
        }}
    }}
    server {{
        listen 127.0.0.1:{actions_front};
        location / {{ proxy_pass http://actions; proxy_http_version 1.1; }}
    }}
}}
"""
