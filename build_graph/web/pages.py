"""The HTML page of one resource: for an organisation, a country or a program its profile; for
an activity its program, country, dates, donors, results and provenance; for every resource the
raw statements, with labels rather than IRIs, grouped by property. All text is escaped."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from build_graph import vocab
from build_graph.web.activities import ActivityFacts, GraphFacts, facts
from build_graph.web.graphview import Description
from build_graph.web.layout import PageContext, alternates, esc, json_for_script, page
from build_graph.web.profile_country import country_profile, is_country
from build_graph.web.profile_org import is_organisation, org_profile
from build_graph.web.profile_parts import date_html, names_html, status_html
from build_graph.web.profile_program import donors_html, is_program, program_profile

WIKIDATA = str(vocab.WD)
SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
DERIVED_FROM = str(vocab.PROV.wasDerivedFrom)
MENTION_LINE = str(vocab.OASKG.mentionLine)
LONG_TEXT = 160  # characters: longer literals are shown as quoted blocks

ACTIVITY_PROSE = (
    ("summary", str(vocab.summary)),
    ("objectives", str(vocab.objectives)),
    ("results as written", str(vocab.resultsText)),
    ("additional information", str(vocab.additionalInformation)),
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
    lang = (f' <small lang="{esc(term.language)}">({esc(term.language)})</small>'
            if term.language else "")
    if term.datatype and term.datatype.value == str(vocab.XSD.anyURI):
        return f'<a href="{esc(text)}" rel="nofollow">{esc(text)}</a>'
    if len(text) > LONG_TEXT or "\n" in text:
        return f"<blockquote>{esc(text)}</blockquote>{lang}"
    return f"{esc(text)}{lang}"


def _values_html(ctx: PageContext, terms: list) -> str:
    if len(terms) == 1:
        return term_html(ctx, terms[0])
    return '<ul class="values">' + "".join(f"<li>{term_html(ctx, t)}</li>" for t in terms) + "</ul>"


def _grouped(ctx: PageContext, pairs: list[tuple[str, object]]) -> str:
    groups: dict[str, list] = defaultdict(list)
    for predicate, term in pairs:
        groups[predicate].append(term)
    if not groups:
        return f"<p>{esc(ctx.t('none'))}</p>"
    rows = []
    for predicate in sorted(groups, key=lambda p: (ctx.label(p).casefold(), p)):
        rows.append(f"<dt>{ctx.link(predicate)}</dt><dd>{_values_html(ctx, groups[predicate])}"
                    "</dd>")
    return '<dl class="props">' + "".join(rows) + "</dl>"


def _activity_facts(ctx: PageContext, all_facts: GraphFacts, a: ActivityFacts,
                    d: Description) -> list[tuple[str, str]]:
    """(heading key, HTML) of an activity's key facts, in reading order; one value per date."""
    rows = [
        ("program", ctx.link(a.program) if a.program else ""),
        ("country", ctx.link(a.country) if a.country else ""),
        ("pillar", names_html(ctx, [a.pillar] if a.pillar else [])),
        ("status", status_html(ctx, all_facts, a, full=True)),
        ("start", date_html(ctx, a.start, a.start_raw, note=True)
         if a.start or a.start_raw else ""),
        ("end", date_html(ctx, a.end, a.end_raw, a.open_ended, note=True)
         if a.end or a.end_raw or a.open_ended else ""),
        ("donors", donors_html(ctx, all_facts, a)),
        ("implemented by", names_html(ctx, a.with_role("implements"))),
        ("partners", names_html(ctx, a.with_role("partner"))),
        ("national counterparts", names_html(ctx, a.with_role("counterpart"))),
        ("also covers", names_html(ctx, a.covers)),
        ("beneficiaries", _values_html(ctx, d.values(str(vocab.targetBeneficiaries)))
         if d.values(str(vocab.targetBeneficiaries)) else ""),
        ("web page", _values_html(ctx, d.values(str(vocab.url)))
         if d.values(str(vocab.url)) else ""),
    ]
    return [(k, v) for k, v in rows if v]


