"""Load a built dataset into a remote store with the SPARQL 1.1 Graph Store HTTP Protocol.

Every named graph of the embedded store (one per document, plus the reference and ontology
graphs) is sent with ``PUT {graph-store}?graph={IRI}``, which replaces that graph: publishing
twice leaves the same triples. Connection failures, timeouts, 429 and 5xx answers are retried a
bounded number of times with a growing pause; anything else fails at once with a
:class:`PublishError` that says which graph and what the server answered.

Oxigraph's store is at ``http://HOST:PORT/store``; Fuseki's at ``/DATASET/data``; GraphDB's at
``/repositories/REPO/rdf-graphs/service``; Virtuoso's at ``/sparql-graph-crud``.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from build_graph.store import open_store

MEDIA_TYPE = "application/n-triples"
RETRIES = 3  # attempts after the first
BACKOFF = 0.5  # seconds before the first retry, doubled each time
TIMEOUT = 60  # seconds per request
TRANSIENT_STATUS = {408, 429, 500, 502, 503, 504}


class PublishError(RuntimeError):
    """The remote store could not be reached or refused a graph (a runtime error, exit 3)."""


@dataclass(frozen=True)
class Published:
    graph: str
    triples: int
    status: int


def publish(
    out_dir: Path,
    graph_store: str,
    retries: int = RETRIES,
    backoff: float = BACKOFF,
) -> list[Published]:
    """PUT every named graph of the build in ``out_dir`` to ``graph_store``; return what was sent.

    Raises :class:`build_graph.store.StoreMissing` without a build, :class:`PublishError` when
    the server is down, refuses or fails.
    """
    store = open_store(out_dir)
    done = []
    for graph in sorted(store.named_graphs(), key=lambda g: g.value):
        if not isinstance(graph, ox.NamedNode):
            continue
        body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph) or b""
        triples = body.count(b"\n")
        status = put_graph(graph_store, graph.value, body, retries, backoff)
        done.append(Published(graph.value, triples, status))
    return done


def graph_url(graph_store: str, graph: str) -> str:
    """The Graph Store Protocol URL of one named graph (indirect identification).

    >>> graph_url("http://localhost:7878/store", "https://w3id.org/oaskg/graph/reference")
    'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Foaskg%2Fgraph%2Freference'
    """
    separator = "&" if "?" in graph_store else "?"
    return f"{graph_store}{separator}{urllib.parse.urlencode({'graph': graph})}"


def put_graph(graph_store: str, graph: str, body: bytes, retries: int, backoff: float) -> int:
    """PUT one graph, retrying transient failures; the final HTTP status."""
    url = graph_url(graph_store, graph)
    for attempt in range(retries + 1):
        last = attempt == retries
        request = urllib.request.Request(
            url, data=body, method="PUT", headers={"Content-Type": MEDIA_TYPE}
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                return response.status
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode("utf-8", "replace").strip()
            if exc.code not in TRANSIENT_STATUS or last:
                raise PublishError(
                    f"{graph_store} refused graph <{graph}>: HTTP {exc.code} {exc.reason}"
                    + (f": {detail}" if detail else "")
                ) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            if last:
                reason = getattr(exc, "reason", exc)
                raise PublishError(
                    f"cannot reach the graph store {graph_store} ({reason}) after "
                    f"{retries + 1} attempts; is the server running?"
                ) from None
        time.sleep(backoff * (2**attempt))
    raise AssertionError("unreachable")
