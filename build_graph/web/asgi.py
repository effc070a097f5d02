"""The linked-data site as an ASGI application (any ASGI server, or mounted under another
application: Starlette ``Mount``, FastAPI ``app.mount``, gunicorn with uvicorn workers).

:class:`SiteApp` turns one HTTP request into a call of :meth:`Publisher.handle` and its
:class:`Response` back into ASGI messages, and adds what belongs to HTTP rather than to the
site: CORS on every answer and the preflight (``OPTIONS``), a bounded request body read within a
time limit (413, 408), ``HEAD``, and a cache of the answers to page requests (the graph is
read-only while it is served), so a page is rendered once and then served from memory.
Rendering and queries run on a thread pool, never on the event loop.

>>> import asyncio
>>> from build_graph.web.asgi import preflight_headers
>>> dict(preflight_headers("content-type, authorization"))["access-control-allow-headers"]
'content-type, authorization'
"""

from __future__ import annotations

import asyncio
import collections
import concurrent.futures
import functools
import re
import sys
from dataclasses import dataclass

from build_graph.web.app import MAX_BODY, Publisher, Response
from build_graph.web.i18n import choose_language

ALLOWED_METHODS = "GET, HEAD, POST, OPTIONS"
CORS = [(b"access-control-allow-origin", b"*"),
        (b"access-control-expose-headers",
         b"Link, Location, Vary, Content-Disposition, X-Result-Truncated, Retry-After")]
ALWAYS = [(b"x-content-type-options", b"nosniff")] + CORS
TOKEN_LIST = re.compile(r"^[A-Za-z0-9!#$%&'*+.^_`|~, -]{0,512}$")
DEFAULT_ALLOWED_HEADERS = "Accept, Content-Type, Authorization"


@dataclass(frozen=True)
class Limits:
    """What one request may send: body bytes, and seconds to send the body."""

    max_body: int = MAX_BODY
    body_timeout: float = 10.0
    cache_bytes: int = 64 * 1024 * 1024


class _Refused(Exception):
    def __init__(self, response: Response):
        self.response = response


def preflight_headers(requested: str | None) -> list[tuple[str, str]]:
    """The CORS preflight answer's headers; the requested headers are allowed (``*`` does
    not cover ``Authorization``, so they are named)."""
    allowed = requested if requested and TOKEN_LIST.match(requested) else DEFAULT_ALLOWED_HEADERS
    return [("access-control-allow-methods", ALLOWED_METHODS),
            ("access-control-allow-headers", allowed),
            ("access-control-max-age", "86400"), ("allow", ALLOWED_METHODS)]


