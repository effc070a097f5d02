"""``oaskg serve``: the site's ASGI application on uvicorn (httptools parser, uvloop).

Chosen by measuring (``bench/load.py``): uvicorn and granian answer a trivial ASGI app equally
fast on this project's machines (about 6,500 requests/s at 16 clients, client-bound), and
uvicorn can be run in-process on a socket we bind ourselves, so a taken port is our exit 3.

The protocol class adds what uvicorn leaves open: a request's head (request line and headers)
must arrive within ``head_timeout`` seconds of the connection opening or of the previous
answer (else 408 and the connection is closed), and may be at most ``max_head`` bytes (431).
Idle keep-alive connections close after ``keep_alive`` seconds.
"""

from __future__ import annotations

import resource
import socket
from dataclasses import dataclass
from pathlib import Path

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from build_graph.web.app import Publisher, load_sources
from build_graph.web.asgi import Limits, SiteApp
from build_graph.web.graphview import GraphView
from build_graph.web.sparql_endpoint import SparqlEndpoint


@dataclass(frozen=True)
class ServerLimits:
    """Connection limits of ``oaskg serve``."""

    head_timeout: float = 10.0
    max_head: int = 16 * 1024
    keep_alive: int = 5
    max_concurrency: int = 4096


class GuardedProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with a deadline and a size limit on each request head."""

    head_timeout = 10.0
    max_head = 16 * 1024

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._head_bytes = 0
        self._in_head = True
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_expired)

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            self._head_bytes += len(data)
            if self._head_bytes > self.max_head:
                self._refuse(431, "Request Header Fields Too Large",
                             f"The request head is larger than {self.max_head} bytes.")
                return
        super().data_received(data)

    def on_headers_complete(self) -> None:
        self._in_head = False
        self._cancel_head_timer()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if self.transport.is_closing():
            return
        self._in_head, self._head_bytes = True, 0
        self._cancel_head_timer()
        self._head_timer = self.loop.call_later(self.head_timeout, self._head_expired)

    def connection_lost(self, exc) -> None:
        self._cancel_head_timer()
        super().connection_lost(exc)

    def _cancel_head_timer(self) -> None:
        timer = getattr(self, "_head_timer", None)
        if timer is not None:
            timer.cancel()
            self._head_timer = None

    def _head_expired(self) -> None:
        self._head_timer = None
        if not self._in_head or self.transport.is_closing():
            return
        if self._head_bytes:
            self._refuse(408, "Request Timeout",
                         f"The request head did not arrive within {self.head_timeout:g} s.")
        else:
            self.transport.close()

    def _refuse(self, status: int, reason: str, message: str) -> None:
        body = (message + "\n").encode()
        self.transport.write(
            f"HTTP/1.1 {status} {reason}\r\ncontent-type: text/plain; charset=utf-8\r\n"
            f"content-length: {len(body)}\r\nconnection: close\r\n\r\n".encode() + body)
        self._in_head = False
        self._cancel_head_timer()
        self.transport.close()


def make_publisher(out_dir: Path, base: str, documents: Path | None = None,
                   timeout: float = 10.0, max_results: int = 10_000, workers: int = 4,
                   max_workers: int = 16, client_limit: int = 4, root: str = "/") -> Publisher:
    """The site of the graph built in ``out_dir`` (raises ``StoreMissing`` if there is none)."""
    from build_graph.rdf.store import open_store

    store = open_store(out_dir)
    view = GraphView(store, base)
    endpoint = SparqlEndpoint(out_dir, timeout=timeout, max_results=max_results,
                              workers=workers, max_workers=max_workers,
                              client_limit=client_limit)
    return Publisher(view, out_dir, endpoint, load_sources(view, documents), root=root)


def bind(host: str, port: int, backlog: int = 2048) -> socket.socket:
    """A listening socket (raises OSError when the address is taken or cannot be used)."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def raise_open_files_limit() -> None:
    """Many idle clients need many sockets: lift the soft limit on open files to the hard."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        except (ValueError, OSError):
            pass


def run(app: SiteApp, sock: socket.socket, limits: ServerLimits = ServerLimits(),
        verbose: bool = False, trusted_proxies: str | None = None, root_path: str = "") -> None:
    """Serve ``app`` on ``sock`` until SIGINT or SIGTERM."""
    import uvicorn

    protocol = type("Protocol", (GuardedProtocol,), {"head_timeout": limits.head_timeout,
                                                     "max_head": limits.max_head})
    config = uvicorn.Config(
        app, http=protocol, loop="auto", lifespan="off", access_log=verbose,
        log_level="info" if verbose else "warning", timeout_keep_alive=limits.keep_alive,
        limit_concurrency=limits.max_concurrency, backlog=2048, server_header=False,
        proxy_headers=trusted_proxies is not None,
        forwarded_allow_ips=trusted_proxies or "127.0.0.1", timeout_graceful_shutdown=5,
        root_path=root_path)
    raise_open_files_limit()
    uvicorn.Server(config).run(sockets=[sock])


__all__ = ["GuardedProtocol", "Limits", "ServerLimits", "SiteApp", "bind", "make_publisher",
           "run"]
