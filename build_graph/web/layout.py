"""HTML building blocks shared by every page. Every text goes through :func:`esc`.

A :class:`PageContext` says how one page links (the site's root, the static ``.html`` suffix)
and in which language it is written; its links keep an explicit ``?lang=`` choice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qsl, urlencode

from build_graph.vocab import OASKG
from build_graph.web.graphview import GraphView
from build_graph.web.i18n import other, text
from build_graph.web.negotiation import EXTENSIONS

ONTOLOGY_NS = str(OASKG)
SHARED_PAGES = ("queries", "sparql")  # pages a static site writes once, in English
STYLE = """
[hidden]{display:none!important}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1f24;
 line-height:1.5;background:#fafbfc}
header{background:#0b3d6e;color:#fff;padding:.6rem 1.5rem;display:flex;gap:1.5rem;
 align-items:center;flex-wrap:wrap}
header a{color:#fff;text-decoration:none;font-weight:600}
header form{margin-left:auto}
header input{padding:.3rem .5rem;border-radius:4px;border:0;min-width:14rem}
header .lang{font-weight:400;border:1px solid #fff8;border-radius:4px;padding:0 .4rem}
main{max-width:64rem;margin:0 auto;padding:1rem 1.5rem 3rem}
h1{font-size:1.6rem;margin:.8rem 0 .2rem}
h2{font-size:1.2rem;margin-top:1.8rem;border-bottom:1px solid #d0d7de}
h3{font-size:1.02rem;margin:1.2rem 0 .3rem}
.iri{font-family:ui-monospace,monospace;font-size:.85rem;color:#57606a;word-break:break-all}
.types,.muted,.note{color:#57606a}
.note{font-size:.85rem}
dl.props{display:grid;grid-template-columns:minmax(9rem,14rem) 1fr;gap:.3rem 1rem}
dl.props dt{font-weight:600;color:#24292f}
dl.props dd{margin:0}
ul.values{margin:0;padding-left:1.1rem}
blockquote,pre.source{background:#f1f3f5;border-left:4px solid #8c959f;margin:.5rem 0;
 padding:.5rem .8rem;white-space:pre-wrap;font-size:.9rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}
td,th{border-bottom:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f3f5}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.formats a{margin-right:.6rem}
.wikidata{background:#e8f1fb;border-radius:4px;padding:0 .3rem}
.review{background:#fff4ce;border-left:4px solid #bf8700;padding:.5rem .8rem}
.reviewed{color:#57606a}
.via,.badge{font-size:.8rem;background:#eef1f4;border-radius:4px;padding:0 .35rem;color:#424a53}
.badge.unit{background:#ddf4ff}
abbr[title]{text-decoration:underline dotted}
.facts{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;margin:.4rem 0 1rem;padding:0;list-style:none}
.facts li{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.3rem .7rem}
.facts b{font-size:1.2rem;display:block}
.browser{display:grid;grid-template-columns:16rem 1fr;gap:1.5rem}
.facet h3{margin:.8rem 0 .2rem;font-size:.95rem}
.facet ul{list-style:none;margin:0;padding:0;font-size:.9rem}
.facet li{display:flex;justify-content:space-between;gap:.5rem}
.facet li.on{font-weight:700}
.facet .count{color:#57606a;font-variant-numeric:tabular-nums}
.chosen a{margin-right:.6rem}
figure.picture{margin:1rem 0;background:#fff;border:1px solid #d0d7de;border-radius:6px}
figure.picture svg{width:100%;height:auto;display:block}
figure.picture figcaption{font-size:.85rem;color:#57606a;padding:.3rem .8rem}
.timeline td.bar{width:55%}
.timeline .span{background:#6a9fd4;height:.7rem;border-radius:3px;display:block}
.timeline .open{background:repeating-linear-gradient(90deg,#6a9fd4 0 6px,#c7dcf0 6px 10px)}
textarea{width:100%;font-family:ui-monospace,monospace}
footer{color:#57606a;font-size:.85rem;text-align:center;padding:1rem}
@media (max-width:50rem){.browser{grid-template-columns:1fr}}
"""


@dataclass
class PageContext:
    """How a page links: ``root`` leads from the page to the root of its language's pages
    (``../../``); ``data_root`` to the files every language shares (the RDF documents, dumps;
    the same as ``root`` unless a static site keeps its Spanish pages under ``es/``);
    ``suffix`` is added to resource links (``.html`` on a static site with no rewrite rules).
    ``lang`` is the page's language; ``keep_lang`` adds ``?lang=`` to its links (the reader
    chose it explicitly); ``here`` is the page's own path under ``root`` (with its query
    string on a live server), for the link to the other language."""

    view: GraphView
    root: str = "/"
    suffix: str = ""
    dynamic: bool = True  # a live server (search, SPARQL and saved queries run)
    sources: dict[str, list[str]] = field(default_factory=dict)
    lang: str = "en"
    keep_lang: bool = False
    here: str = ""
    data_root: str | None = None

    # --- words ---------------------------------------------------------------------------
    def t(self, key: str, **values: object) -> str:
        """The interface text ``key`` in the page's language (not escaped)."""
        return text(self.lang, key, **values)

    def label(self, iri: str) -> str:
        return self.view.label(iri, self.lang)

    # --- links ---------------------------------------------------------------------------
    def keep(self, href: str) -> str:
        """``href`` with the page's explicit language choice carried along."""
        if not (self.keep_lang and self.dynamic):
            return href
        path, _, query = href.partition("?")
        anchor = ""
        if "#" in (query or path):
            if query:
                query, _, anchor = query.partition("#")
            else:
                path, _, anchor = path.partition("#")
            anchor = "#" + anchor
        pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "lang"]
        return f"{path}?{urlencode(pairs + [('lang', self.lang)])}{anchor}"

    def href(self, path: str) -> str:
        """A file every language shares (dumps, ``ontology.ttl``)."""
        return (self.root if self.data_root is None else self.data_root) + path

    def resource_href(self, iri: str) -> str | None:
        if iri.startswith(ONTOLOGY_NS) and len(iri) > len(ONTOLOGY_NS):
            return self.page_href("ontology") + "#" + iri[len(ONTOLOGY_NS):]
        path = self.view.path_for_iri(iri)
        return None if path is None else self.keep(self.root + path + self.suffix)

    def link(self, iri: str, text: str | None = None, title: str | None = None) -> str:
        label = esc(text if text is not None else self.label(iri))
        tip = f' title="{esc(title)}"' if title else ""
        href = self.resource_href(iri)
        if href is None:
            return f'<a href="{esc(iri)}" rel="nofollow"{tip}>{label}</a>'
        return f'<a href="{esc(href)}"{tip}>{label}</a>'

    def page_href(self, name: str, query: str = "") -> str:
        """A site page (``search``, ``dataset``, ``programs``...): ``name.html`` on a static
        site; ``query`` is its query string (without ``?``)."""
        root = self.root
        if not self.dynamic and name in SHARED_PAGES and self.data_root is not None:
            root = self.data_root
        href = root + name + (".html" if not self.dynamic else "")
        return self.keep(href + ("?" + query if query else ""))

    def home_href(self) -> str:
        return self.keep(self.root + ("" if self.dynamic else "index.html"))

    def other_language_href(self) -> str:
        """This page in the other language."""
        lang = other(self.lang)
        if self.dynamic:
            path, _, query = self.here.partition("?")
            pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "lang"]
            return self.root + path + "?" + urlencode(pairs + [("lang", lang)])
        top = self.root if self.data_root is None else self.data_root
        return top + ("es/" if lang == "es" else "") + self.here


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
    return f'<p class="formats">{esc(ctx.t("download"))}: ' + "".join(items) + "</p>"


def page(ctx: PageContext, title: str, body: str, head: str = "") -> str:
    """A whole HTML document with the site's header (navigation, search box, language)."""
    nav = "".join(
        f'<a href="{esc(href)}">{esc(label)}</a>'
        for label, href in (
            ("oaskg", ctx.home_href()),
            (ctx.t("programs"), ctx.page_href("programs")),
            (ctx.t("dataset"), ctx.page_href("dataset")),
            (ctx.t("ontology"), ctx.page_href("ontology")),
            (ctx.t("queries"), ctx.page_href("queries")),
        )
    )
    if ctx.dynamic:
        nav += f'<a href="{esc(ctx.page_href("sparql"))}">SPARQL</a>'
    lang = other(ctx.lang)
    nav += (f'<a class="lang" href="{esc(ctx.other_language_href())}" hreflang="{lang}" '
            f'lang="{lang}">{esc(text(lang, "language name"))}</a>')
    keep = (f'<input type="hidden" name="lang" value="{esc(ctx.lang)}">'
            if ctx.keep_lang and ctx.dynamic else "")
    search = esc(ctx.t("search labels"))
    action = ctx.root + "search" + ("" if ctx.dynamic else ".html")
    return (
        f"<!DOCTYPE html>\n<html lang=\"{esc(ctx.lang)}\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)} — oaskg</title><link rel=\"icon\" href=\"data:,\">"
        f"<style>{STYLE}</style>{head}</head><body>"
        f"<header>{nav}<form action=\"{esc(action)}\" method=\"get\" role=\"search\">"
        f'<input type="search" name="q" placeholder="{search}" aria-label="{search}">{keep}'
        "</form></header>"
        f"<main>{body}</main>"
        f"<footer>{esc(ctx.t('footer'))}</footer>"
        "</body></html>\n"
    )


def link_list(ctx: PageContext, iris: list[str]) -> str:
    if not iris:
        return f"<p>{esc(ctx.t('none'))}</p>"
    return "<ul>" + "".join(f"<li>{ctx.link(i)}</li>" for i in iris) + "</ul>"
