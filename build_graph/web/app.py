"""Routing: one request (method, path, query string, headers, body) → one :class:`Response`.

Kept apart from the HTTP server so tests call it in-process. Resources are served the
"303 See Other" way: ``/id/x`` answers 303 to the document ``/id/x.html``, ``.ttl``, ``.jsonld``
or ``.nt`` chosen by ``Accept`` (``Vary: Accept``); the documents answer directly.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import parse_qs, quote, unquote

from build_graph.web import query_pages, site_pages, sparql_html
from build_graph.web.activities import facts
from build_graph.web.browser import browser_page
from build_graph.web.graphview import SERIALIZE_FORMATS, GraphView
from build_graph.web.i18n import choose_language
from build_graph.web.layout import PageContext
from build_graph.web.negotiation import EXTENSION_OF, RESOURCE_TYPES, negotiate, split_extension
from build_graph.web.pages import resource_page
from build_graph.web.query_pool import PoolError
from build_graph.web.sparql_endpoint import SparqlEndpoint, pool_error, refusal
from build_graph.web.void import DUMPS, available_dumps, dump_bytes, void_graph

HTML = "text/html"
EXAMPLE_QUERY = """PREFIX oaskg: <https://w3id.org/oaskg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?activity ?label ?country WHERE {
  ?activity a oaskg:Activity ; rdfs:label ?label ; oaskg:country ?country .
} ORDER BY ?label LIMIT 20"""
MAX_BODY = 100_000  # bytes of a POSTed query
# Characters no IRI may hold: a path with one of them names nothing here (404, not an error).
NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f]')
SPARQL_PAGE_TYPES = (HTML, "text/turtle", "application/rdf+xml", "application/ld+json",
                     "application/n-triples")


@dataclass
class Response:
    status: int
    media_type: str = "text/plain"
    body: bytes = b""
    headers: list[tuple[str, str]] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        textual = self.media_type.startswith("text/") or self.media_type.endswith(
            ("json", "xml", "n-triples", "trig"))
        if textual and "charset" not in self.media_type:
            return self.media_type + "; charset=utf-8"
        return self.media_type


def load_sources(view: GraphView, folder: Path | None) -> dict[str, list[str]]:
    """The lines of each source document found in ``folder`` with the graph's SHA-256, keyed by
    the document's file name as the graph records it (a path under the folder for a sheet in a
    sub-folder), read the way the build read them (any encoding, PDFs by their layout)."""
    from build_graph.read.documents import DocumentError, read_document

    if folder is None or not folder.is_dir():
        return {}
    found: dict[str, list[str]] = {}
    rows = view.query("PREFIX oaskg: <https://w3id.org/oaskg/ontology#> SELECT ?f ?h WHERE { "
                      "?d a oaskg:SourceDocument ; oaskg:fileName ?f ; oaskg:sha256 ?h }")
    for row in rows:
        name = row["f"].value
        path = folder / name
        if not path.is_file():
            continue
        try:
            doc = read_document(path, name)
        except DocumentError:
            continue
        if doc.sha256 == row["h"].value:
            found[name] = list(doc.lines)
    return found


class Publisher:
    """The linked-data site of one built graph."""

    def __init__(self, view: GraphView, out_dir: Path, endpoint: SparqlEndpoint,
                 sources: dict[str, list[str]] | None = None, root: str = "/"):
        self.view = view
        self.out_dir = out_dir
        self.endpoint = endpoint
        self.root = root if root.endswith("/") else root + "/"
        self.ctx = PageContext(view, root=self.root, suffix="", dynamic=True,
                               sources=sources or {})
        self.dumps = available_dumps(out_dir)
        self.saved = query_pages.catalogue()
        self._cache: dict[str, bytes] = {}
        self._lock = threading.Lock()

    # --- entry point ---------------------------------------------------------------------------
    def handle(self, method: str, target: str, headers: dict[str, str],
               body: bytes = b"", client: str = "local", base_url: str | None = None
               ) -> Response:
        """The answer to one request. ``target`` is the path (under the site's root) and query
        string as sent; ``client`` names the caller for the endpoint's per-client limits;
        ``base_url`` is the site's public URL (relative IRIs in queries resolve against its
        ``sparql``)."""
        path, _, query_string = target.partition("?")
        path = unquote(path)
        multi = parse_qs(query_string, keep_blank_values=True)
        params = {k: v[-1] for k, v in multi.items()}
        accept = headers.get("accept")
        ctx = self.page_context(headers, params, target)
        if method not in ("GET", "HEAD", "POST"):
            return self._error(405, f"{method} is not allowed: this site is read-only.",
                               [("Allow", "GET, HEAD, POST, OPTIONS")], ctx)
        if path == "/sparql":
            return self.sparql(method, multi, headers, body, client, base_url, ctx)
        if method == "POST":
            return self._error(405, "POST is only accepted by /sparql.",
                               [("Allow", "GET, HEAD, OPTIONS")], ctx)
        return self.route(path, params, accept, client, ctx)

    def page_context(self, headers: dict[str, str], params: dict[str, str],
                     target: str) -> PageContext:
        """The pages' context for one request: its language (``?lang=``, else
        ``Accept-Language``) and its own address (for the link to the other language)."""
        override = params.get("lang") if params.get("lang") in ("en", "es") else None
        lang = choose_language(headers.get("accept-language"), override)
        return replace(self.ctx, lang=lang, keep_lang=override is not None,
                       here=target.lstrip("/"))

    def route(self, path: str, params: dict[str, str], accept: str | None,
              client: str = "local", ctx: PageContext | None = None) -> Response:
        ctx = ctx or self.ctx
        if path in ("/", "/index.html"):
            return self._cached_html("index", lambda: site_pages.index_page(ctx), ctx)
        if path == "/search":
            return self._html(site_pages.search_page(ctx, params.get("q", "")), ctx=ctx)
        if path in ("/programs", "/programs.html"):
            return self._html(browser_page(ctx, facts(self.view), params), ctx=ctx)
        if path.startswith("/id/"):
            return self.resource(path[1:], accept, ctx)
        if path in ("/ontology", "/ontology.html", "/ontology.ttl"):
            return self.ontology(path, accept, ctx)
        if path in ("/dataset", "/dataset.html", "/dataset.ttl", "/dataset.jsonld",
                    "/dataset.nt", "/.well-known/void"):
            return self.dataset(path, accept, ctx)
        if path.startswith("/dumps/"):
            return self.dump(path[len("/dumps/"):], ctx)
        if path == "/queries":
            return self._html(query_pages.queries_page(ctx, self.saved), ctx=ctx)
        if path.startswith("/queries/"):
            return self.saved_query(path[len("/queries/"):], params, client, ctx)
        return self._error(404, f"Nothing is published at {path}.", ctx=ctx)

    # --- resources -----------------------------------------------------------------------------
    def resource(self, path: str, accept: str | None, ctx: PageContext | None = None
                 ) -> Response:
        ctx = ctx or self.ctx
        stem, media = split_extension(path)
        iri = None if NOT_IN_IRI.search(stem) else self.view.iri_for_path(stem)
        if iri is None:
            return self._error(404, f"The graph describes no resource /{stem}.", ctx=ctx)
        name = quote(stem.rsplit("/", 1)[-1])
        if media is None:
            chosen = negotiate(accept, RESOURCE_TYPES)
            if chosen is None:
                return self._not_acceptable(RESOURCE_TYPES)
            location = quote(f"{self.root}{stem}.{EXTENSION_OF[chosen]}")
            if ctx.keep_lang and chosen == HTML:  # the reader's language choice goes along
                location += f"?lang={ctx.lang}"
            return Response(303, "text/plain", f"See {location}\n".encode(),
                            [("Location", location), ("Vary", "Accept")])
        description = self.view.describe(iri)
        triples = description.outgoing + description.incoming
        links = [("Link", ", ".join(
            f'<{name}.{ext}>; rel="alternate"; type="{m}"' for m, ext in EXTENSION_OF.items()
            if m != HTML))]
        if media == HTML:
            jsonld = self.view.serialize(description.outgoing, "application/ld+json").decode()
            return self._html(resource_page(ctx, description, jsonld), links, ctx)
        return Response(200, media, self.view.serialize(triples, media), links)

    def ontology(self, path: str, accept: str | None, ctx: PageContext | None = None
                 ) -> Response:
        ctx = ctx or self.ctx
        if path == "/ontology":
            chosen = negotiate(accept, (HTML, "text/turtle"))
            if chosen is None:
                return self._not_acceptable((HTML, "text/turtle"))
            location = self.root + ("ontology.html" if chosen == HTML else "ontology.ttl")
            return Response(303, "text/plain", b"", [("Location", location), ("Vary", "Accept")])
        if path.endswith(".ttl"):
            from build_graph.resources import data_dir

            return Response(200, "text/turtle", (data_dir("ontology") / "oaskg.ttl").read_bytes())
        return self._cached_html("ontology", lambda: site_pages.ontology_page(ctx), ctx)

    def dataset(self, path: str, accept: str | None, ctx: PageContext | None = None
                ) -> Response:
        ctx = ctx or self.ctx
        if path in ("/dataset", "/.well-known/void"):
            offers = RESOURCE_TYPES if path == "/dataset" else ("text/turtle",) + tuple(
                m for m in RESOURCE_TYPES if m != "text/turtle")
            chosen = negotiate(accept, offers)
            if chosen is None:
                return self._not_acceptable(offers)
            location = f"{self.root}dataset.{EXTENSION_OF[chosen]}"
            return Response(303, "text/plain", b"", [("Location", location), ("Vary", "Accept")])
        _, media = split_extension(path[1:])
        if media == HTML:
            return self._cached_html(
                "dataset", lambda: site_pages.dataset_page(ctx, self.dumps), ctx)
        return Response(200, media, self._cached(f"void {media}", lambda: self.void(media)))

    def void(self, media: str) -> bytes:
        graph = void_graph(self.view, self.dumps)
        fmt = {"text/turtle": "turtle", "application/ld+json": "json-ld",
               "application/n-triples": "nt"}[media]
        return graph.serialize(format=fmt).encode()

    def dump(self, name: str, ctx: PageContext | None = None) -> Response:
        for d in self.dumps:
            if d.file_name == name:
                data = self._cached("dump " + name, lambda d=d: self._dump_bytes(d))
                return Response(200, d.media_type, data, [
                    ("Content-Disposition", f'attachment; filename="{d.file_name}"')])
        names = ", ".join(d.file_name for d in DUMPS)
        return self._error(404, f"No dump named {name!r}; the dumps are {names}.", ctx=ctx)

    def _dump_bytes(self, dump) -> bytes:
        return dump_bytes(self.out_dir, dump, self.view.store)

    # --- queries -------------------------------------------------------------------------------
    def saved_query(self, name: str, params: dict[str, str], client: str = "local",
                    ctx: PageContext | None = None) -> Response:
        ctx = ctx or self.ctx
        found = next((q for q in self.saved if q.name == name), None)
        if found is None:
            return self._error(404, f"No saved query named {name!r}.", ctx=ctx)
        given = {k: v for k, v in params.items() if k not in ("run", "lang") and v != ""}
        answer = problem = None
        if "run" in params:
            try:
                answer, problem = self.endpoint.run_saved(found, given, client)
            except PoolError as exc:
                failed = pool_error(exc)
                return self._error(failed.status, str(exc), list(failed.headers), ctx)
        status = 400 if problem else 200
        page = query_pages.query_page(ctx, found, given, answer, problem)
        return Response(status, HTML, page.encode(), _language_headers(ctx))

    def sparql(self, method: str, params: dict[str, list[str]], headers: dict[str, str],
               body: bytes, client: str = "local", base_url: str | None = None,
               ctx: PageContext | None = None) -> Response:
        from build_graph.web.sparql_protocol import protocol_request

        ctx = ctx or self.ctx
        params = {k: v for k, v in params.items() if k != "lang"}
        request, problem = protocol_request(method, params, headers, body)
        if problem is not None:
            return self._error(*problem, ctx=ctx)
        assert request is not None
        endpoint_url = (base_url or self.view.base) + "sparql"
        if request.query is None:
            return self.service_description(headers.get("accept"), endpoint_url, ctx)
        accept = headers.get("accept")
        as_page = sparql_html.wants_html(accept, request.format)
        if as_page:  # a browser: the form and the answer as a table
            request = replace(request, format=None)
            accept = sparql_html.accept_for(request.query or "")
        refused = refusal(request)
        answer = refused or self.endpoint.answer(request, accept, client,
                                                 _valid_iri(endpoint_url))
        extra = list(answer.headers) + [("Vary", "Accept")]
        if as_page:
            page = sparql_html.sparql_page(ctx, request.query or "", answer)
            return Response(answer.status, HTML, page.encode(),
                            extra + _language_headers(ctx))
        return Response(answer.status, answer.media_type, answer.body, extra)

    def service_description(self, accept: str | None, endpoint_url: str,
                            ctx: PageContext | None = None) -> Response:
        """GET /sparql without a query: the form for people, the SPARQL 1.1 Service
        Description for machines (Turtle, RDF/XML, JSON-LD, N-Triples)."""
        from build_graph.web import service_description as sd

        chosen = negotiate(accept, SPARQL_PAGE_TYPES)
        if chosen is None:
            return self._not_acceptable(SPARQL_PAGE_TYPES)
        if chosen == HTML:
            return self._html(sparql_html.sparql_page(ctx or self.ctx, EXAMPLE_QUERY),
                              [("Vary", "Accept")], ctx)
        url = _valid_iri(endpoint_url) or self.view.base + "sparql"
        triples = sd.description(url, self.view.named_graphs(), self.view.base + "dataset")
        return Response(200, chosen, sd.serialize(triples, chosen), [("Vary", "Accept")])

    # --- helpers -------------------------------------------------------------------------------
    def _cached(self, key: str, make) -> bytes:
        with self._lock:
            if key not in self._cache:
                self._cache[key] = make()
            return self._cache[key]

    def _cached_html(self, key: str, make, ctx: PageContext) -> Response:
        key = f"{key} {ctx.lang} {ctx.keep_lang}"
        return self._html(self._cached(key, lambda: make().encode()).decode(), ctx=ctx)

    def _html(self, text: str, headers: list[tuple[str, str]] | None = None,
              ctx: PageContext | None = None) -> Response:
        return Response(200, HTML, text.encode(),
                        (headers or []) + _language_headers(ctx or self.ctx))

    def _error(self, status: int, message: str,
               headers: list[tuple[str, str]] | None = None,
               ctx: PageContext | None = None) -> Response:
        page = site_pages.error_page(ctx or self.ctx, status, message)
        return Response(status, HTML, page.encode(), headers or [])

    def _not_acceptable(self, offers) -> Response:
        return Response(406, "text/plain", (
            "None of the media types in Accept is available here. Available: "
            + ", ".join(offers) + "\n").encode(), [("Vary", "Accept")])


__all__ = ["Publisher", "Response", "load_sources", "SERIALIZE_FORMATS"]


def _language_headers(ctx: PageContext) -> list[tuple[str, str]]:
    """An HTML page's language, and what chose it."""
    return [("Content-Language", ctx.lang), ("Vary", "Accept-Language")]


def _valid_iri(url: str) -> str | None:
    """``url`` when it is an absolute IRI (a Host header may be anything), else None."""
    import pyoxigraph as ox

    try:
        ox.NamedNode(url)
    except ValueError:
        return None
    return url
