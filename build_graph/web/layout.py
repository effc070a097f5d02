"""HTML building blocks shared by every page. Every text goes through :func:`esc`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape

from build_graph.vocab import OASKG
from build_graph.web.graphview import GraphView
from build_graph.web.negotiation import EXTENSIONS

ONTOLOGY_NS = str(OASKG)
STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1f24;
 line-height:1.5;background:#fafbfc}
header{background:#0b3d6e;color:#fff;padding:.6rem 1.5rem;display:flex;gap:1.5rem;
 align-items:center;flex-wrap:wrap}
header a{color:#fff;text-decoration:none;font-weight:600}
header form{margin-left:auto}
header input{padding:.3rem .5rem;border-radius:4px;border:0;min-width:14rem}
main{max-width:60rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.6rem;margin:.8rem 0 .2rem}
h2{font-size:1.2rem;margin-top:1.8rem;border-bottom:1px solid #d0d7de}
.iri{font-family:ui-monospace,monospace;font-size:.85rem;color:#57606a;word-break:break-all}
.types{color:#57606a}
dl.props{display:grid;grid-template-columns:minmax(9rem,14rem) 1fr;gap:.3rem 1rem}
dl.props dt{font-weight:600;color:#24292f}
dl.props dd{margin:0}
ul.values{margin:0;padding-left:1.1rem}
blockquote,pre.source{background:#f1f3f5;border-left:4px solid #8c959f;margin:.5rem 0;
 padding:.5rem .8rem;white-space:pre-wrap;font-size:.9rem}
table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
.formats a{margin-right:.6rem}
.wikidata{background:#e8f1fb;border-radius:4px;padding:0 .3rem}
.review{background:#fff4ce;border-left:4px solid #bf8700;padding:.5rem .8rem}
.reviewed{color:#57606a}
textarea{width:100%;font-family:ui-monospace,monospace}
footer{color:#57606a;font-size:.85rem;text-align:center;padding:1rem}
"""


@dataclass
class PageContext:
    """How a page links: ``root`` leads from the page to the site root (``../../``);
    ``suffix`` is added to resource links (``.html`` on a static site with no rewrite rules)."""

    view: GraphView
    root: str = "/"
    suffix: str = ""
    dynamic: bool = True  # a live server (search, SPARQL and saved queries run)
    sources: dict[str, list[str]] = field(default_factory=dict)

    def href(self, path: str) -> str:
        return self.root + path

    def resource_href(self, iri: str) -> str | None:
        if iri.startswith(ONTOLOGY_NS) and len(iri) > len(ONTOLOGY_NS):
            return self.page_href("ontology") + "#" + iri[len(ONTOLOGY_NS):]
        path = self.view.path_for_iri(iri)
        return None if path is None else self.root + path + self.suffix

    def link(self, iri: str, text: str | None = None) -> str:
        label = esc(text if text is not None else self.view.label(iri))
        href = self.resource_href(iri)
        if href is None:
            return f'<a href="{esc(iri)}" rel="nofollow">{label}</a>'
        return f'<a href="{esc(href)}">{label}</a>'

    def page_href(self, name: str) -> str:
        """A site page (``search``, ``dataset``...): ``name.html`` on a static site."""
        return self.root + name + (".html" if not self.dynamic else "")


def esc(text: object) -> str:
    return escape(str(text), quote=True)


def json_for_script(data: object) -> str:
    """JSON that is safe inside ``<script>``: no ``</script>`` can close the element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def alternates(ctx: PageContext, stem_href: str) -> str:
    """Links to the machine-readable versions of a page (one per RDF format)."""
    items = []
    for ext, media in EXTENSIONS.items():
        if ext == "html":
            continue
        items.append(f'<a href="{esc(stem_href)}.{ext}" type="{media}">{ext}</a>')
    return '<p class="formats">Download: ' + "".join(items) + "</p>"


def page(ctx: PageContext, title: str, body: str, head: str = "") -> str:
    """A whole HTML document with the site's header (navigation and search box)."""
    search_action = ctx.page_href("search")
    nav = "".join(
        f'<a href="{esc(href)}">{esc(text)}</a>'
        for text, href in (
            ("oaskg", ctx.root + ("" if ctx.dynamic else "index.html")),
            ("Dataset", ctx.page_href("dataset")),
            ("Ontology", ctx.page_href("ontology")),
            ("Queries", ctx.page_href("queries")),
        )
    )
    if ctx.dynamic:
        nav += f'<a href="{esc(ctx.page_href("sparql"))}">SPARQL</a>'
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} — oaskg</title><link rel=\"icon\" href=\"data:,\">"
        f"<style>{STYLE}</style>{head}</head><body>"
        f"<header>{nav}<form action=\"{esc(search_action)}\" method=\"get\" role=\"search\">"
        '<input type="search" name="q" placeholder="Search labels" aria-label="Search labels">'
        "</form></header>"
        f"<main>{body}</main>"
        "<footer>The OAS cooperation-programs knowledge graph · data CC BY 4.0</footer>"
        "</body></html>\n"
    )


def link_list(ctx: PageContext, iris: list[str]) -> str:
    if not iris:
        return "<p>None.</p>"
    return "<ul>" + "".join(f"<li>{ctx.link(i)}</li>" for i in iris) + "</ul>"
