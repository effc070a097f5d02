"""``oaskg serve --endpoint URL``: the same site over any SPARQL 1.1 store.

:class:`RemoteStore` answers the few calls the pages make of a pyoxigraph store (``query``,
``quads_for_pattern``, ``named_graphs``) with SPARQL 1.1 Protocol requests to the remote
endpoint, so every page, the dataset description and the saved queries render unchanged.
:class:`RemoteEndpoint` proxies ``/sparql``: the query is checked here first (``SERVICE`` is
refused, the store never sees it), forwarded as a form POST (Virtuoso refuses a direct POST)
with the protocol dataset and the client's ``Accept``, bounded by ``timeout`` and by
``client_limit`` queries per client at once. The remote store's default graph must be the
union of its named graphs (Oxigraph ``--union-default-graph``).
"""

from __future__ import annotations

import collections
import http.client
import threading
import time
import urllib.parse
from pathlib import Path

import pyoxigraph as ox

from build_graph.web.sparql_endpoint import pool_error
from build_graph.web.sparql_protocol import SparqlRequest
from build_graph.web.sparql_worker import Answer, answer_type, error

MAX_ANSWER = 256 * 1024 * 1024  # bytes of a proxied answer
RESULTS_JSON = "application/sparql-results+json"


class RemoteUnavailable(RuntimeError):
    """The remote endpoint does not answer, or not as a SPARQL endpoint."""


class SparqlClient:
    """Keep-alive HTTP connections (one per thread) to one SPARQL endpoint."""

    def __init__(self, url: str, timeout: float = 30.0):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise RemoteUnavailable(f"{url}: not an http(s) URL")
        self.url = url
        self.parts = parts
        self.timeout = timeout
        self._local = threading.local()

    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            kind = (http.client.HTTPSConnection if self.parts.scheme == "https"
                    else http.client.HTTPConnection)
            conn = kind(self.parts.hostname, self.parts.port, timeout=self.timeout)
            self._local.conn = conn
        return conn

    def post(self, fields: list[tuple[str, str]], accept: str, timeout: float | None = None,
             limit: int = MAX_ANSWER) -> tuple[int, str, bytes]:
        """(status, content type, body) of a form POST; raises OSError when unreachable."""
        body = urllib.parse.urlencode(fields).encode()
        path = self.parts.path or "/"
        if self.parts.query:
            path += "?" + self.parts.query
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": accept}
        for attempt in (0, 1):  # a kept-alive connection the server closed: retry once, fresh
            conn = self._connection()
            conn.timeout = timeout or self.timeout
            if conn.sock is not None:
                conn.sock.settimeout(conn.timeout)
            try:
                conn.request("POST", path, body, headers)
                response = conn.getresponse()
                data = response.read(limit + 1)
                if len(data) > limit:
                    conn.close()
                    return 502, "text/plain", b"The store's answer is too large."
                if response.will_close:
                    conn.close()
                return response.status, response.getheader("Content-Type", ""), data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                conn.close()
                self._local.conn = None
                if attempt:
                    raise
            except (OSError, http.client.HTTPException):
                conn.close()
                self._local.conn = None
                raise
        raise AssertionError("unreachable")


class RemoteStore:
    """What :class:`GraphView` reads of a store, from a remote SPARQL endpoint."""

    def __init__(self, client: SparqlClient):
        self.client = client

    def query(self, sparql: str, use_default_graph_as_union: bool = True, **_ignored):
        from build_graph.query.run import query_form

        form = query_form(sparql)
        accept = "application/n-triples" if form in ("CONSTRUCT", "DESCRIBE") else RESULTS_JSON
        try:
            status, media, body = self.client.post([("query", sparql)], accept)
        except (OSError, http.client.HTTPException) as exc:
            raise OSError(f"the SPARQL endpoint {self.client.url} does not answer: {exc}"
                          ) from None
        if status != 200:
            raise OSError(f"the SPARQL endpoint {self.client.url} answered HTTP {status}: "
                          f"{body[:300].decode('utf-8', 'replace')}")
        if accept == RESULTS_JSON:
            return ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        return list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))

    def quads_for_pattern(self, subject=None, predicate=None, object=None, graph=None):  # noqa: A002
        terms = {"s": subject, "p": predicate, "o": object}
        if any(isinstance(t, ox.BlankNode) for t in terms.values()):
            return iter(())  # a remote blank node has no label we could send back
        pattern = " ".join(f"?{k}" if t is None else str(t) for k, t in terms.items())
        wanted = [k for k, t in terms.items() if t is None] or ["x"]
        text = f"SELECT {' '.join('?' + k for k in wanted)} WHERE {{ {pattern} }}"
        if not [k for k, t in terms.items() if t is None]:
            text = f"SELECT (1 AS ?x) WHERE {{ {pattern} }} LIMIT 1"
        rows = self.query(text)
        return iter([ox.Quad(*(row[k] if t is None else t for k, t in terms.items()),
                             ox.DefaultGraph()) for row in rows])

    def named_graphs(self):
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")
        return [row["g"] for row in rows if isinstance(row["g"], ox.NamedNode)]


