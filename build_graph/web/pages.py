"""The HTML page of one resource: labels rather than IRIs, links grouped by property, and for an
activity its program, country, dates, donors, results and provenance. All text is escaped."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from build_graph import vocab
from build_graph.web.graphview import Description
from build_graph.web.layout import PageContext, alternates, esc, json_for_script, page

WIKIDATA = str(vocab.WD)
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
DERIVED_FROM = str(vocab.PROV.wasDerivedFrom)
MENTION_LINE = str(vocab.OASKG.mentionLine)
LONG_TEXT = 160  # characters: longer literals are shown as quoted blocks

# The activity's key facts, in reading order: (heading, properties).
ACTIVITY_FACTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Program", (str(vocab.program),)),
    ("Country", (str(vocab.country),)),
    ("Pillar", (str(vocab.pillar),)),
    ("Status", (str(vocab.status),)),
    ("Start", (str(vocab.startDate), str(vocab.startRaw))),
    ("End", (str(vocab.endDate), str(vocab.endRaw), str(vocab.openEnded))),
    ("Donors", (str(vocab.funder),)),
    ("Funding channel", (str(vocab.fundingChannel),)),
    ("Implemented by", (str(vocab.implementedBy),)),
    ("Partners", (str(vocab.partner),)),
    ("National counterparts", (str(vocab.counterpart),)),
    ("Also covers", (str(vocab.coversCountry),)),
    ("Beneficiaries", (str(vocab.targetBeneficiaries),)),
    ("Web page", (str(vocab.url),)),
)
ACTIVITY_PROSE = (
    ("Summary", str(vocab.summary)),
    ("Objectives", str(vocab.objectives)),
    ("Results as written", str(vocab.resultsText)),
    ("Additional information", str(vocab.additionalInformation)),
)


def term_html(ctx: PageContext, term) -> str:
    """One RDF term as HTML: a labelled link, or the literal's text (long ones quoted)."""
    if isinstance(term, ox.NamedNode):
        html = ctx.link(term.value)
        if term.value.startswith(WIKIDATA):
            return f'<span class="wikidata">Wikidata {html}</span>'
        return html
    if isinstance(term, ox.BlankNode):
        return f"<span class=\"iri\">_:{esc(term.value)}</span>"
    text = term.value
    lang = f' <small lang="en">({esc(term.language)})</small>' if term.language else ""
    if term.datatype and term.datatype.value == str(vocab.XSD.anyURI):
        return f'<a href="{esc(text)}" rel="nofollow">{esc(text)}</a>'
    if len(text) > LONG_TEXT or "\n" in text:
        return f"<blockquote>{esc(text)}</blockquote>{lang}"
    return f"{esc(text)}{lang}"


def _values_html(ctx: PageContext, terms: list) -> str:
    if len(terms) == 1:
        return term_html(ctx, terms[0])
    return '<ul class="values">' + "".join(f"<li>{term_html(ctx, t)}</li>" for t in terms) + "</ul>"


def _grouped(ctx: PageContext, pairs: list[tuple[str, object]], inverse: bool = False) -> str:
    groups: dict[str, list] = defaultdict(list)
    for predicate, term in pairs:
        groups[predicate].append(term)
    if not groups:
        return "<p>None.</p>"
    rows = []
    for predicate in sorted(groups, key=lambda p: (ctx.view.label(p).casefold(), p)):
        name = ctx.link(predicate)
        if inverse:
            name = f"is {name} of"
        rows.append(f"<dt>{name}</dt><dd>{_values_html(ctx, groups[predicate])}</dd>")
    return '<dl class="props">' + "".join(rows) + "</dl>"


def _activity_html(ctx: PageContext, d: Description) -> str:
    rows = []
    for heading, props in ACTIVITY_FACTS:
        terms = [t for p in props for t in d.values(p)]
        if terms:
            rows.append(f"<dt>{esc(heading)}</dt><dd>{_values_html(ctx, terms)}</dd>")
    parts = ['<h2>The activity</h2><dl class="props">' + "".join(rows) + "</dl>"]
    parts.append(_results_html(ctx, d))
    for heading, prop in ACTIVITY_PROSE:
        for term in d.values(prop):
            parts.append(f"<h2>{esc(heading)}</h2><blockquote>{esc(term.value)}</blockquote>")
    parts.append(_provenance_html(ctx, d))
    return "".join(parts)


