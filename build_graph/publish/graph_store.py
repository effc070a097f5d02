"""Load a built dataset into a remote store with the SPARQL 1.1 Graph Store HTTP Protocol.

Every named graph of the embedded store (one per document, plus the reference and ontology
graphs) is sent with ``PUT {graph-store}?graph={IRI}``, which replaces that graph: publishing
twice leaves the same triples. With ``prune``, graphs under the build's ``{base}graph/`` that
the server holds and the build no longer has (a document removed from the build) are deleted.

Each request, the authentication round trip included, is bounded as a whole by ``timeout``
seconds (a server that accepts and never answers, or trickles a byte now and then, cannot hold
it longer). Credentials (``Credentials`` or the user's netrc) answer HTTP basic and digest
challenges. Connection failures, timeouts, 429 and 5xx answers are retried a bounded number of
times with a growing pause; anything else fails at once. A failure raises
:class:`PublishError`, which says which graphs were replaced before it and which were not.

Oxigraph's store is at ``http://HOST:PORT/store``; Fuseki's at ``/DATASET/data``; GraphDB's at
``/repositories/REPO/rdf-graphs/service``; Virtuoso's at ``/sparql-graph-crud-auth``.
"""

from __future__ import annotations

import http.client
import netrc
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from build_graph.rdf.store import open_store

MEDIA_TYPE = "application/n-triples"
RETRIES = 3  # attempts after the first
BACKOFF = 0.5  # seconds before the first retry, doubled each time
TIMEOUT = 60.0  # seconds for one whole request
TRANSIENT_STATUS = {408, 429, 500, 502, 503, 504}


@dataclass(frozen=True)
class Credentials:
    user: str
    password: str


@dataclass(frozen=True)
class Published:
    graph: str
    triples: int
    status: int
    action: str = "replaced"


class PublishError(RuntimeError):
    """The remote store could not be reached or refused a request (a runtime error, exit 3).
    ``done`` lists what was published before the failure, ``not_done`` the graphs left as the
    server had them."""

    def __init__(self, message: str, done: list[Published] | None = None,
                 not_done: list[str] | None = None):
        super().__init__(message)
        self.done = list(done or [])
        self.not_done = list(not_done or [])


@dataclass
class _Deadline:
    """Closes the sockets of one request when its time is up."""

    seconds: float
    sockets: list[socket.socket] = field(default_factory=list)
    expired: bool = False

    def __post_init__(self) -> None:
        self._timer = threading.Timer(self.seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def track(self, sock: socket.socket) -> None:
        self.sockets.append(sock)
        if self.expired:
            self._expire()

    def _expire(self) -> None:
        self.expired = True
        for sock in self.sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cancel(self) -> None:
        self._timer.cancel()


def _opener(deadline: _Deadline, credentials: Credentials | None, url: str):
    class Tracked(http.client.HTTPConnection):
        def connect(self) -> None:
            super().connect()
            deadline.track(self.sock)

    class TrackedTLS(http.client.HTTPSConnection):
        def connect(self) -> None:
            super().connect()
            deadline.track(self.sock)

    class HTTPHandler(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(Tracked, req)

    class HTTPSHandler(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(TrackedTLS, req)

    handlers: list = [HTTPHandler(), HTTPSHandler()]
    if credentials is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, credentials.user, credentials.password)
        handlers += [urllib.request.HTTPBasicAuthHandler(passwords),
                     urllib.request.HTTPDigestAuthHandler(passwords)]
    return urllib.request.build_opener(*handlers)


def netrc_credentials(url: str) -> Credentials | None:
    """The login for ``url``'s host in ``$NETRC`` or ``~/.netrc``, if there is one."""
    host = urllib.parse.urlsplit(url).hostname or ""
    try:
        entry = netrc.netrc(os.environ.get("NETRC")).authenticators(host)
    except (OSError, netrc.NetrcParseError):
        return None
    if entry is None:
        return None
    login, _, password = entry
    return Credentials(login or "", password or "")


def publish(out_dir: Path, graph_store: str, retries: int = RETRIES, backoff: float = BACKOFF,
            *, credentials: Credentials | None = None, timeout: float = TIMEOUT,
            prune: bool = False, sparql: str | None = None,
            base: str | None = None) -> list[Published]:
    """PUT every named graph of the build in ``out_dir`` to ``graph_store``; with ``prune``,
    DELETE the graphs under ``{base}graph/`` that ``sparql`` lists and the build has not.

    Raises :class:`build_graph.rdf.store.StoreMissing` without a build, :class:`PublishError` when
    the server is down, refuses or fails.
    """
    store = open_store(out_dir)
    graphs = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)),
                    key=lambda g: g.value)
    done: list[Published] = []
    for index, graph in enumerate(graphs):
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
        try:
            status = put_graph(graph_store, graph.value, body, retries, backoff,
                               credentials=credentials, timeout=timeout)
        except PublishError as exc:
            raise PublishError(str(exc), done, [g.value for g in graphs[index:]]) from None
        done.append(Published(graph.value, body.count(b"\n"), status))
    if prune:
        if sparql is None or base is None:
            raise ValueError("prune needs the SPARQL endpoint and the base IRI")
        keep = {g.value for g in graphs}
        for stale in stale_graphs(sparql, base, keep, credentials, timeout):
            try:
                status = send(graph_store, stale, "DELETE", None, retries, backoff,
                              credentials=credentials, timeout=timeout, missing_ok=True)
            except PublishError as exc:
                raise PublishError(f"{exc} (pruning)", done, []) from None
            done.append(Published(stale, 0, status, "deleted"))
    return done