class _ClientSlots:
    """At most ``limit`` requests per client at once; the others wait until ``deadline``."""

    def __init__(self, limit: int):
        self.limit = limit
        self._running: collections.Counter[str] = collections.Counter()
        self._changed = threading.Condition()

    def acquire(self, client: str, deadline: float) -> bool:
        with self._changed:
            while self._running[client] >= self.limit:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not self._changed.wait(remaining):
                    return False
            self._running[client] += 1
            return True

    def release(self, client: str) -> None:
        with self._changed:
            self._running[client] -= 1
            if self._running[client] <= 0:
                del self._running[client]
            self._changed.notify_all()


class RemoteEndpoint:
    """``/sparql`` proxied to a remote SPARQL 1.1 endpoint."""

    def __init__(self, client: SparqlClient, timeout: float = 10.0, max_results: int = 10_000,
                 client_limit: int = 4):
        self.client = client
        self.timeout = timeout
        self.max_results = max_results
        self._slots = _ClientSlots(client_limit)

    def close(self) -> None:
        pass

    def answer(self, request: SparqlRequest, accept: str | None = None, client: str = "local",
               base_iri: str | None = None) -> Answer:
        from build_graph.query.run import query_form
        from build_graph.web.query_pool import ClientLimit, QueryTimeout

        query = request.query or ""
        if base_iri:
            query = f"BASE <{base_iri}>\n{query}"
        fields = [("query", query)]
        fields += [("default-graph-uri", g) for g in request.default_graphs or ()]
        fields += [("named-graph-uri", g) for g in request.named_graphs or ()]
        media, offers = answer_type(query_form(query), accept, request.format)
        if media is None:
            return error(406, "None of the accepted media types is available; offered: "
                         + ", ".join(offers))
        deadline = time.monotonic() + self.timeout
        if not self._slots.acquire(client, deadline):
            return pool_error(ClientLimit(
                f"Too many queries from {client} at once; retry when they have answered."))
        try:
            status, answered, body = self.client.post(fields, media, self.timeout)
        except TimeoutError:
            return pool_error(QueryTimeout(
                f"The store did not answer within the {self.timeout:g} s limit."))
        except (OSError, http.client.HTTPException) as exc:
            return error(502, f"The SPARQL store does not answer: {exc}")
        finally:
            self._slots.release(client)
        return Answer(status, answered or "application/octet-stream", body)

    def run_saved(self, saved, given: dict[str, str], client: str = "local"):
        from build_graph.query.run import ParamError, QueryFailed, execute
        from build_graph.web.query_pool import ClientLimit

        if not self._slots.acquire(client, time.monotonic() + self.timeout):
            raise ClientLimit(f"Too many queries from {client} at once.")
        try:
            return execute(saved, given, endpoint=self.client.url), None
        except (ParamError, QueryFailed) as exc:
            return None, str(exc)
        finally:
            self._slots.release(client)


def make_remote_publisher(url: str, base: str, out_dir: Path, documents: Path | None,
                          timeout: float = 10.0, max_results: int = 10_000,
                          client_limit: int = 4, root: str = "/"):
    """The site over the SPARQL endpoint at ``url``; dumps are offered from ``out_dir`` when
    it holds them. Raises :class:`RemoteUnavailable` when the endpoint does not answer."""
    from build_graph.web.app import Publisher, load_sources
    from build_graph.web.graphview import GraphView

    client = SparqlClient(url, timeout=max(timeout, 30.0))
    store = RemoteStore(client)
    try:
        view = GraphView(store, base)  # reads every label: proves the endpoint answers
    except (OSError, ValueError, SyntaxError) as exc:
        raise RemoteUnavailable(f"{url}: cannot read the graph ({exc}); is the SPARQL "
                                "endpoint running and its default graph the union of the "
                                "named graphs?") from None
    endpoint = RemoteEndpoint(SparqlClient(url, timeout), timeout, max_results, client_limit)
    return Publisher(view, out_dir, endpoint, load_sources(view, documents), root=root)