class ResponseCache:
    """Answers to page requests (by target, ``Accept`` and the language ``Accept-Language``
    chooses), least recently used dropped first, bounded in bytes."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.size = 0
        self._items: collections.OrderedDict[tuple, Response] = collections.OrderedDict()

    def get(self, key: tuple) -> Response | None:
        found = self._items.get(key)
        if found is not None:
            self._items.move_to_end(key)
        return found

    def put(self, key: tuple, response: Response) -> None:
        cost = len(response.body) + 256
        if cost > self.max_bytes // 8 or key in self._items:
            return
        self._items[key] = response
        self.size += cost
        while self.size > self.max_bytes:
            _, old = self._items.popitem(last=False)
            self.size -= len(old.body) + 256


def cacheable(method: str, target: str) -> bool:
    """Page requests whose answer depends only on the target and ``Accept``."""
    if method not in ("GET", "HEAD"):
        return False
    path, _, query = target.partition("?")
    if path.startswith("/sparql") or path.startswith("/dumps/"):
        return False
    return not (path.startswith("/queries/") and "run=" in query)


class SiteApp:
    """The ASGI application of one :class:`Publisher`."""

    def __init__(self, publisher: Publisher, limits: Limits = Limits(), threads: int = 32):
        self.publisher = publisher
        self.limits = limits
        self.cache = ResponseCache(limits.cache_bytes)
        self._executor = concurrent.futures.ThreadPoolExecutor(threads, "oaskg-page")

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
        self.publisher.endpoint.close()

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        method = scope["method"]
        try:
            response = await self._respond(scope, receive, method)
        except _Refused as refused:
            response = refused.response
        await self._send(send, method, response)

    async def _respond(self, scope, receive, method: str) -> Response:
        headers = _headers(scope)
        target = _target(scope)
        if method == "OPTIONS":
            return Response(204, "text/plain", b"",
                            preflight_headers(headers.get("access-control-request-headers")))
        body = await self._read_body(receive, headers)
        key = ((target, headers.get("accept", ""),
                choose_language(headers.get("accept-language")))
               if cacheable(method, target) else None)
        if key is not None:
            hit = self.cache.get(key)
            if hit is not None:
                return hit
        client = (scope.get("client") or ("local",))[0]
        host = headers.get("host", "localhost")
        base_url = f"{scope.get('scheme', 'http')}://{host}{scope.get('root_path', '')}/"
        call = functools.partial(self.publisher.handle, method, target, headers, body, client,
                                 base_url)
        loop = asyncio.get_running_loop()
        try:
            response = await loop.run_in_executor(self._executor, call)
        except Exception as exc:  # the last line of defence: a bug must not drop the client
            print(f"oaskg serve: 500 on {method} {target[:200]}: {type(exc).__name__}: {exc}",
                  file=sys.stderr)
            return Response(500, "text/plain", b"Internal error; the server log says more.\n")
        if key is not None and response.status in (200, 303):
            self.cache.put(key, response)
        return response

    async def _read_body(self, receive, headers: dict[str, str]) -> bytes:
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limits.max_body:
            raise _Refused(_close(413, f"The request body is larger than "
                                       f"{self.limits.max_body} bytes."))
        chunks, size = [], 0
        deadline = asyncio.get_running_loop().time() + self.limits.body_timeout
        while True:
            remaining = deadline - asyncio.get_running_loop().time()
            try:
                message = await asyncio.wait_for(receive(), max(0.0, remaining))
            except TimeoutError:
                raise _Refused(_close(408, f"The request body did not arrive within "
                                           f"{self.limits.body_timeout:g} s.")) from None
            if message["type"] == "http.disconnect":
                raise _Refused(_close(400, "The client went away."))
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limits.max_body:
                raise _Refused(_close(413, f"The request body is larger than "
                                           f"{self.limits.max_body} bytes."))
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _send(self, send, method: str, response: Response) -> None:
        headers = [(b"content-type", response.content_type.encode("latin-1")),
                   (b"content-length", str(len(response.body)).encode())] + ALWAYS
        headers += [(name.lower().encode("latin-1"), value.encode("latin-1", "replace"))
                    for name, value in response.headers]
        await send({"type": "http.response.start", "status": response.status,
                    "headers": headers})
        body = b"" if method == "HEAD" or response.status in (204, 304) else response.body
        await send({"type": "http.response.body", "body": body})

    async def _lifespan(self, receive, send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.close()
                await send({"type": "lifespan.shutdown.complete"})
                return


def _close(status: int, message: str) -> Response:
    """An answer after which the connection is closed (the rest of the body is unread)."""
    return Response(status, "text/plain", (message + "\n").encode(), [("Connection", "close")])


def _headers(scope) -> dict[str, str]:
    headers: dict[str, str] = {}
    for name, value in scope.get("headers", ()):
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1")
        headers[key] = f"{headers[key]}, {text}" if key in headers else text
    return headers


def _target(scope) -> str:
    """The request's path below the application's root, and its query string, as sent."""
    from urllib.parse import quote

    raw = scope.get("raw_path")
    path = raw.decode("latin-1") if raw else quote(scope.get("path", "/"))
    path = path.split("?", 1)[0]
    root = scope.get("root_path", "")
    if root and (path == root or path.startswith(root + "/")):
        path = path[len(root):] or "/"
    query = scope.get("query_string", b"").decode("latin-1")
    return path + ("?" + query if query else "")
