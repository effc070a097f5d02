"""The SPARQL worker process: one store, one query at a time, killed when it runs too long.

:class:`build_graph.web.query_pool.QueryPool` starts these processes (``forkserver``, so a
replacement starts in milliseconds), sends them jobs over a pipe and kills one whose query runs
past the time limit: pyoxigraph cannot interrupt a query, a process can always be stopped, and
its memory and CPU go back to the system. A worker opens its own copy of the store, then, where
the system allows it, leaves the network (a new user and network namespace), so no query can
make an outbound connection, and asks to die with its parent.

A job is ``(kind, payload)``; :data:`JOBS` maps a kind to the function that runs it. The answer
is ``("ok", value)`` or ``("error", status, message)``.
"""

from __future__ import annotations

import csv
import ctypes
import io
import json
import os
import signal
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from build_graph.query.results import json_term
from build_graph.web.negotiation import negotiate

JSON, XML = "application/sparql-results+json", "application/sparql-results+xml"
SELECT_TYPES = (JSON, XML, "text/csv", "text/tab-separated-values")
ASK_TYPES = (JSON, XML)
GRAPH_TYPES = ("text/turtle", "application/n-triples", "application/ld+json",
               "application/rdf+xml")
GRAPH_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE,
                 "application/n-triples": ox.RdfFormat.N_TRIPLES,
                 "application/ld+json": ox.RdfFormat.JSON_LD,
                 "application/rdf+xml": ox.RdfFormat.RDF_XML}
# Other names clients send, by the kind of answer: results (SELECT, ASK) or a graph.
RESULT_ALIASES = {"application/json": JSON, "application/xml": XML, "text/xml": XML}
GRAPH_ALIASES = {"application/x-turtle": "text/turtle", "text/n3": "text/turtle",
                 "text/rdf+n3": "text/turtle", "application/json": "application/ld+json",
                 "application/xml": "application/rdf+xml", "text/xml": "application/rdf+xml",
                 "text/plain": "application/n-triples"}
# format=… (a query parameter some clients use instead of Accept), by kind of answer
RESULT_FORMATS = {"json": JSON, "xml": XML, "csv": "text/csv",
                  "tsv": "text/tab-separated-values"}
GRAPH_FORMAT_NAMES = {"turtle": "text/turtle", "ttl": "text/turtle", "n3": "text/turtle",
                      "nt": "application/n-triples", "ntriples": "application/n-triples",
                      "jsonld": "application/ld+json", "json-ld": "application/ld+json",
                      "json": "application/ld+json", "xml": "application/rdf+xml",
                      "rdf": "application/rdf+xml", "rdfxml": "application/rdf+xml"}
CLONE_NEWUSER, CLONE_NEWNET = 0x10000000, 0x40000000
PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class ProtocolJob:
    """One query of the SPARQL protocol, with what the client asked for."""

    query: str
    accept: str | None = None
    format: str | None = None
    base_iri: str | None = None
    default_graphs: tuple[str, ...] | None = None  # None: the union of all graphs
    named_graphs: tuple[str, ...] | None = None
    max_results: int = 10_000


