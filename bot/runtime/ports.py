"""Port checks, so a taken port is reported clearly instead of as a server crash."""

from __future__ import annotations

import socket


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on host:port (we can bind it ourselves)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def free_port(host: str = "127.0.0.1") -> int:
    """A port the OS reports free right now; tests use it to avoid fixed ports."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def taken_ports(host: str, ports: dict[str, int]) -> list[str]:
    """One readable line per setting whose port is already in use."""
    return [
        f"{name}={port} is already in use on {host}: stop whatever listens there, "
        f"or set {name} to a free port in .env."
        for name, port in ports.items()
        if not port_is_free(host, port)
    ]