def _results_html(ctx: PageContext, d: Description) -> str:
    results = sorted((t.value for t in d.values(str(vocab.hasResult))), key=_natural)
    if not results:
        return ""
    rows = []
    for iri in results:
        r = ctx.view.describe(iri)
        status = r.first(str(vocab.resultStatus))
        split = ", ".join(
            f"{name} {r.first(str(p))}" for name, p in (("women", vocab.women), ("men", vocab.men))
            if r.first(str(p))
        )
        rows.append(
            "<tr>"
            f"<td>{ctx.link(iri, r.first(str(vocab.quantity)) or '?')}</td>"
            f"<td>{esc(r.first(str(vocab.counts)) or '')}"
            f"{'<br><small>' + esc(split) + '</small>' if split else ''}</td>"
            f"<td>{ctx.link(status) if status else ''}</td>"
            f"<td>{esc(r.first(str(vocab.evidence)) or '')}</td></tr>"
        )
    return (
        "<h2>Results</h2><table><thead><tr><th>Quantity</th><th>What</th><th>Status</th>"
        "<th>Evidence (quoted)</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def _natural(iri: str) -> tuple[str, int]:
    stem, _, last = iri.rpartition("/")
    return (stem, int(last)) if last.isdigit() else (iri, 0)


def _provenance_html(ctx: PageContext, d: Description) -> str:
    document = d.first(str(vocab.sourceDocument))
    first, last = d.first(str(vocab.firstLine)), d.first(str(vocab.lastLine))
    page_number = d.first(str(vocab.pageNumber))
    if document is None:
        return ""
    doc = ctx.view.describe(document)
    file_name = doc.first(str(vocab.fileName)) or ""
    where = f"lines {esc(first)}–{esc(last)}" if first and last else "lines unknown"
    text = f"<p>From {ctx.link(document)} (<code>{esc(file_name)}</code>), {where}"
    if page_number:
        text += f", program page {esc(page_number)}"
    text += f'; SHA-256 <span class="iri">{esc(doc.first(str(vocab.sha256)) or "?")}</span>.</p>'
    lines = ctx.sources.get(file_name)
    if lines and first and last:
        quoted = "\n".join(lines[int(first) - 1 : int(last)])
        text += f'<pre class="source">{esc(quoted)}</pre>'
    return "<h2>Provenance</h2>" + text


def _review_html(ctx: PageContext, d: Description) -> str:
    """A visible "needs review" notice on an organisation minted from the sheets."""
    flags = {t.value for t in d.values(str(vocab.needsReview))}
    if not flags:
        return ""
    documents = ", ".join(ctx.link(t.value) for t in d.values(DERIVED_FROM)
                          if isinstance(t, ox.NamedNode))
    lines = sorted({int(t.value) for t in d.values(MENTION_LINE) if t.value.isdigit()})
    where = f" Named in {documents}" if documents else ""
    if where and lines:
        where += f", line{'s' if len(lines) > 1 else ''} {', '.join(map(str, lines))}"
    where += "." if where else ""
    if "true" in flags:
        return (
            '<p class="review"><strong>Needs review</strong>: minted from a name the registry '
            f"does not know.{where} Accept, merge, rename or reject it in a curation file "
            "(<code>review.csv</code>, <code>oaskg review</code>).</p>"
        )
    return f'<p class="reviewed">Minted from the sheets and reviewed.{where}</p>'


def resource_page(ctx: PageContext, d: Description, jsonld: str) -> str:
    """The whole page of one resource; ``jsonld`` is its description, embedded for machines."""
    view = ctx.view
    title = view.label(d.iri)
    path = view.path_for_iri(d.iri) or ""
    stem = ctx.root + path
    types = ", ".join(ctx.link(t) for t in d.types)
    wikidata = [t.value for t in d.values(SAME_AS) if t.value.startswith(WIKIDATA)]
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="iri">{esc(d.iri)}</p>',
        f'<p class="types">{types}</p>' if types else "",
    ]
    if wikidata:
        body.append(
            "<p>Same as " + ", ".join(
                f'<a class="wikidata" href="{esc(w)}">Wikidata {esc(w.rsplit("/", 1)[-1])}</a>'
                for w in wikidata) + "</p>"
        )
    body.append(_review_html(ctx, d))
    body.append(alternates(ctx, stem))
    if str(vocab.Activity) in d.types:
        body.append(_activity_html(ctx, d))
    out_pairs = [(t.predicate.value, t.object) for t in d.outgoing]
    in_pairs = [(t.predicate.value, t.subject) for t in d.incoming]
    body.append("<h2>All statements</h2>" + _grouped(ctx, out_pairs))
    body.append("<h2>Links to this</h2>" + _grouped(ctx, in_pairs, inverse=True))
    head = f'<script type="application/ld+json">{json_for_script_raw(jsonld)}</script>'
    return page(ctx, title, "".join(body), head)


def json_for_script_raw(jsonld: str) -> str:
    """Serialized JSON-LD made safe for a ``<script>`` element."""
    return jsonld.replace("<", "\\u003c").replace(">", "\\u003e")


__all__ = ["resource_page", "term_html", "json_for_script"]
