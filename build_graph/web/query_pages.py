"""The saved queries (``queries/*.rq``) as pages: listed, described, runnable with parameters."""

from __future__ import annotations

from urllib.parse import urlencode

from build_graph.web.layout import PageContext, esc, page


def catalogue():
    """The saved-query catalogue, or an empty list when it cannot be read."""
    from build_graph.query.catalogue import CatalogueError, load_catalogue

    try:
        return load_catalogue()
    except (CatalogueError, OSError):
        return []


def queries_page(ctx: PageContext, saved: list) -> str:
    items = "".join(
        f'<li><a href="{esc(ctx.href("queries/" + q.name) + ("" if ctx.dynamic else ".html"))}">'
        f"{esc(q.title)}</a> — {esc(q.description)}</li>" for q in saved
    )
    note = "" if ctx.dynamic else (
        "<p>This is a static copy: run the queries with <code>oaskg query run NAME</code> or "
        "on a live <code>oaskg serve</code>.</p>")
    body = f"<h1>Saved queries ({len(saved)})</h1>{note}<ul>{items}</ul>"
    return page(ctx, "Saved queries", body)


def _form(ctx: PageContext, q, given: dict[str, str]) -> str:
    if not ctx.dynamic:
        return ""
    fields = []
    for p in q.params:
        value = given.get(p.name, "" if p.default in ("required", "any") else p.default)
        fields.append(
            f'<p><label>{esc(p.name)} <small>({esc(p.type)}; default {esc(p.default)})</small> '
            f'<input name="{esc(p.name)}" value="{esc(value)}"'
            f'{" required" if p.required else ""}></label><br><small>{esc(p.description)}'
            "</small></p>"
        )
    return (f'<form method="get" action="{esc(ctx.href("queries/" + q.name))}">'
            + "".join(fields) + '<input type="hidden" name="run" value="1">'
            '<button type="submit">Run</button></form>')


def _table(ctx: PageContext, answer) -> str:
    head = "".join(f"<th>{esc(v)}</th>" for v in answer.variables)
    rows = []
    for row in answer.rows:
        cells = []
        for term in row:
            if term is None:
                cells.append("<td></td>")
            elif hasattr(term, "datatype"):
                cells.append(f"<td>{esc(term.value)}</td>")
            else:
                cells.append(f"<td>{ctx.link(term.value)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f"<p>{len(answer.rows)} rows.</p><table><tr>{head}</tr>" + "".join(rows)
            + "</table>")


def query_page(ctx: PageContext, q, given: dict[str, str] | None = None, answer=None,
               problem: str | None = None) -> str:
    """One saved query: what it asks, its parameters as a form, its text, and its answer."""
    given = given or {}
    parts = [f"<h1>{esc(q.title)}</h1><p>{esc(q.description)}</p>", _form(ctx, q, given)]
    if problem:
        parts.append(f'<p role="alert"><strong>Cannot run:</strong> {esc(problem)}</p>')
    if answer is not None:
        parts.append("<h2>Answer</h2>" + _table(ctx, answer))
        sparql_text = bound_text(q, given)
        if sparql_text:
            href = ctx.page_href("sparql") + "?" + urlencode({"query": sparql_text,
                                                              "format": "json"})
            parts.append(f'<p><a href="{esc(href)}">The same on the SPARQL endpoint (JSON)</a>'
                         "</p>")
    parts.append(f"<h2>The query</h2><pre class=\"source\">{esc(q.text)}</pre>")
    return page(ctx, q.title, "".join(parts))


def bound_text(q, given: dict[str, str]) -> str | None:
    """The query text with its parameters written in as VALUES (for the endpoint)."""
    from build_graph.query.run import ParamError, bind_params, with_values

    try:
        return with_values(q.text, bind_params(q, given))
    except (ParamError, ValueError):
        return None


def run_saved(q, given: dict[str, str], store):
    """(answer, problem): the answer of a saved query, or why it could not run."""
    from build_graph.query.run import ParamError, QueryFailed, execute

    try:
        return execute(q, given, store=store), None
    except (ParamError, QueryFailed) as exc:
        return None, str(exc)
