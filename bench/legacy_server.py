"""The server ``oaskg serve`` ran on before issue 13, kept only to be measured against: the
standard library's ``ThreadingHTTPServer`` calling the same :class:`Publisher` (no page
cache, a thread per connection).

    python bench/legacy_server.py OUT_DIR PORT
"""

from __future__ import annotations

import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from build_graph.commands.serve import build_base  # noqa: E402
from build_graph.web.app import MAX_BODY, Publisher  # noqa: E402
from build_graph.web.server import make_publisher  # noqa: E402


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    publisher: Publisher

    def _serve(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self.send_error(413)
            return
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        response = self.publisher.handle(method, self.path, headers, body)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(response.body)

    def do_GET(self) -> None:  # noqa: N802
        self._serve("GET")

    def log_message(self, *args) -> None:
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128


def main(out_dir: str, port: str) -> None:
    publisher = make_publisher(Path(out_dir), build_base(Path(out_dir)))
    handler = type("Bound", (Handler,), {"publisher": publisher})
    with Server(("127.0.0.1", int(port)), handler) as server:
        try:
            server.serve_forever()
        finally:
            publisher.endpoint.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
