"""The site's own pages: the index, search, the dataset (VoID/DCAT), the ontology's
documentation and error pages (the SPARQL form is :mod:`build_graph.web.sparql_html`'s).
All text is escaped.

The index and the dataset page show what the data holds: the organisations and countries that
take part in at least one activity (the rest of the registry stays reachable by IRI, search
and SPARQL)."""

from __future__ import annotations

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from build_graph.resources import data_dir
from build_graph.vocab import OASKG
from build_graph.web import sparql_html
from build_graph.web.activities import OAS, GraphFacts, facts
from build_graph.web.graphview import ONTOLOGY_IRI
from build_graph.web.layout import PageContext, esc, json_for_script, link_list, page
from build_graph.web.profile_parts import by_label
from build_graph.web.search import index_of
from build_graph.web.search_script import SCRIPT as SEARCH_SCRIPT
from build_graph.web.void import Dump, class_counts, wikidata_links


def _participants(all_facts: GraphFacts, roles: tuple[str, ...]) -> set[str]:
    return {i for a in all_facts.activities.values() for r in roles for i in a.with_role(r)}


def _tree(ctx: PageContext, all_facts: GraphFacts, bodies: set[str], counts) -> str:
    """The OAS bodies that implement, under the bodies they sit in (from the OAS down)."""
    shown = set(bodies) | {p for b in bodies for p in all_facts.chain(b)}

    def branch(node: str) -> str:
        kids = [c for c in by_label(ctx, shown) if all_facts.chain(c)[-1:] == [node]]
        label = ctx.link(node)
        if node in bodies:
            label = f"<strong>{label}</strong> <small class=\"muted\">" \
                    f"({esc(ctx.t('n activities', n=counts[node]))})</small>"
        inner = "".join(branch(k) for k in kids)
        return f"<li>{label}" + (f"<ul>{inner}</ul>" if inner else "") + "</li>"

    roots = [n for n in by_label(ctx, shown) if not (set(all_facts.chain(n)) & shown)]
    return "<ul>" + "".join(branch(r) for r in roots) + "</ul>"


def index_page(ctx: PageContext) -> str:
    view = ctx.view
    f = facts(view)
    programs = by_label(ctx, {a.program for a in f.activities.values() if a.program}
                        | set(f.programs))
    activities = by_label(ctx, f.activities)
    bodies = _participants(f, ("implements",))
    activity_counts = {b: len(f.where("implements", {b})) for b in bodies}
    sections = [
        ("programs", programs, link_list(ctx, programs)),
        ("activities", activities, link_list(ctx, activities)),
        ("oas bodies", bodies, _tree(ctx, f, bodies, activity_counts)),
        ("donors", _participants(f, ("funds", "channels")), None),
        ("partners", _participants(f, ("partner",)), None),
        ("national counterparts", _participants(f, ("counterpart",)), None),
        ("countries", {c for c in f.participants() if c in f.countries}, None),
        ("source documents", set(f.documents), None),
    ]
    body = [f"<h1>{esc(ctx.t('site title'))}</h1>",
            f"<p>{esc(ctx.t('index intro'))} <a href=\"{esc(ctx.page_href('programs'))}\">"
            f"{esc(ctx.t('browse programs'))}</a> · <a href=\"{esc(ctx.page_href('dataset'))}\">"
            f"{esc(ctx.t('dataset'))}</a></p>",
            f'<p class="note">{esc(ctx.t("index note"))}</p>']
    toc = "".join(f'<li><a href="#{key.replace(" ", "-")}">{esc(ctx.t(key))}</a></li>'
                  for key, _, _ in sections)
    body.append(f"<ul>{toc}</ul>")
    for key, iris, html in sections:
        listing = html if html is not None else link_list(ctx, by_label(ctx, iris))
        body.append(f'<h2 id="{key.replace(" ", "-")}">{esc(ctx.t(key))} ({len(iris)})</h2>'
                    + listing)
    return page(ctx, ctx.t("index"), "".join(body))


