"""``oaskg serve``: the linked-data site over HTTP (the standard library's threading server)."""

from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from build_graph.web.app import MAX_BODY, Publisher, load_sources
from build_graph.web.graphview import GraphView
from build_graph.web.sparql_endpoint import SparqlEndpoint


class Handler(BaseHTTPRequestHandler):
    server_version = "oaskg"
    protocol_version = "HTTP/1.1"
    publisher: Publisher
    quiet = True

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send_error(413, "Request body too large")
            return
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        response = self.publisher.handle(method, self.path, headers, body)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Access-Control-Allow-Origin", "*")
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(response.body)

    def do_GET(self) -> None:  # noqa: N802 (the standard library's names)
        self._serve("GET")

    def do_HEAD(self) -> None:  # noqa: N802
        self._serve("HEAD")

    def do_POST(self) -> None:  # noqa: N802
        self._serve("POST")

    def _refuse(self) -> None:
        self._serve(self.command)

    do_PUT = do_DELETE = do_PATCH = _refuse  # noqa: N815

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        if not self.quiet:
            sys.stderr.write(f"{self.address_string()} {format % args}\n")


class LinkedDataServer(ThreadingHTTPServer):
    """A thread per connection; a listen backlog large enough that bursts of clients are not
    dropped (the default of 5 makes the kernel drop SYNs, which costs a client 1 s)."""

    daemon_threads = True
    request_queue_size = 128


def make_publisher(out_dir: Path, base: str, documents: Path | None = None,
                   timeout: float = 10.0, max_results: int = 10_000) -> Publisher:
    """The site of the graph built in ``out_dir`` (raises ``StoreMissing`` if there is none)."""
    from build_graph.store import open_store

    store = open_store(out_dir)
    view = GraphView(store, base)
    endpoint = SparqlEndpoint(store, timeout=timeout, max_results=max_results)
    return Publisher(view, out_dir, endpoint, load_sources(view, documents))


def make_server(publisher: Publisher, host: str, port: int, quiet: bool = True):
    """A bound server (raises OSError when the port is taken); call ``serve_forever()``."""
    handler = type("BoundHandler", (Handler,), {"publisher": publisher, "quiet": quiet})
    return LinkedDataServer((host, port), handler)
