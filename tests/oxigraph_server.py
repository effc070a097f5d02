"""A real Oxigraph server for tests: ``oxigraph serve`` on 127.0.0.1, a free port, a temp store.

The fixture ``oxigraph_server`` (session scope) yields an :class:`OxigraphServer` with the
query and Graph Store URLs; it waits until the server answers and stops it by its process id at
the end. The default graph is the union of the named graphs (``--union-default-graph``), as
the saved queries expect.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

START_TIMEOUT = 30  # seconds


@dataclass(frozen=True)
class OxigraphServer:
    base: str
    pid: int

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def oxigraph_command() -> list[str]:
    found = shutil.which("oxigraph")
    if found:
        return [found]
    return [sys.executable, "-m", "oxigraph"]


def _answers(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def start_server(location: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = oxigraph_command() + [
        "serve",
        "--location",
        str(location),
        "--bind",
        f"127.0.0.1:{port}",
        "--union-default-graph",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited: {log.read_text(errors='replace')}")
        if _answers(base):
            return process, base
        time.sleep(0.2)
    stop_server(process)
    raise RuntimeError(f"oxigraph serve did not answer within {START_TIMEOUT}s")


def stop_server(process: subprocess.Popen, timeout: float = 10) -> None:
    """Stop a server by its process id: SIGTERM, then SIGKILL if it lingers past ``timeout``."""
    if process.poll() is not None:
        return
    os.kill(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    """A running ``oxigraph serve --union-default-graph`` on an empty temporary store."""
    folder = tmp_path_factory.mktemp("oxigraph")
    process, base = start_server(folder / "store", folder / "server.log")
    try:
        yield OxigraphServer(base, process.pid)
    finally:
        stop_server(process)