def _activity_html(ctx: PageContext, all_facts: GraphFacts, d: Description) -> str:
    a = all_facts.activities.get(d.iri) or ActivityFacts(d.iri)
    rows = "".join(f"<dt>{esc(ctx.t(k))}</dt><dd>{v}</dd>"
                   for k, v in _activity_facts(ctx, all_facts, a, d))
    parts = [f'<h2>{esc(ctx.t("the activity"))}</h2><dl class="props">{rows}</dl>']
    parts.append(_results_html(ctx, d))
    for key, prop in ACTIVITY_PROSE:
        for term in d.values(prop):
            parts.append(f"<h2>{esc(ctx.t(key))}</h2><blockquote>{esc(term.value)}</blockquote>")
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
            f"{ctx.t(name)} {r.first(str(p))}" for name, p in
            (("women", vocab.women), ("men", vocab.men)) if r.first(str(p))
        )
        rows.append(
            "<tr>"
            f"<td>{ctx.link(iri, r.first(str(vocab.quantity)) or '?')}</td>"
            f"<td>{esc(r.first(str(vocab.counts)) or '')}"
            f"{'<br><small>' + esc(split) + '</small>' if split else ''}</td>"
            f"<td>{ctx.link(status) if status else ''}</td>"
            f"<td>{esc(r.first(str(vocab.evidence)) or '')}</td></tr>"
        )
    head = "".join(f"<th>{esc(ctx.t(k))}</th>" for k in
                   ("quantity", "what", "status", "evidence"))
    return (f"<h2>{esc(ctx.t('results'))}</h2><table><thead><tr>{head}</tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


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
    where = (ctx.t("lines", first=first, last=last) if first and last
             else ctx.t("lines unknown"))
    text = (f"<p>{esc(ctx.t('from'))} {ctx.link(document)} (<code>{esc(file_name)}</code>), "
            f"{esc(where)}")
    if page_number:
        text += ", " + esc(ctx.t("program page", n=page_number))
    text += f'; SHA-256 <span class="iri">{esc(doc.first(str(vocab.sha256)) or "?")}</span>.</p>'
    lines = ctx.sources.get(file_name)
    if lines and first and last:
        quoted = "\n".join(lines[int(first) - 1 : int(last)])
        text += f'<pre class="source">{esc(quoted)}</pre>'
    return f"<h2>{esc(ctx.t('provenance'))}</h2>" + text


def _review_html(ctx: PageContext, d: Description) -> str:
    """A visible "needs review" notice on an organisation minted from the sheets."""
    flags = {t.value for t in d.values(str(vocab.needsReview))}
    if not flags:
        return ""
    documents = ", ".join(ctx.link(t.value) for t in d.values(DERIVED_FROM)
                          if isinstance(t, ox.NamedNode))
    lines = sorted({int(t.value) for t in d.values(MENTION_LINE) if t.value.isdigit()})
    where = f" {esc(ctx.t('named in'))} {documents}" if documents else ""
    if where and lines:
        word = ctx.t("lines word" if len(lines) > 1 else "line word")
        where += f", {esc(word)} {', '.join(map(str, lines))}"
    where += "." if where else ""
    if "true" in flags:
        return f'<p class="review">{ctx.t("needs review html")}{where} ' \
               f"{ctx.t('needs review remedy html')}</p>"
    return f'<p class="reviewed">{esc(ctx.t("reviewed"))}{where}</p>'


def profile_html(ctx: PageContext, all_facts: GraphFacts, d: Description) -> str:
    """The profile of an organisation, country or program; an activity's key facts; else ""."""
    if str(vocab.Activity) in d.types:
        return _activity_html(ctx, all_facts, d)
    if is_program(d):
        return program_profile(ctx, all_facts, d)
    if is_country(d):
        return country_profile(ctx, all_facts, d)
    if is_organisation(d):
        return org_profile(ctx, all_facts, d)
    return ""


def resource_page(ctx: PageContext, d: Description, jsonld: str) -> str:
    """The whole page of one resource; ``jsonld`` is its description, embedded for machines."""
    view = ctx.view
    title = ctx.label(d.iri)
    path = view.path_for_iri(d.iri) or ""
    types = ", ".join(ctx.link(t) for t in d.types)
    wikidata = [t.value for t in d.values(SAME_AS) if t.value.startswith(WIKIDATA)]
    body = [
        f"<h1>{esc(title)}</h1>",
        f'<p class="iri">{esc(d.iri)}</p>',
        f'<p class="types">{types}</p>' if types else "",
    ]
    if wikidata:
        body.append(
            f"<p>{esc(ctx.t('same as'))} " + ", ".join(
                f'<a class="wikidata" href="{esc(w)}">Wikidata {esc(w.rsplit("/", 1)[-1])}</a>'
                for w in wikidata) + "</p>"
        )
    body.append(_review_html(ctx, d))
    body.append(alternates(ctx, ctx.href(path)))
    body.append(profile_html(ctx, facts(view), d))
    out_pairs = [(t.predicate.value, t.object) for t in d.outgoing]
    in_pairs = [(t.predicate.value, t.subject) for t in d.incoming]
    body.append(f'<h2 id="raw">{esc(ctx.t("raw statements"))}</h2>' + _grouped(ctx, out_pairs))
    body.append(f'<h2 id="links">{esc(ctx.t("links to this"))}</h2>'
                f'<p class="note">{esc(ctx.t("links to this note"))}</p>'
                + _grouped(ctx, in_pairs))
    head = f'<script type="application/ld+json">{json_for_script_raw(jsonld)}</script>'
    return page(ctx, title, "".join(body), head)


def json_for_script_raw(jsonld: str) -> str:
    """Serialized JSON-LD made safe for a ``<script>`` element."""
    return jsonld.replace("<", "\\u003c").replace(">", "\\u003e")


__all__ = ["profile_html", "resource_page", "term_html", "json_for_script"]
