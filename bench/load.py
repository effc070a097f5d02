"""Servers on 127.0.0.1 and a bounded, threaded load client.

``oaskg serve`` and ``oxigraph serve`` are started as child processes on a free loopback port
and stopped by their process id. :func:`load` sends a fixed number of GET requests from a fixed
number of threads (each with its own keep-alive connection), stops at a time limit, and reports
requests/s, latency percentiles and errors.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from bench.queries import percentile

HOST = "127.0.0.1"
START_TIMEOUT = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def _wait(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with code {process.returncode}: {url}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"no answer from {url} after {START_TIMEOUT:.0f} s")


@contextmanager
def running(command: list[str], probe: str):
    """Start ``command``, wait until ``probe`` answers 200, stop it by pid at the end."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(probe, process)
        yield process
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()


def oaskg_serve(out_dir: Path, port: int) -> list[str]:
    return [sys.executable, "-m", "build_graph", "serve", "--out", str(out_dir),
            "--host", HOST, "--port", str(port)]


def oxigraph_serve(out_dir: Path, store_dir: Path, port: int) -> list[str]:
    """Load ``graph.nq`` into ``store_dir`` (once), then the command that serves it."""
    oxigraph = _oxigraph()
    subprocess.run(oxigraph + ["load", "--location", str(store_dir), "--file",
                               str(out_dir / "graph.nq")],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return oxigraph + ["serve", "--location", str(store_dir), "--bind", f"{HOST}:{port}",
                       "--union-default-graph"]


def _oxigraph() -> list[str]:
    import shutil

    found = shutil.which("oxigraph")
    return [found] if found else [sys.executable, "-m", "oxigraph"]


def legacy_serve(out_dir: Path, port: int) -> list[str]:
    """The server before issue 13 (``ThreadingHTTPServer``), for the same-run comparison."""
    return [sys.executable, str(Path(__file__).resolve().parent / "legacy_server.py"),
            str(out_dir), str(port)]


def load(port: int, paths: list[str], requests: int, clients: int = 16,
         time_limit: float = 60.0, headers: dict[str, str] | None = None,
         sources: list[str] | None = None) -> dict:
    """GET ``paths`` round-robin, ``requests`` in all from ``clients`` threads (each from one
    of ``sources``, loopback addresses, in turn, when given)."""
    if not paths:
        raise ValueError("no path to request")
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(requests))
    deadline = time.monotonic() + time_limit

    def connect(n: int) -> http.client.HTTPConnection:
        source = (sources[n % len(sources)], 0) if sources else None
        return http.client.HTTPConnection(HOST, port, timeout=30, source_address=source)

    def worker(n: int) -> None:
        conn = connect(n)
        while time.monotonic() < deadline:
            with lock:
                index = next(counter, None)
            if index is None:
                break
            start = time.perf_counter()
            try:
                conn.request("GET", paths[index % len(paths)], headers=headers or {})
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
                problem = f"HTTP {response.status}"
            except (OSError, http.client.HTTPException) as exc:
                ok, problem = False, type(exc).__name__
                conn.close()
                conn = connect(n)
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(problem)
        conn.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - start
    ms = [s * 1000 for s in latencies] or [0.0]
    return {
        "clients": clients,
        "requests": len(latencies),
        "errors": len(errors),
        "error_kinds": sorted(set(errors)),
        "seconds": wall,
        "rps": len(latencies) / wall if wall else 0.0,
        "p50_ms": percentile(ms, 50),
        "p99_ms": percentile(ms, 99),
    }


def slow_and_cheap(port: int, runaway_path: str, cheap_path: str, runaways: int = 8,
                   cheap: int = 10, headers: dict[str, str] | None = None) -> dict:
    """``runaways`` runaway queries, each from its own loopback address, and meanwhile
    ``cheap`` cheap ones from another: the cheap queries' latencies and statuses."""
    results: dict = {"runaway_status": [], "cheap_ms": [], "cheap_status": []}
    lock = threading.Lock()

    def get(path: str, source: str) -> int:
        conn = http.client.HTTPConnection(HOST, port, timeout=120, source_address=(source, 0))
        try:
            conn.request("GET", path, headers=headers or {})
            response = conn.getresponse()
            response.read()
            return response.status
        except (OSError, http.client.HTTPException):
            return 0
        finally:
            conn.close()

    def runaway(n: int) -> None:
        status = get(runaway_path, f"127.0.0.{n + 2}")
        with lock:
            results["runaway_status"].append(status)

    threads = [threading.Thread(target=runaway, args=(n,)) for n in range(runaways)]
    for thread in threads:
        thread.start()
    time.sleep(1.0)  # all in flight
    for _ in range(cheap):
        start = time.perf_counter()
        status = get(cheap_path, "127.0.0.200")
        results["cheap_ms"].append((time.perf_counter() - start) * 1000)
        results["cheap_status"].append(status)
        time.sleep(0.1)
    results["runaways_still_running"] = sum(t.is_alive() for t in threads)
    for thread in threads:
        thread.join()
    results["cheap_max_ms"] = max(results["cheap_ms"])
    results["cheap_p50_ms"] = percentile(results["cheap_ms"], 50)
    return results
