"""A read-only SPARQL 1.1 Protocol endpoint over the built store (the union of the named graphs
unless the request names its own dataset).

Queries run in worker processes (:mod:`build_graph.web.query_pool`): one that runs past
``timeout`` seconds is stopped and its worker replaced; each client runs a bounded number of
queries at once. ``SERVICE`` is refused before anything runs (:mod:`build_graph.web.sparql_guard`)
and the workers have no network. Relative IRIs resolve against the endpoint's URL. SELECT and
CONSTRUCT answers stop after ``max_results`` rows or triples (the answer then carries
``X-Result-Truncated: true``). Updates are refused (403).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from build_graph.web.query_pool import PoolError, QueryPool
from build_graph.web.sparql_guard import SERVICE_REFUSED, uses_service
from build_graph.web.sparql_protocol import SparqlRequest
from build_graph.web.sparql_worker import (
    ASK_TYPES,
    GRAPH_TYPES,
    SELECT_TYPES,
    Answer,
    ProtocolJob,
    error,
)

__all__ = ["ASK_TYPES", "GRAPH_TYPES", "SELECT_TYPES", "Answer", "PoolError", "SparqlEndpoint",
           "error", "refusal"]


def refusal(request: SparqlRequest) -> Answer | None:
    """The answer to a query this endpoint never runs (``SERVICE``), else None."""
    if request.query is not None and uses_service(request.query):
        return error(400, SERVICE_REFUSED)
    return None


def pool_error(exc: PoolError) -> Answer:
    answer = error(exc.status, str(exc))
    if exc.status in (429, 503):
        return Answer(answer.status, answer.media_type, answer.body, (("Retry-After", "5"),))
    return answer


class SparqlEndpoint:
    """Runs protocol requests against a store (an ``out/`` folder or a pyoxigraph store, which
    is copied into each worker); thread-safe."""

    def __init__(self, store: ox.Store | Path | str, timeout: float = 10.0,
                 max_results: int = 10_000, workers: int = 4, max_workers: int = 16,
                 client_limit: int = 4, isolate: bool = True):
        if isinstance(store, (str, Path)):
            source: str | bytes = str(store)
        else:
            source = store.dump(format=ox.RdfFormat.N_QUADS) or b""
        self.timeout = timeout
        self.max_results = max_results
        self.pool = QueryPool(source, timeout=timeout, workers=workers,
                              max_workers=max_workers, client_limit=client_limit,
                              isolate=isolate)

    def close(self) -> None:
        self.pool.close()

    def answer(self, request: SparqlRequest | str, accept: str | None = None,
               client: str = "local", base_iri: str | None = None) -> Answer:
        """The protocol answer to one query request with the client's ``Accept`` header."""
        if isinstance(request, str):
            request = SparqlRequest(request)
        refused = refusal(request)
        if refused is not None:
            return refused
        job = ProtocolJob(request.query or "", accept, request.format, base_iri,
                          request.default_graphs, request.named_graphs, self.max_results)
        try:
            return self.pool.call("protocol", job, client)
        except PoolError as exc:
            return pool_error(exc)

    def run_saved(self, saved, given: dict[str, str], client: str = "local"):
        """(answer, problem) of a saved query; raises :class:`PoolError` when not answered."""
        from build_graph.query.run import answer_from

        body, problem = self.pool.call("saved", (saved, given), client)
        if body is None:
            return None, problem
        results = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
        return answer_from(results), None

