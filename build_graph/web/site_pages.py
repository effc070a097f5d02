"""The site's own pages: the index, search, the dataset (VoID/DCAT), the ontology's
documentation, the SPARQL form and error pages. All text is escaped."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from build_graph.resources import data_dir
from build_graph.vocab import OASKG
from build_graph.web.graphview import ONTOLOGY_IRI
from build_graph.web.layout import PageContext, esc, json_for_script, link_list, page
from build_graph.web.void import Dump, class_counts, example_resources, wikidata_links

INDEX_SECTIONS = (
    ("Programs", str(OASKG.Program)),
    ("Activities (a program on one country's sheet)", str(OASKG.Activity)),
    ("Organisations", "http://www.w3.org/ns/org#Organization"),
    ("Countries", "http://schema.org/Country"),
    ("Source documents", str(OASKG.SourceDocument)),
)


def index_page(ctx: PageContext) -> str:
    view = ctx.view
    body = [
        "<h1>OAS cooperation programs</h1>",
        "<p>Programs of the Organization of American States as reported on its country sheets, "
        "as linked data. Every page is also available as Turtle, JSON-LD and N-Triples; the "
        f'<a href="{esc(ctx.page_href("dataset"))}">dataset page</a> lists the dumps.</p>',
    ]
    toc = "".join(f'<li><a href="#s{n}">{esc(t)}</a></li>' for n, (t, _) in
                  enumerate(INDEX_SECTIONS))
    body.append(f"<ul>{toc}</ul>")
    for n, (title, cls) in enumerate(INDEX_SECTIONS):
        iris = [i for i in view.instances(cls) if view.path_for_iri(i)]
        body.append(f'<h2 id="s{n}">{esc(title)} ({len(iris)})</h2>' + link_list(ctx, iris))
    return page(ctx, "Index", "".join(body))


def search_page(ctx: PageContext, query: str | None) -> str:
    """Server side: the labels matching ``query``. Static site: every label, filtered in the
    browser by a small script reading ``?q=``."""
    view = ctx.view
    if ctx.dynamic:
        hits = view.search(query or "")
        body = f"<h1>Search</h1><p>{len(hits)} resources whose label contains " \
               f"“{esc(query or '')}”.</p>" + link_list(ctx, hits)
        return page(ctx, "Search", body)
    iris = [i for i in view.labels if view.path_for_iri(i)]
    items = "".join(f"<li>{ctx.link(i)}</li>" for i in sorted(iris, key=view.label))
    script = (
        "<script>(function(){var q=(new URLSearchParams(location.search).get('q')||'')"
        ".toLowerCase();document.getElementById('q').textContent=q;"
        "document.querySelectorAll('#hits li').forEach(function(li){"
        "li.hidden=q!==''&&li.textContent.toLowerCase().indexOf(q)<0;});})();</script>"
    )
    body = f'<h1>Search</h1><p>Labels containing “<span id="q"></span>”.</p>' \
           f'<ul id="hits">{items}</ul>{script}'
    return page(ctx, "Search", body)


def dataset_page(ctx: PageContext, dumps: list[Dump]) -> str:
    view = ctx.view
    rows = "".join(f"<tr><td>{ctx.link(c)}</td><td>{n}</td></tr>" for c, n in class_counts(view))
    downloads = "".join(
        f'<li><a href="{esc(ctx.href("dumps/" + d.file_name))}" type="{esc(d.media_type)}">'
        f"{esc(d.file_name)}</a> — {esc(d.title)}</li>" for d in dumps
    )
    examples = link_list(ctx, example_resources(view))
    void_href = ctx.href(".well-known/void" if ctx.dynamic else "dataset.ttl")
    sparql = (f'<p>SPARQL endpoint: <a href="{esc(ctx.page_href("sparql"))}">/sparql</a> '
              "(SPARQL 1.1 Protocol, read-only).</p>" if ctx.dynamic else "")
    body = (
        "<h1>The dataset</h1>"
        f'<p class="iri">{esc(view.base)}dataset</p>'
        "<p>Licence: <a href=\"https://creativecommons.org/licenses/by/4.0/\">CC BY 4.0</a>. "
        f"{view.triple_count()} triples; {wikidata_links(view)} links to Wikidata "
        "(<code>owl:sameAs</code>).</p>"
        f'<p>Machine-readable description (VoID + DCAT): <a href="{esc(void_href)}">'
        "Turtle</a>.</p>" + sparql +
        f"<h2>Downloads</h2><ul>{downloads}</ul>"
        f"<h2>Example resources</h2>{examples}"
        f"<h2>Classes</h2><table><tr><th>Class</th><th>Instances</th></tr>{rows}</table>"
    )
    return page(ctx, "Dataset", body)


RELATIONS = (("domain", RDFS.domain), ("range", RDFS.range), ("subclass of", RDFS.subClassOf),
             ("subproperty of", RDFS.subPropertyOf))


def ontology_graph() -> Graph:
    g = Graph()
    g.parse(data_dir("ontology") / "oaskg.ttl", format="turtle")
    return g


def _text(g: Graph, term, prop, lang: str) -> str:
    values = [str(o) for o in g.objects(term, prop) if getattr(o, "language", None) == lang]
    return sorted(values)[0] if values else ""


def ontology_page(ctx: PageContext) -> str:
    """The ontology's terms with their English and Spanish labels, comments, domains, ranges."""
    g = ontology_graph()
    ns = str(OASKG)
    sections = []
    kinds = (("Classes", OWL.Class), ("Object properties", OWL.ObjectProperty),
             ("Datatype properties", OWL.DatatypeProperty),
             ("Annotation properties", OWL.AnnotationProperty))
    for title, kind in kinds:
        terms = sorted(t for t in g.subjects(RDF.type, kind) if str(t).startswith(ns))
        items = []
        for t in terms:
            name = str(t)[len(ns):]
            extra = "".join(
                f"<br><small>{label}: "
                + ", ".join(ctx.link(str(o)) for o in sorted(g.objects(t, p)))
                + "</small>"
                for label, p in RELATIONS
                if any(True for _ in g.objects(t, p))
            )
            items.append(
                f'<dt id="{esc(name)}"><code>oaskg:{esc(name)}</code> — '
                f"{esc(_text(g, t, RDFS.label, 'en'))} / "
                f"<span lang=\"es\">{esc(_text(g, t, RDFS.label, 'es'))}</span></dt>"
                f"<dd>{esc(_text(g, t, RDFS.comment, 'en'))}{extra}</dd>"
            )
        sections.append(f"<h2>{title} ({len(terms)})</h2><dl>{''.join(items)}</dl>")
    onto = URIRef(ONTOLOGY_IRI)
    title = _text(g, onto, URIRef("http://purl.org/dc/terms/title"), "en")
    descr = _text(g, onto, URIRef("http://purl.org/dc/terms/description"), "en")
    ttl = ctx.href("ontology.ttl")
    body = (f"<h1>{esc(title)}</h1><p class=\"iri\">{esc(ONTOLOGY_IRI)} — namespace "
            f"{esc(ns)}</p><p>{esc(descr)}</p>"
            f'<p class="formats">Download: <a href="{esc(ttl)}" type="text/turtle">Turtle</a>'
            "</p>" + "".join(sections))
    return page(ctx, "Ontology", body)


