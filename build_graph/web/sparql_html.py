"""``/sparql`` for people: when a browser asks for HTML, the query form with the answer as a
table, IRIs linked to their pages. The query runs through the same endpoint (the embedded
workers or the remote store), asked for JSON results (N-Triples for CONSTRUCT and DESCRIBE);
every other ``Accept`` keeps the protocol's answer.

>>> browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
>>> wants_html(browser, None), wants_html("*/*", None), wants_html(None, None)
(True, False, False)
>>> wants_html("application/sparql-results+json", "html"), wants_html(browser, "json")
(True, False)
"""

from __future__ import annotations

import pyoxigraph as ox

from build_graph.web.layout import PageContext, esc, page
from build_graph.web.negotiation import negotiate
from build_graph.web.sparql_worker import GRAPH_TYPES, SELECT_TYPES, Answer

HTML = "text/html"
RESULTS_JSON = "application/sparql-results+json"
MAX_ROWS = 1000  # rows shown in the page (the endpoint's own cap applies first)


def wants_html(accept: str | None, format_name: str | None) -> bool:
    """Whether a query request wants the page: ``format=html``, or no ``format`` and an
    ``Accept`` that prefers HTML to every protocol type (``*/*`` alone does not)."""
    if format_name is not None:
        return format_name.lower() == "html"
    offers = tuple(dict.fromkeys(SELECT_TYPES + GRAPH_TYPES)) + (HTML,)
    return accept is not None and negotiate(accept, offers) == HTML


def accept_for(query: str) -> str:
    """What the page asks the endpoint for."""
    from build_graph.query.run import query_form

    return ("application/n-triples" if query_form(query) in ("CONSTRUCT", "DESCRIBE")
            else RESULTS_JSON)


def _term(ctx: PageContext, term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        label = ctx.label(term.value)
        href = ctx.resource_href(term.value)
        shown = label if href is not None and label != term.value else term.value
        return ctx.link(term.value, shown, title=term.value)
    if isinstance(term, ox.BlankNode):
        return f'<span class="iri">_:{esc(term.value)}</span>'
    extra = ""
    if term.language:
        extra = f' <small class="muted">@{esc(term.language)}</small>'
    elif term.datatype and not term.datatype.value.endswith("#string"):
        extra = f' <small class="muted">{esc(ctx.view.label(term.datatype.value))}</small>'
    return esc(term.value) + extra


def answer_html(ctx: PageContext, answer: Answer) -> str:
    """The endpoint's answer as a table (or a message when it failed)."""
    if answer.status != 200:
        message = answer.body.decode("utf-8", "replace").strip()
        return (f'<p role="alert"><strong>{esc(ctx.t("query failed", status=answer.status))}'
                f"</strong></p><pre class=\"source\">{esc(message)}</pre>")
    truncated = any(k.lower() == "x-result-truncated" for k, _ in answer.headers)
    note = f'<p class="note">{esc(ctx.t("truncated"))}</p>' if truncated else ""
    if answer.media_type.startswith("application/n-triples"):
        triples = list(ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES))
        variables = ["subject", "predicate", "object"]
        rows = [(t.subject, t.predicate, t.object) for t in triples]
    else:
        results = ox.parse_query_results(answer.body, ox.QueryResultsFormat.JSON)
        if isinstance(results, ox.QueryBoolean):
            word = ctx.t("yes") if bool(results) else ctx.t("no")
            return f'<p class="answer"><strong>{esc(word)}</strong></p>'
        variables = [v.value for v in results.variables]
        rows = [tuple(row[v] for v in variables) for row in results]
    shown = rows[:MAX_ROWS]
    head = "".join(f"<th>?{esc(v)}</th>" for v in variables)
    body = "".join("<tr>" + "".join(f"<td>{_term(ctx, t)}</td>" for t in row) + "</tr>"
                   for row in shown)
    count = ctx.t("n rows", n=len(rows))
    if len(shown) < len(rows):
        count += " " + ctx.t("first rows", n=len(shown))
    return (f'<p id="row-count">{esc(count)}</p>{note}<table class="results"><thead><tr>{head}'
            f"</tr></thead><tbody>{body}</tbody></table>")


def sparql_page(ctx: PageContext, query: str, answer: Answer | None = None) -> str:
    """The form (with ``query`` in it) and, when the query ran, its answer."""
    formats = (("html", ctx.t("html table")), ("json", "JSON"), ("xml", "XML"),
               ("csv", "CSV"), ("tsv", "TSV"), ("turtle", "Turtle"))
    options = "".join(f'<option value="{v}">{esc(n)}</option>' for v, n in formats)
    keep = (f'<input type="hidden" name="lang" value="{esc(ctx.lang)}">'
            if ctx.keep_lang else "")
    body = (
        f"<h1>SPARQL</h1><p>{esc(ctx.t('sparql intro'))}</p>"
        f'<form action="{esc(ctx.root + "sparql")}" method="get">'
        f'<textarea name="query" rows="12" aria-label="query">{esc(query)}</textarea>{keep}'
        f'<p><label>{esc(ctx.t("format"))} <select name="format">{options}</select>'
        f'</label> <button type="submit">{esc(ctx.t("run"))}</button></p></form>'
    )
    if answer is not None:
        body += f'<h2 id="answer">{esc(ctx.t("answer"))}</h2>' + answer_html(ctx, answer)
    return page(ctx, "SPARQL", body)


__all__ = ["accept_for", "answer_html", "sparql_page", "wants_html"]