def stale_graphs(sparql: str, base: str, keep: set[str], credentials: Credentials | None,
                 timeout: float) -> list[str]:
    """Named graphs the server holds under ``{base}graph/`` that are not in ``keep``."""
    prefix = base.rstrip("/") + "/graph/"
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
    url = sparql + ("&" if "?" in sparql else "?") + urllib.parse.urlencode({"query": query})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    body = _open(request, credentials, timeout, sparql)
    results = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
    names = {row["g"].value for row in results if isinstance(row["g"], ox.NamedNode)}
    return sorted(g for g in names if g.startswith(prefix) and g not in keep)


def _open(request: urllib.request.Request, credentials: Credentials | None, timeout: float,
          where: str) -> bytes:
    deadline = _Deadline(timeout)
    try:
        with _opener(deadline, credentials, request.full_url).open(request,
                                                                   timeout=timeout) as answer:
            data = answer.read()
            if deadline.expired:
                raise TimeoutError("cut off at the time limit")
            return data
    except urllib.error.HTTPError as exc:
        raise PublishError(f"{where} answered HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = "no answer within the time limit" if deadline.expired else getattr(
            exc, "reason", exc)
        raise PublishError(f"cannot reach {where} ({reason})") from None
    finally:
        deadline.cancel()


def graph_url(graph_store: str, graph: str) -> str:
    """The Graph Store Protocol URL of one named graph (indirect identification).

    >>> graph_url("http://localhost:7878/store", "https://w3id.org/oaskg/graph/reference")
    'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Foaskg%2Fgraph%2Freference'
    """
    separator = "&" if "?" in graph_store else "?"
    return f"{graph_store}{separator}{urllib.parse.urlencode({'graph': graph})}"


def put_graph(graph_store: str, graph: str, body: bytes, retries: int, backoff: float, *,
              credentials: Credentials | None = None, timeout: float = TIMEOUT) -> int:
    """PUT one graph, retrying transient failures; the final HTTP status."""
    return send(graph_store, graph, "PUT", body, retries, backoff, credentials=credentials,
                timeout=timeout)


def send(graph_store: str, graph: str, method: str, body: bytes | None, retries: int,
         backoff: float, *, credentials: Credentials | None = None, timeout: float = TIMEOUT,
         missing_ok: bool = False) -> int:
    """One Graph Store request (PUT or DELETE), retrying transient failures."""
    url = graph_url(graph_store, graph)
    for attempt in range(retries + 1):
        last = attempt == retries
        headers = {"Content-Type": MEDIA_TYPE} if body is not None else {}
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        deadline = _Deadline(timeout)
        try:
            with _opener(deadline, credentials, url).open(request, timeout=timeout) as response:
                response.read()
                if deadline.expired:  # cut off: whatever was read is not the whole answer
                    raise TimeoutError("cut off at the time limit")
                return response.status
        except urllib.error.HTTPError as exc:
            if missing_ok and exc.code == 404:
                return 404
            detail = _detail(exc)
            if exc.code in (401, 403):
                hint = ("; give --user and --password (or a netrc entry)" if credentials is None
                        else "; check the user, the password and the user's rights")
                raise PublishError(f"{graph_store} refused graph <{graph}>: HTTP {exc.code} "
                                   f"{exc.reason}{hint}") from None
            if exc.code not in TRANSIENT_STATUS or last:
                raise PublishError(
                    f"{graph_store} refused graph <{graph}>: HTTP {exc.code} {exc.reason}"
                    + (f": {detail}" if detail else "")
                ) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            if last:
                reason = (f"no complete answer within {timeout:g} s" if deadline.expired
                          else getattr(exc, "reason", exc))
                raise PublishError(
                    f"cannot reach the graph store {graph_store} ({reason}) after "
                    f"{retries + 1} attempts; is the server running?"
                ) from None
        finally:
            deadline.cancel()
        time.sleep(backoff * (2**attempt))
    raise AssertionError("unreachable")


def _detail(exc: urllib.error.HTTPError) -> str:
    try:
        return exc.read(500).decode("utf-8", "replace").strip()
    except (OSError, http.client.HTTPException):
        return ""