def search_page(ctx: PageContext, query: str | None) -> str:
    """Server side: the best matches of ``query``. Static site: every name, ranked in the
    browser by a small script reading ``?q=`` the same way."""
    view = ctx.view
    index = index_of(view)
    if ctx.dynamic:
        hits = index.search(query or "", prefer=facts(view).participants())
        items = "".join(
            f"<li>{ctx.link(h.iri)} <small class=\"muted\">{esc(_kind(ctx, h.iri))}"
            + (f" · {esc(h.matched)}" if h.matched != ctx.label(h.iri) else "")
            + "</small></li>" for h in hits)
        body = (f"<h1>{esc(ctx.t('search'))}</h1><p>"
                f"{esc(ctx.t('n results for', n=len(hits), q=query or ''))}</p>"
                f'<p class="note">{esc(ctx.t("search note"))}</p><ol id="hits">{items}</ol>')
        return page(ctx, ctx.t("search"), body)
    entries = sorted(index.entries(), key=lambda e: view.label(e[0], ctx.lang).casefold())
    items = "".join(
        f'<li data-n="{esc("|".join(names))}" data-a="{esc("|".join(acronyms))}">'
        f"{ctx.link(iri)}</li>" for iri, names, acronyms in entries)
    body = (f"<h1>{esc(ctx.t('search'))}</h1><p>{esc(ctx.t('names matching'))} "
            f'“<span id="q"></span>”.</p><p class="note">{esc(ctx.t("search note"))}</p>'
            f'<ol id="hits">{items}</ol><script>{SEARCH_SCRIPT}</script>')
    return page(ctx, ctx.t("search"), body)


def _kind(ctx: PageContext, iri: str) -> str:
    path = ctx.view.path_for_iri(iri) or ""
    kind = path.split("/")[1] if path.count("/") >= 2 else ""
    return ctx.t("kind of " + kind) if kind in ("org", "country", "program", "activity",
                                                 "document", "result") else kind


def dataset_page(ctx: PageContext, dumps: list[Dump]) -> str:
    view = ctx.view
    f = facts(view)
    rows = "".join(f"<tr><td>{ctx.link(c)}</td><td class=\"n\">{n}</td></tr>"
                   for c, n in class_counts(view))
    downloads = "".join(
        f'<li><a href="{esc(ctx.href("dumps/" + d.file_name))}" type="{esc(d.media_type)}">'
        f"{esc(d.file_name)}</a> — {esc(d.title)}</li>" for d in dumps
    )
    examples = link_list(ctx, example_resources(ctx, f))
    void_href = ctx.href(".well-known/void" if ctx.dynamic else "dataset.ttl")
    sparql = (f'<p>{esc(ctx.t("sparql endpoint"))}: <a href="{esc(ctx.page_href("sparql"))}">'
              f"/sparql</a> ({esc(ctx.t('sparql protocol'))}).</p>" if ctx.dynamic else "")
    body = (
        f"<h1>{esc(ctx.t('the dataset'))}</h1>"
        f'<p class="iri">{esc(view.base)}dataset</p>'
        f"<p>{esc(ctx.t('licence'))}: <a href=\"https://creativecommons.org/licenses/by/4.0/\">"
        f"CC BY 4.0</a>. {esc(ctx.t('triples', n=view.triple_count()))}; "
        f"{esc(ctx.t('wikidata links', n=wikidata_links(view)))} (<code>owl:sameAs</code>).</p>"
        f'<p>{esc(ctx.t("void description"))}: <a href="{esc(void_href)}">Turtle</a>.</p>'
        + sparql +
        f"<h2>{esc(ctx.t('downloads'))}</h2><ul>{downloads}</ul>"
        f"<h2 id=\"examples\">{esc(ctx.t('example resources'))}</h2>{examples}"
        f"<h2>{esc(ctx.t('what it holds'))}</h2><p>{esc(_holds(ctx, f))}</p>"
        f"<h2>{esc(ctx.t('classes'))}</h2><table><tr><th>{esc(ctx.t('class'))}</th>"
        f"<th>{esc(ctx.t('instances'))}</th></tr>{rows}</table>"
    )
    return page(ctx, ctx.t("dataset"), body)


def _holds(ctx: PageContext, f: GraphFacts) -> str:
    taking_part = f.participants()
    countries = {c for c in taking_part if c in f.countries}
    return ctx.t("holds", p=len(f.programs), a=len(f.activities),
                 o=len(taking_part - countries), c=len(countries))


def example_resources(ctx: PageContext, f: GraphFacts) -> list[str]:
    """A program, an activity, an OAS body, a donor and a country with a sheet, all taking
    part in the data: of each the one with the most to show (activities, results, programs
    implemented or funded, activities on its sheet), then the first by label."""
    acts = list(f.activities.values())
    pools: list[dict[str, int]] = [
        {p: len(f.of_program(p)) for p in f.programs},
        {a.iri: len(a.results) for a in acts},
        {b: len(f.where("implements", {b})) for b in _participants(f, ("implements",))},
        {d: len(f.where("funds", {d})) for d in _participants(f, ("funds",))},
        {c: len(f.where("country", {c})) for c in
         {d.country for d in f.documents.values() if d.country}},
    ]
    found: list[str] = []
    for weight in pools:
        ordered = [i for i in by_label(ctx, weight) if i not in found and i != OAS]
        if ordered:
            found.append(min(ordered, key=lambda i: -weight[i]))
    return found


