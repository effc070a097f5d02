"""``oaskg site``: the linked-data pages as static files, for any static web host.

Every resource ``id/x`` becomes ``id/x.html``, ``id/x.ttl``, ``id/x.jsonld`` and ``id/x.nt``;
the site also holds the index, search, the program browser (``programs.html``, filtered in the
browser by a small script), dataset (VoID/DCAT in HTML and RDF, ``.well-known/void``), the
ontology (HTML and Turtle), the saved queries, the dumps and an ``.htaccess`` whose rewrite
rules give Apache the same content negotiation as ``oaskg serve``
(:mod:`build_graph.web.htaccess`). The pages are in English; their Spanish copies are under
``es/`` (``es/id/x.html``), each page linking to its other-language copy.
The folder's rules (empty or written before, a manifest, no overwriting what it did not
write) are :mod:`build_graph.web.site_folder`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from build_graph.resources import data_dir
from build_graph.web import query_pages, site_pages
from build_graph.web.activities import facts
from build_graph.web.browser import browser_page
from build_graph.web.graphview import GraphView
from build_graph.web.htaccess import htaccess
from build_graph.web.layout import PageContext
from build_graph.web.negotiation import EXTENSIONS
from build_graph.web.pages import resource_page
from build_graph.web.site_folder import SiteFolder, SiteRefused
from build_graph.web.void import available_dumps, dump_bytes, void_graph

SAFE_PATH = re.compile(r"^id(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+$")


@dataclass(frozen=True)
class SiteReport:
    folder: Path
    resources: int
    files: int
    removed: tuple[str, ...] = ()


_Writer = SiteFolder  # writes inside one folder only (kept for callers of the old name)
SITE_PAGES = ("index.html", "search.html", "dataset.html", "ontology.html", "programs.html")
FIXED_FILES = SITE_PAGES + ("ontology.ttl", "dataset.ttl", "dataset.jsonld", "dataset.nt",
                            ".well-known/void", ".htaccess", "queries.html")
SPANISH = "es/"  # the folder of the Spanish pages


def resource_paths(view: GraphView) -> list[str]:
    """The ``id/...`` path of every resource the graph describes (subjects under the base)."""
    rows = view.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) }")
    paths = {view.path_for_iri(r["s"].value) for r in rows}
    return sorted(p for p in paths if p and SAFE_PATH.match(p))


def plan_site(view: GraphView, out_dir: Path) -> tuple[list[str], list[str]]:
    """(every file the site will hold, the resource paths), before anything is written."""
    paths = resource_paths(view)
    files = list(FIXED_FILES) + [SPANISH + name for name in SITE_PAGES]
    files += ["dumps/" + d.file_name for d in available_dumps(out_dir)]
    files += [f"queries/{q.name}.html" for q in query_pages.catalogue()]
    files += [f"{p}.{ext}" for p in paths for ext in EXTENSIONS]
    files += [f"{SPANISH}{p}.html" for p in paths]
    return files, paths


def write_site(view: GraphView, out_dir: Path, folder: Path,
               sources: dict[str, list[str]] | None = None, force: bool = False) -> SiteReport:
    """Write the static site of the graph built in ``out_dir`` into ``folder``.

    Raises :class:`SiteRefused` (nothing written) when the folder may not take it: see
    :mod:`build_graph.web.site_folder`.
    """
    planned, paths = plan_site(view, out_dir)
    w = SiteFolder(folder, force)
    w.check(planned)
    w.begin(planned)
    top = PageContext(view, root="", suffix=".html", dynamic=False, sources=sources or {})
    dumps = available_dumps(out_dir)
    for lang in ("en", "es"):
        _write_site_pages(w, _context(top, "", lang), dumps)
    w.write("ontology.ttl", (data_dir("ontology") / "oaskg.ttl").read_bytes())
    void = void_graph(view, dumps, sparql=False)
    w.write("dataset.ttl", void.serialize(format="turtle"))
    w.write("dataset.jsonld", void.serialize(format="json-ld"))
    w.write("dataset.nt", void.serialize(format="nt"))
    w.write(".well-known/void", void.serialize(format="turtle"))
    w.write(".htaccess", htaccess())
    for dump in dumps:
        w.write("dumps/" + dump.file_name, dump_bytes(out_dir, dump, view.store))
    saved = query_pages.catalogue()
    w.write("queries.html", query_pages.queries_page(top, saved))
    deeper = PageContext(view, root="../", suffix=".html", dynamic=False)
    for q in saved:
        w.write(f"queries/{q.name}.html", query_pages.query_page(deeper, q))
    for path in paths:
        _write_resource(w, view, path, top)
    removed = w.finish()
    return SiteReport(folder, len(paths), len(w.written), tuple(removed))


def _context(top: PageContext, page_path: str, lang: str) -> PageContext:
    """The context of the page at ``page_path`` (``id/org/oas.html``) in ``lang``: links
    relative to its language's folder, shared files relative to the site's top."""
    up = "../" * page_path.count("/")
    if lang == "en":
        return replace(top, root=up, lang=lang, here=page_path, data_root=None)
    return replace(top, root=up, lang=lang, here=page_path, data_root=up + "../")


def _write_site_pages(w: SiteFolder, ctx: PageContext, dumps) -> None:
    folder = "" if ctx.lang == "en" else SPANISH
    pages = {
        "index.html": lambda c: site_pages.index_page(c),
        "search.html": lambda c: site_pages.search_page(c, None),
        "dataset.html": lambda c: site_pages.dataset_page(c, dumps),
        "ontology.html": lambda c: site_pages.ontology_page(c),
        "programs.html": lambda c: browser_page(c, facts(c.view), {}),
    }
    for name, make in pages.items():
        w.write(folder + name, make(replace(ctx, here=name)))


def _write_resource(w: SiteFolder, view: GraphView, path: str, top: PageContext) -> None:
    iri = view.iri_for_path(path)
    if iri is None:
        return
    d = view.describe(iri)
    triples = d.outgoing + d.incoming
    for ext, media in EXTENSIONS.items():
        if ext != "html":
            w.write(f"{path}.{ext}", view.serialize(triples, media))
    jsonld = view.serialize(d.outgoing, "application/ld+json").decode()
    for lang, folder in (("en", ""), ("es", SPANISH)):
        ctx = _context(top, f"{path}.html", lang)
        w.write(f"{folder}{path}.html", resource_page(ctx, d, jsonld))


__all__ = ["SiteRefused", "SiteReport", "htaccess", "plan_site", "resource_paths", "write_site"]