def sparql_page(ctx: PageContext, example: str) -> str:
    body = (
        "<h1>SPARQL</h1><p>A read-only SPARQL 1.1 Protocol endpoint over every graph (the "
        "default graph is the union of the named graphs). Answers as JSON, XML, CSV or TSV "
        "(CONSTRUCT: Turtle, N-Triples, JSON-LD) by <code>Accept</code> or "
        "<code>format=</code>.</p>"
        f'<form action="{esc(ctx.page_href("sparql"))}" method="get">'
        f'<textarea name="query" rows="12" aria-label="query">{esc(example)}</textarea>'
        '<p><label>Format <select name="format"><option value="json">JSON</option>'
        '<option value="xml">XML</option><option value="csv">CSV</option>'
        '<option value="tsv">TSV</option><option value="turtle">Turtle</option></select>'
        '</label> <button type="submit">Run</button></p></form>'
    )
    return page(ctx, "SPARQL", body)


def error_page(ctx: PageContext, status: int, message: str) -> str:
    body = f"<h1>{status}</h1><p>{esc(message)}</p>" \
           f'<p><a href="{esc(ctx.root)}">Back to the index</a></p>'
    return page(ctx, str(status), body)


__all__ = ["index_page", "search_page", "dataset_page", "ontology_page", "sparql_page",
           "error_page", "json_for_script"]