RELATIONS = (("domain", RDFS.domain), ("range", RDFS.range), ("subclass of", RDFS.subClassOf),
             ("subproperty of", RDFS.subPropertyOf))


def ontology_graph() -> Graph:
    g = Graph()
    g.parse(data_dir("ontology") / "oaskg.ttl", format="turtle")
    return g


def _text(g: Graph, term, prop, lang: str) -> str:
    values = [str(o) for o in g.objects(term, prop) if getattr(o, "language", None) == lang]
    return sorted(values)[0] if values else ""


def class_expression(ctx: PageContext, g: Graph, node) -> str:
    """A term as a link; an ``owl:unionOf`` class as "A or B"."""
    if isinstance(node, BNode):
        members = next(iter(g.objects(node, OWL.unionOf)), None)
        if members is not None:
            joined = f" {esc(ctx.t('or'))} "
            return joined.join(class_expression(ctx, g, m) for m in Collection(g, members))
        return esc(ctx.t("anonymous class"))
    return ctx.link(str(node))


def ontology_page(ctx: PageContext) -> str:
    """The ontology's terms with their labels in the page's language (and the other one),
    comments, domains and ranges."""
    g = ontology_graph()
    ns = str(OASKG)
    other = "en" if ctx.lang == "es" else "es"
    sections = []
    kinds = (("classes", OWL.Class), ("object properties", OWL.ObjectProperty),
             ("datatype properties", OWL.DatatypeProperty),
             ("annotation properties", OWL.AnnotationProperty))
    for key, kind in kinds:
        terms = sorted(t for t in g.subjects(RDF.type, kind) if str(t).startswith(ns))
        items = []
        for t in terms:
            name = str(t)[len(ns):]
            extra = "".join(
                f"<br><small>{esc(ctx.t(label))}: "
                + ", ".join(class_expression(ctx, g, o) for o in sorted(g.objects(t, p)))
                + "</small>"
                for label, p in RELATIONS
                if any(True for _ in g.objects(t, p))
            )
            items.append(
                f'<dt id="{esc(name)}"><code>oaskg:{esc(name)}</code> — '
                f"{esc(_text(g, t, RDFS.label, ctx.lang))} / "
                f"<span lang=\"{other}\">{esc(_text(g, t, RDFS.label, other))}</span></dt>"
                f"<dd>{esc(_text(g, t, RDFS.comment, ctx.lang))}{extra}</dd>"
            )
        sections.append(f"<h2>{esc(ctx.t(key))} ({len(terms)})</h2><dl>{''.join(items)}</dl>")
    onto = URIRef(ONTOLOGY_IRI)
    title = _text(g, onto, URIRef("http://purl.org/dc/terms/title"), ctx.lang) or \
        _text(g, onto, URIRef("http://purl.org/dc/terms/title"), "en")
    descr = _text(g, onto, URIRef("http://purl.org/dc/terms/description"), ctx.lang) or \
        _text(g, onto, URIRef("http://purl.org/dc/terms/description"), "en")
    ttl = ctx.href("ontology.ttl")
    body = (f"<h1>{esc(title)}</h1><p class=\"iri\">{esc(ONTOLOGY_IRI)} — namespace "
            f"{esc(ns)}</p><p>{esc(descr)}</p>"
            f'<p class="formats">{esc(ctx.t("download"))}: <a href="{esc(ttl)}" '
            'type="text/turtle">Turtle</a></p>' + "".join(sections))
    return page(ctx, ctx.t("ontology"), body)


def sparql_page(ctx: PageContext, example: str) -> str:
    """The SPARQL form alone (kept for callers of the old name)."""
    return sparql_html.sparql_page(ctx, example)


def error_page(ctx: PageContext, status: int, message: str) -> str:
    body = f"<h1>{status}</h1><p>{esc(message)}</p>" \
           f'<p><a href="{esc(ctx.home_href())}">{esc(ctx.t("back to index"))}</a></p>'
    return page(ctx, str(status), body)


__all__ = ["class_expression", "dataset_page", "error_page", "example_resources",
           "index_page", "json_for_script", "ontology_page", "search_page", "sparql_page"]