@dataclass(frozen=True)
class Answer:
    """An HTTP answer: status, media type, body and extra headers."""

    status: int
    media_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def error(status: int, message: str) -> Answer:
    return Answer(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


# --- jobs ------------------------------------------------------------------------------------
def run_protocol(store: ox.Store, job: ProtocolJob) -> Answer:
    """The protocol answer to one query."""
    dataset: dict = {"use_default_graph_as_union": True}
    if job.default_graphs is not None or job.named_graphs is not None:
        dataset = {"default_graph": [ox.NamedNode(g) for g in job.default_graphs or ()],
                   "named_graphs": [ox.NamedNode(g) for g in job.named_graphs or ()]}
    try:
        result = store.query(job.query, base_iri=job.base_iri, **dataset)
    except SyntaxError as exc:
        return error(400, f"SPARQL syntax error: {exc}")
    if isinstance(result, ox.QueryBoolean):
        media = _choose(job, ASK_TYPES, RESULT_ALIASES, RESULT_FORMATS)
        if media is None:
            return _not_acceptable(ASK_TYPES)
        return Answer(200, media, _boolean(bool(result), media))
    if isinstance(result, ox.QueryTriples):
        media = _choose(job, GRAPH_TYPES, GRAPH_ALIASES, GRAPH_FORMAT_NAMES)
        if media is None:
            return _not_acceptable(GRAPH_TYPES)
        triples = _take(result, job.max_results + 1)
        truncated = len(triples) > job.max_results
        body = ox.serialize(triples[: job.max_results], format=GRAPH_FORMATS[media])
        return Answer(200, media, body, _truncation(truncated))
    media = _choose(job, SELECT_TYPES, RESULT_ALIASES, RESULT_FORMATS)
    if media is None:
        return _not_acceptable(SELECT_TYPES)
    variables = [v.value for v in result.variables]
    rows = _take(result, job.max_results + 1)
    truncated = len(rows) > job.max_results
    body = SERIALIZERS[media](variables, rows[: job.max_results])
    return Answer(200, media, body, _truncation(truncated))


def run_saved(store: ox.Store, job: tuple) -> tuple[bytes | None, str | None]:
    """A saved query with its parameters: (SPARQL JSON results, None) or (None, problem)."""
    from build_graph.query.run import ParamError, QueryFailed, execute

    saved, given = job
    try:
        answer = execute(saved, given, store=store)
    except (ParamError, QueryFailed) as exc:
        return None, str(exc)
    rows = [dict(zip(answer.variables, row, strict=True)) for row in answer.rows]
    return _json(list(answer.variables), rows), None


JOBS = {"protocol": run_protocol, "saved": run_saved}


def answer_type(form: str | None, accept: str | None, format_name: str | None = None
                ) -> tuple[str | None, tuple[str, ...]]:
    """(the media type to answer a query of ``form`` in, or None for 406; the offers).

    >>> answer_type("CONSTRUCT", "application/rdf+xml, */*;q=0.1")[0]
    'application/rdf+xml'
    >>> answer_type("SELECT", None, "csv")[0]
    'text/csv'
    """
    job = ProtocolJob("", accept, format_name)
    if form in ("CONSTRUCT", "DESCRIBE"):
        return _choose(job, GRAPH_TYPES, GRAPH_ALIASES, GRAPH_FORMAT_NAMES), GRAPH_TYPES
    if form == "ASK":
        return _choose(job, ASK_TYPES, RESULT_ALIASES, RESULT_FORMATS), ASK_TYPES
    return _choose(job, SELECT_TYPES, RESULT_ALIASES, RESULT_FORMATS), SELECT_TYPES


def _choose(job: ProtocolJob, offers: tuple[str, ...], aliases: dict[str, str],
            names: dict[str, str]) -> str | None:
    if job.format:
        named = names.get(job.format.lower())
        if named is None and job.format in offers:
            named = job.format
        return named if named in offers else None
    accept = job.accept
    if accept:
        for alias, media in aliases.items():
            accept = accept.replace(alias, media)
    return negotiate(accept, offers)


# --- serialisers -----------------------------------------------------------------------------
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
    if media == JSON:
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


def _csv_value(term) -> str:
    """SPARQL 1.1 CSV: IRIs and literals by their text, blank nodes as ``_:label``."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def _csv(variables: list[str], rows: list) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(row[v]) for v in variables])
    return buffer.getvalue().encode()


def _tsv(variables: list[str], rows: list) -> bytes:
    lines = ["\t".join("?" + v for v in variables)]
    for row in rows:
        lines.append("\t".join("" if row[v] is None else str(row[v]) for v in variables))
    return ("\n".join(lines) + "\n").encode()


SERIALIZERS = {JSON: _json, XML: _xml, "text/csv": _csv, "text/tab-separated-values": _tsv}


# --- the process -----------------------------------------------------------------------------
def open_source(source: str | bytes) -> ox.Store:
    """The store a worker answers from: an ``out/`` folder (as ``oaskg serve`` opens it) or
    N-Quads bytes loaded into memory."""
    if isinstance(source, bytes):
        store = ox.Store()
        store.bulk_load(input=source, format=ox.RdfFormat.N_QUADS)
        return store
    from build_graph.rdf.store import open_store

    return open_store(Path(source))


def leave_network() -> bool:
    """Move this process into new user and network namespaces (no interface but a down
    loopback); True when it worked. Needs a single-threaded process on Linux."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(CLONE_NEWUSER | CLONE_NEWNET) == 0 or libc.unshare(CLONE_NEWNET) == 0
    except (OSError, AttributeError):
        return False


def _die_with_parent() -> None:
    try:
        ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def serve(conn, source: str | bytes, isolate: bool = True) -> None:
    """A worker's life: open the store, leave the network, answer jobs until the pipe closes."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops us
    store = open_source(source)
    isolated = leave_network() if isolate else False
    conn.send(("ready", os.getpid(), isolated))
    while True:
        try:
            kind, payload = conn.recv()
        except (EOFError, OSError):
            return
        try:
            reply = ("ok", JOBS[kind](store, payload))
        except OSError as exc:
            reply = ("error", 500, f"The store could not answer the query: {exc}")
        conn.send(reply)
