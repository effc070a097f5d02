"""A read-only SPARQL 1.1 Protocol endpoint over the store (the union of the named graphs).

Queries run in a small pool of worker threads. A request waits at most ``timeout`` seconds, for
a free worker and its answer together (then 503); pyoxigraph cannot interrupt a query, so a
runaway query keeps its worker until it ends. SELECT
and CONSTRUCT answers stop after ``max_results`` rows or triples (the answer then carries
``X-Result-Truncated: true``). Updates are refused (403).
"""

from __future__ import annotations

import concurrent.futures
import csv
import io
import json
import threading
import time
from dataclasses import dataclass
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from build_graph.results import json_term
from build_graph.web.negotiation import negotiate

SELECT_TYPES = (
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
)
ASK_TYPES = ("application/sparql-results+json", "application/sparql-results+xml")
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json")
RESULT_ALIASES = {"application/json": "application/sparql-results+json",
                  "application/xml": "application/sparql-results+xml",
                  "text/xml": "application/sparql-results+xml"}
FORMAT_PARAM = {"json": SELECT_TYPES[0], "xml": SELECT_TYPES[1], "csv": "text/csv",
                "tsv": "text/tab-separated-values", "turtle": "text/turtle",
                "ttl": "text/turtle", "nt": "application/n-triples",
                "jsonld": "application/ld+json"}
GRAPH_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples":
                 ox.RdfFormat.N_TRIPLES, "application/ld+json": ox.RdfFormat.JSON_LD}


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type, body and extra headers."""

    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def error(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


class QueryBusy(RuntimeError):
    """Every worker is busy."""


class SparqlEndpoint:
    """Runs protocol requests against a store; thread-safe."""

    def __init__(self, store: ox.Store, timeout: float = 10.0, max_results: int = 10_000,
                 workers: int = 4):
        self.store = store
        self.timeout = timeout
        self.max_results = max_results
        self._pool = concurrent.futures.ThreadPoolExecutor(workers, "sparql")
        self._slots = threading.BoundedSemaphore(workers)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def answer(self, query: str, accept: str | None, format_param: str | None = None) -> Answer:
        """The protocol answer to one query text with the client's ``Accept`` header."""
        if format_param:
            accept = FORMAT_PARAM.get(format_param.lower(), format_param)
        accept = _normalise_accept(accept)
        try:
            return self.call(self._run, query, accept)
        except QueryBusy as exc:
            return error(503, str(exc))

    def call(self, function, *args):
        """Run ``function(*args)`` in a worker; :class:`QueryBusy` when none is free or it
        runs past the time limit."""
        deadline = time.monotonic() + self.timeout
        if not self._slots.acquire(timeout=self.timeout):
            raise QueryBusy(f"The endpoint is busy: no query worker was free within "
                            f"{self.timeout:g} s. Retry later.")
        future = self._pool.submit(function, *args)
        future.add_done_callback(lambda _: self._slots.release())
        try:
            return future.result(timeout=max(0.0, deadline - time.monotonic()))
        except concurrent.futures.TimeoutError:
            raise QueryBusy(f"The query ran longer than the {self.timeout:g} s limit.") from None

    def _run(self, query: str, accept: str | None) -> Answer:
        try:
            result = self.store.query(query, use_default_graph_as_union=True)
        except SyntaxError as exc:
            return error(400, f"SPARQL syntax error: {exc}")
        if isinstance(result, ox.QueryBoolean):
            media = negotiate(accept, ASK_TYPES)
            if media is None:
                return _not_acceptable(ASK_TYPES)
            return Answer(200, media, _boolean(bool(result), media))
        if isinstance(result, ox.QueryTriples):
            media = negotiate(accept, GRAPH_TYPES)
            if media is None:
                return _not_acceptable(GRAPH_TYPES)
            triples = _take(result, self.max_results + 1)
            truncated = len(triples) > self.max_results
            body = ox.serialize(triples[: self.max_results], format=GRAPH_FORMATS[media])
            return Answer(200, media, body, _truncation(truncated))
        media = negotiate(accept, SELECT_TYPES)
        if media is None:
            return _not_acceptable(SELECT_TYPES)
        variables = [v.value for v in result.variables]
        rows = _take(result, self.max_results + 1)
        truncated = len(rows) > self.max_results
        body = SERIALIZERS[media](variables, rows[: self.max_results])
        return Answer(200, media, body, _truncation(truncated))


def _normalise_accept(accept: str | None) -> str | None:
    if not accept:
        return accept
    for alias, media in RESULT_ALIASES.items():
        accept = accept.replace(alias, media)
    return accept


def _truncation(truncated: bool) -> tuple[tuple[str, str], ...]:
    return (("X-Result-Truncated", "true"),) if truncated else ()


def _take(iterator, limit: int) -> list:
    items = []
    for item in iterator:
        items.append(item)
        if len(items) >= limit:
            break
    return items


def _not_acceptable(offers: tuple[str, ...]) -> Answer:
    return error(406, "None of the accepted media types is available; offered: "
                 + ", ".join(offers))


def _boolean(value: bool, media: str) -> bytes:
    if media == ASK_TYPES[0]:
        return json.dumps({"head": {}, "boolean": value}).encode()
    return (
        '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
    ).encode()




def _json(variables: list[str], rows: list) -> bytes:
    bindings = [{v: json_term(row[v]) for v in variables if row[v] is not None} for row in rows]
    data = {"head": {"vars": variables}, "results": {"bindings": bindings}}
    return json.dumps(data, ensure_ascii=False).encode()


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    attr = ""
    if term.language:
        attr = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        attr = f" datatype={quoteattr(term.datatype.value)}"
    return f"<literal{attr}>{xml_escape(term.value)}</literal>"


def _xml(variables: list[str], rows: list) -> bytes:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>']
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head><results>")
    for row in rows:
        out.append("<result>")
        out += [f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
                for v in variables if row[v] is not None]
        out.append("</result>")
    out.append("</results></sparql>\n")
    return "".join(out).encode()


def _csv(variables: list[str], rows: list) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow(["" if row[v] is None else row[v].value for v in variables])
    return buffer.getvalue().encode()


def _tsv(variables: list[str], rows: list) -> bytes:
    lines = ["\t".join("?" + v for v in variables)]
    for row in rows:
        lines.append("\t".join("" if row[v] is None else str(row[v]) for v in variables))
    return ("\n".join(lines) + "\n").encode()


SERIALIZERS = {SELECT_TYPES[0]: _json, SELECT_TYPES[1]: _xml, "text/csv": _csv,
               "text/tab-separated-values": _tsv}
