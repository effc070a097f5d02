"""SELECT queries on any SPARQL 1.1 Protocol endpoint, through SPARQLWrapper.

The query goes as a form-encoded POST (Virtuoso refuses a direct POST of
``application/sparql-query``; every SPARQL 1.1 server accepts the form), the answer comes back
as SPARQL 1.1 Query Results JSON and is read with pyoxigraph, so remote and embedded answers
are the same kind of terms and compare equal.
"""

from __future__ import annotations

import urllib.error

import pyoxigraph as ox
from SPARQLWrapper import JSON, POST, URLENCODED, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from build_graph.query.answer import REMOTE_TIMEOUT, Answer, QueryFailed, answer_from


def run_remote(text: str, endpoint: str, timeout: float = REMOTE_TIMEOUT) -> Answer:
    """Run a SELECT query (parameters already bound in ``text``) on ``endpoint``."""
    client = SPARQLWrapper(endpoint)
    client.setQuery(text)
    client.setMethod(POST)
    client.setRequestMethod(URLENCODED)
    client.setReturnFormat(JSON)
    client.setOnlyConneg(True)
    client.setTimeout(int(timeout))
    try:
        response = client.query().response
        body = response.read()
    except SPARQLWrapperException as exc:
        raise QueryFailed(f"{endpoint} refused the query: {_first_line(exc)}") from None
    except urllib.error.HTTPError as exc:
        raise QueryFailed(f"{endpoint} answered HTTP {exc.code} {exc.reason}") from None
    except (TimeoutError, urllib.error.URLError, ConnectionError) as exc:
        reason = getattr(exc, "reason", exc)
        raise QueryFailed(
            f"cannot reach the SPARQL endpoint {endpoint}: {reason}; is the server running?"
        ) from None
    try:
        solutions = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        raise QueryFailed(f"{endpoint} did not answer SPARQL JSON results: {exc}") from None
    if isinstance(solutions, ox.QueryBoolean):
        raise QueryFailed(f"{endpoint} answered a boolean to a SELECT query")
    return answer_from(solutions)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
