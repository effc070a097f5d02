"""Reading a SPARQL 1.1 Protocol request: the query, the protocol dataset, the format.

A request is refused the way the W3C protocol tests expect: an update (any way it is sent)
403, two queries 400, a body that is not UTF-8 400, a POST that is neither a form nor
``application/sparql-query`` 415, a graph parameter that is not an absolute IRI 400.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

import pyoxigraph as ox

UPDATE_REFUSED = (403, "This endpoint is read-only: SPARQL updates are refused.")
Problem = tuple[int, str]


@dataclass(frozen=True)
class SparqlRequest:
    """A query request: the text (None when none was given) and the protocol dataset (None
    when the request gives none, so the default graph is the union of all graphs)."""

    query: str | None
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    format: str | None = None

    @property
    def has_dataset(self) -> bool:
        return self.default_graphs is not None or self.named_graphs is not None


def protocol_request(method: str, params: dict[str, list[str]], headers: dict[str, str],
                     body: bytes) -> tuple[SparqlRequest | None, Problem | None]:
    """(the request, None), or (None, (status, message)) when it is wrong.

    >>> protocol_request("GET", {"query": ["ASK {}"]}, {}, b"")[0].query
    'ASK {}'
    >>> protocol_request("GET", {"query": ["ASK {}", "ASK {}"]}, {}, b"")[1][0]
    400
    >>> protocol_request("POST", {}, {"content-type": "application/sparql-update"}, b"")[1][0]
    403
    """
    fields = {k: list(v) for k, v in params.items()}
    if "update" in fields:
        return None, UPDATE_REFUSED
    direct = None
    if method == "POST":
        content_type, _, parameters = headers.get("content-type", "").partition(";")
        content_type = content_type.strip().lower()
        if content_type == "application/sparql-update":
            return None, UPDATE_REFUSED
        if content_type == "application/sparql-query":
            problem = _charset_problem(parameters)
            if problem:
                return None, problem
            direct, problem = _utf8(body)
            if problem:
                return None, problem
        elif content_type == "application/x-www-form-urlencoded":
            text, problem = _utf8(body)
            if problem:
                return None, problem
            try:
                form = parse_qs(text, keep_blank_values=True, errors="strict")
            except UnicodeDecodeError:
                return None, (400, "The form is not UTF-8 (percent-encode UTF-8 bytes).")
            if "update" in form:
                return None, UPDATE_REFUSED
            for key, values in form.items():
                fields.setdefault(key, []).extend(values)
            if "query" not in form:
                return None, (400, "The form has no 'query' field.")
        else:
            return None, (415, "POST a query as application/sparql-query or as a form "
                          "(application/x-www-form-urlencoded) with a 'query' field.")
    queries = fields.get("query", [])
    if direct is not None:
        if queries:
            return None, (400, "Give the query once: in the body of a direct POST, not also "
                          "as a 'query' parameter.")
        queries = [direct]
    if len(queries) > 1:
        return None, (400, f"The request gives {len(queries)} queries; give exactly one "
                      "'query' parameter.")
    dataset = {}
    for name in ("default-graph-uri", "named-graph-uri"):
        if name in fields:
            for iri in fields[name]:
                if not _absolute_iri(iri):
                    return None, (400, f"{name}={iri!r} is not an absolute IRI.")
            dataset[name] = tuple(fields[name])
    formats = fields.get("format") or [None]
    return SparqlRequest(queries[0] if queries else None, dataset.get("default-graph-uri"),
                         dataset.get("named-graph-uri"), formats[-1] or None), None


def _charset_problem(parameters: str) -> Problem | None:
    for parameter in parameters.split(";"):
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in (
                "utf-8", "utf8"):
            return 415, (f"The query is sent as {value.strip()}; send it as UTF-8 "
                         "(charset=utf-8).")
    return None


def _utf8(body: bytes) -> tuple[str, Problem | None]:
    try:
        return body.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        return "", (400, f"The request body is not UTF-8 (byte {exc.start}).")


def _absolute_iri(iri: str) -> bool:
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return ":" in iri
